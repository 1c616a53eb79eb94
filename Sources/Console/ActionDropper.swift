import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules
import Synchronization

/// The console's only way to act (SPEC §17): it drops a §7 ack file into `acks/` or a §14
/// command file into `commands/`, atomically (written under the directory's `.tmp/`, then
/// renamed in), and later reads the daemon's verdict from `processed/` or `rejected/`.
/// It never writes the state database.
public struct ActionDropper: Sendable {
    public let layout: SpoolLayout
    public let timeZone: TimeZone
    /// The state directory (read-only), where `CommandDrop.distinct` finds the commands taken.
    public let stateDirectory: String

    public init(layout: SpoolLayout, timeZone: TimeZone, stateDirectory: String) {
        self.layout = layout
        self.timeZone = timeZone
        self.stateDirectory = stateDirectory
    }

    /// A dropped file: its name, so the page can follow it to `processed/` or `rejected/`.
    public struct Dropped: Sendable, Equatable {
        public let name: String
        public let directory: String
    }

    static func safe(_ text: String) -> String {
        String(text.prefix(80).map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
    }

    public func ack(_ ack: Acknowledgement) throws -> Dropped {
        let name = "ack-\(Self.safe(ack.orderID))-\(ack.status.rawValue)-\(Self.stamp()).json"
        let placed = try SpoolDrop.place(AckEncoder.encode(ack, timeZone: timeZone), as: name,
                                         into: layout.acks, staging: layout.acksStaging)
        return Dropped(name: placed.escaped, directory: layout.acks)
    }

    /// A §14 command, through the library's encoder and drop (`commands/`,
    /// `cmd-KIND-TARGET-MILLIS.json`), made distinct first (`CommandDrop.distinct`): the same
    /// action twice within one second is two files with different `at`, each applied or
    /// refused on its own, never a duplicate. The lock spans the check and the drop, so two
    /// requests at once cannot both pick the same `at`; a command dated ahead is dropped only
    /// once its time has come (the wait is outside the lock).
    public func command(_ command: OperatorCommand) async throws -> Dropped {
        while true {
            let outcome: CommandOutcome = try Self.commandLock.withLock { _ throws(SystemError) in
                let candidate = CommandDrop.distinct(command, in: layout, stateDirectory: stateDirectory, timeZone: timeZone)
                guard candidate.at <= Date() else { return .notBefore(candidate.at) }
                return .placed(try CommandDrop.place(candidate, in: layout, timeZone: timeZone))
            }
            switch outcome {
            case .placed(let placed): return Dropped(name: placed.escaped, directory: layout.commands)
            case .notBefore(let at): try? await Task.sleep(for: .milliseconds(Int(max(0, at.timeIntervalSinceNow) * 1000) + 5))
            }
        }
    }

    enum CommandOutcome { case placed(FileName), notBefore(Date) }

    /// One command drop of this process at a time (from `distinct` to `place`).
    static let commandLock = Mutex(())

    /// A new incident (the report form) dropped into `incoming/` as a native §3.1 input.
    public func incident(_ bytes: [UInt8], id: String) throws -> Dropped {
        let placed = try SpoolDrop.place(bytes, as: "console-report-\(Self.safe(id)).json", into: layout.incoming,
                                         staging: layout.incomingStaging)
        return Dropped(name: placed.escaped, directory: layout.incoming)
    }

    static func stamp() -> String {
        "\(Int(Date().timeIntervalSince1970 * 1000))-\(SessionStore.randomToken().prefix(6))"
    }

    /// What became of a dropped file: still waiting, applied (in `processed/DATE/`), or
    /// rejected with the daemon's `.error` text.
    public enum Verdict: Sendable, Equatable {
        case waiting, applied, rejected(String)
    }

    public func verdict(of name: String) -> Verdict {
        let fm = FileManager.default
        if let text = try? String(contentsOfFile: layout.rejected + "/" + name + ".error", encoding: .utf8) {
            return .rejected(text)
        }
        if let days = try? fm.contentsOfDirectory(atPath: layout.processed) {
            for day in days.sorted().reversed().prefix(3) where fm.fileExists(atPath: layout.processed + "/" + day + "/" + name) {
                return .applied
            }
        }
        return .waiting
    }
}
