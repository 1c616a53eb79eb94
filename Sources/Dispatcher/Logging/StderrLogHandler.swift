import Foundation
import Logging

/// One log line per entry on stderr (SPEC §11): with a `<N>` syslog priority prefix when stderr
/// is not a terminal (journald's stream capture and `sd-daemon.h` read it), with a readable
/// level word when it is. Message text first, then `key=value` metadata, sorted; a line never
/// spans lines (newlines in values are written as `\n`).
public struct StderrLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let label: String
    public let prefixPriority: Bool
    private let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, prefixPriority: Bool,
                write: @escaping @Sendable (String) -> Void = StderrLogHandler.writeToStderr) {
        self.label = label
        self.logLevel = level
        self.prefixPriority = prefixPriority
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        write(StderrLogHandler.line(level: event.level, message: event.message.description, metadata: merged,
                                    prefixPriority: prefixPriority))
    }

    /// The line for one entry, newline-terminated.
    public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata,
                            prefixPriority: Bool) -> String {
        var line = prefixPriority ? "<\(SyslogPriority.of(level))>" : "\(word(level)): "
        line += message
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoted("\(metadata[key]!)"))"
        }
        // One line per entry: an embedded newline is written as `\n` (checked first: most have none).
        return (line.utf8.contains(0x0A) ? line.replacingOccurrences(of: "\n", with: "\\n") : line) + "\n"
    }

    @Sendable public static func writeToStderr(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
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
