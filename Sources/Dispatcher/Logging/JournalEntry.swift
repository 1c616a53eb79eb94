import Logging
import Platform

/// How one swift-log entry becomes journal fields (SPEC §11).
///
/// - `MESSAGE` (the constant text), `PRIORITY` (syslog 2…7), `SYSLOG_IDENTIFIER=dispatchd`,
///   `CODE_FILE`, `CODE_LINE`, `CODE_FUNC`.
/// - `event` becomes `DISPATCH_EVENT`, and its stable `MESSAGE_ID` (see `EventMessageID`).
/// - Every other metadata key is upper-cased with anything but letters and digits turned into
///   `_` (`incident.id` → `INCIDENT_ID`, `escalation.step` → `ESCALATION_STEP`). A name the
///   journal reserves (`MESSAGE`, `PRIORITY`, `CODE_…`, `SYSLOG_…`) or that would not be valid
///   (leading digit or `_`) is prefixed with `DISPATCH_`; names are cut at 64 characters.
/// - Values are sent as they are (UTF-8, newlines included): nothing is escaped or truncated.
public enum JournalEntry {
    public static let identifier = "dispatchd"

    /// The fields for one entry, in a stable order (fixed fields, then metadata sorted by name).
    public static func fields(level: Logger.Level, message: String, metadata: Logger.Metadata,
                              file: String, function: String, line: UInt) -> [JournalField] {
        var fields = [
            JournalField("MESSAGE", message),
            JournalField("PRIORITY", "\(SyslogPriority.of(level))"),
            JournalField("SYSLOG_IDENTIFIER", identifier),
        ]
        if let event = metadata["event"].map({ "\($0)" }) {
            if let id = EventMessageID.forEvent(event) { fields.append(JournalField("MESSAGE_ID", id)) }
            fields.append(JournalField("DISPATCH_EVENT", event))
        }
        fields += [
            JournalField("CODE_FILE", file),
            JournalField("CODE_LINE", "\(line)"),
            JournalField("CODE_FUNC", function),
        ]
        var seen = Set(fields.map(\.name))
        let mapped = metadata.filter { $0.key != "event" }
            .map { (name: fieldName(forMetadataKey: $0.key), value: "\($0.value)") }
            .sorted { $0.name < $1.name }
        for (name, value) in mapped where seen.insert(name).inserted {
            fields.append(JournalField(name, value))
        }
        return fields
    }

    /// `incident.id` → `INCIDENT_ID`; reserved or invalid names get a `DISPATCH_` prefix.
    public static func fieldName(forMetadataKey key: String) -> String {
        var name = String(key.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z": Character(String(scalar).uppercased())
            case "A"..."Z", "0"..."9": Character(scalar)
            default: "_"
            }
        })
        let reserved = ["MESSAGE", "MESSAGE_ID", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC",
                        "SYSLOG_IDENTIFIER", "SYSLOG_PID", "SYSLOG_FACILITY", "SYSLOG_TIMESTAMP",
                        "DISPATCH_EVENT", "ERRNO", "INVOCATION_ID", "USER_INVOCATION_ID"]
        if name.isEmpty || reserved.contains(name) || name.first == "_" || name.first!.isNumber {
            name = "DISPATCH_" + name
        }
        return String(name.prefix(64))
    }
}

/// syslog priorities as journald and `sd-daemon.h` use them.
public enum SyslogPriority {
    /// 2 critical, 3 error, 4 warning, 5 notice, 6 info, 7 debug and trace.
    public static func of(_ level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }
}
