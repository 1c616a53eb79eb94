import Glibc
import Logging
import Platform

/// Where the daemon's logs go (`--log auto|journal|stderr`, SPEC §11), decided once at start.
///
/// `auto` picks the native journal protocol when systemd connected stderr to journald
/// (`JOURNAL_STREAM` names stderr's device and inode); otherwise stderr lines, with `<N>`
/// priority prefixes when stderr is not a terminal (journald's stream capture, or a pipe) and
/// readable level words when it is.
public enum LogDestination: Equatable, Sendable {
    case journal
    case prefixedLines
    case humanLines

    public enum Choice: String, Sendable, CaseIterable { case auto, journal, stderr }

    /// The pure decision, from the facts about the process's stderr.
    public static func resolve(_ choice: Choice, stderrIsJournal: Bool, stderrIsTerminal: Bool) -> LogDestination {
        switch choice {
        case .journal: .journal
        case .auto where stderrIsJournal: .journal
        case .auto, .stderr: stderrIsTerminal ? .humanLines : .prefixedLines
        }
    }

    /// The decision for this process.
    public static func resolve(_ choice: Choice) -> LogDestination {
        resolve(choice, stderrIsJournal: JournalStream.stderrIsJournal(), stderrIsTerminal: isatty(STDERR_FILENO) == 1)
    }

    /// A handler factory for `LoggingSystem.bootstrap`. Throws when `.journal` was chosen but the
    /// journal socket cannot be opened (journald not running): the message says what to do.
    public func makeFactory(level: Logger.Level, socketPath: String = JournalWriter.defaultSocketPath)
        throws -> @Sendable (String) -> any LogHandler {
        switch self {
        case .journal:
            let writer: JournalWriter
            do {
                writer = try JournalWriter(socketPath: socketPath)
            } catch {
                throw LogDestinationError(message: "--log journal: cannot use the journal socket: \(error); "
                    + "is systemd-journald running? Use --log stderr to log to stderr instead")
            }
            return { label in JournalLogHandler(label: label, level: level, writer: writer) }
        case .prefixedLines:
            return { label in StderrLogHandler(label: label, level: level, prefixPriority: true) }
        case .humanLines:
            return { label in StderrLogHandler(label: label, level: level, prefixPriority: false) }
        }
    }
}

/// The journal was asked for but cannot be reached.
public struct LogDestinationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
