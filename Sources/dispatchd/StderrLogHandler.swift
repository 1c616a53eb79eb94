import Foundation
import Logging

/// One log line per entry on stderr (SPEC §11): with a `<N>` syslog priority prefix when stderr
/// is not a terminal (journald's stream capture and `sd-daemon.h` read it), with a readable
/// level word when it is. Message text first, then `key=value` metadata, sorted.
struct StderrLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level
    let label: String
    let prefixPriority: Bool

    init(label: String, level: Logger.Level, prefixPriority: Bool) {
        self.label = label
        self.logLevel = level
        self.prefixPriority = prefixPriority
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        var line = prefixPriority ? "<\(StderrLogHandler.priority(event.level))>" : "\(StderrLogHandler.word(event.level)): "
        line += event.message.description
        for key in merged.keys.sorted() {
            line += " \(key)=\(StderrLogHandler.quoted("\(merged[key]!)"))"
        }
        line = line.replacingOccurrences(of: "\n", with: "\\n") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// syslog priorities: 2 critical, 3 error, 4 warning, 5 notice, 6 info, 7 debug.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    static func word(_ level: Logger.Level) -> String {
        switch level {
        case .critical: "CRITICAL"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        case .trace: "trace"
        }
    }

    static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || value.isEmpty
            ? "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : value
    }
}
