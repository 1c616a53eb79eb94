import Logging
import Platform

/// The swift-log handler for the journal (SPEC §11): every entry becomes one native journal
/// entry (fields per `JournalEntry`), sent through `JournalWriter`.
///
/// Invariants:
/// - A log call never throws and never stops the daemon: when the journal cannot take an entry
///   (journald restarting, socket gone, buffer full) the entry is written to stderr as a
///   `<N>`-prefixed line instead, which journald's stream capture still records.
/// - Handlers are values (swift-log copies them per `Logger`); they share one `JournalWriter`.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public let label: String
    private let writer: JournalWriter
    private let fallbackWrite: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, writer: JournalWriter,
                fallbackWrite: @escaping @Sendable (String) -> Void = StderrLogHandler.writeToStderr) {
        self.label = label
        self.logLevel = level
        self.writer = writer
        self.fallbackWrite = fallbackWrite
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let fields = JournalEntry.fields(level: event.level, message: event.message.description, metadata: merged,
                                         file: event.file, function: event.function, line: event.line)
        do {
            try writer.send(fields)
        } catch {
            merged["journal_error"] = "\(error)"
            fallbackWrite(StderrLogHandler.line(level: event.level, message: event.message.description,
                                                metadata: merged, prefixPriority: true))
        }
    }
}
