import Foundation
import Logging
import Platform
import Rules

/// Takes input files from the drop directories through to `processed/` or `rejected/`
/// (SPEC §2), in batches that share one transaction (group commit).
///
/// Invariants (the Postfix queue discipline):
/// - A file is claimed by renaming it into `active/` (or `active/acks/`, `active/commands/`:
///   `IntakeSources`) before it is read,
///   and read only through one descriptor opened without following links or blocking.
/// - It leaves `active/` only after its effects are committed: to `processed/YYYY-MM-DD/`,
///   or to `rejected/` with `NAME.error` written first.
/// - A transient fault (disk full, I/O error, database busy) never rejects: the claimed files
///   go back to the drop directory and the batch is retried with backoff.
/// - Nothing an operator gave is ever deleted.
///
/// Crash recovery: whatever is in `active/` at start-up was in flight and is processed again;
/// an input whose effects had committed is then recognised by its key and hash as a duplicate
/// and filed with no second effect.
final class Intake {
    enum Source: Sendable, CaseIterable { case incident, ack, command }

    struct Claimed {
        var source: Source
        var directory: String
        var name: FileName
        var original: FileName
    }

    enum Verdict {
        case decoded(InputDecoding.Decoded, InputFacts)
        case refused(String, InputFacts?)
    }

    let layout: SpoolLayout
    let logger: Logger
    let authorization = IntakeAuthorization()
    /// How a claimed file is read: `SpoolFiles.readInput`; a test puts a fault here.
    var readFile: (_ directory: String, _ name: FileName, _ maxBytes: Int64) throws(InputReadError) -> InputFile =
        { directory, name, maxBytes throws(InputReadError) in try SpoolFiles.readInput(directory, name, maxBytes: maxBytes) }

    init(layout: SpoolLayout, logger: Logger) {
        self.layout = layout
        self.logger = logger
    }

    /// Claims `name` from its drop directory into `active/`; nil when it is gone or cannot be
    /// moved (logged; the scan retries).
    func claim(_ name: FileName, source: Source) -> Claimed? {
        let (from, to) = (layout.dropDirectory(for: source), layout.activeDirectory(for: source))
        do {
            guard try SpoolFiles.exists(from, name) else { return nil }
            let claimedName = try SpoolFiles.moveUnique(name, from: from, to: to)
            return Claimed(source: source, directory: to, name: claimedName, original: name)
        } catch {
            if error.errno != ENOENT {
                logger.error("cannot claim input", metadata: ["event": "claim_failed", "file": "\(name.escaped)",
                                                              "error": "\(error)"])
            }
            return nil
        }
    }

    /// Files left in `active/` by a previous run: claimed already, processed again now.
    func leftovers() -> [Claimed] {
        var claimed: [Claimed] = []
        for source in Source.allCases {
            let directory = layout.activeDirectory(for: source)
            let entries = (try? SpoolFiles.list(directory)) ?? []
            for entry in entries where entry.kind != .directory {
                claimed.append(Claimed(source: source, directory: directory, name: entry.name, original: entry.name))
            }
        }
        return claimed
    }

    /// Reads and decodes one claimed file. Throws only for environment faults.
    func read(_ claimed: Claimed, county: County) throws -> Verdict {
        let file: InputFile
        do {
            file = try readFile(claimed.directory, claimed.name, Int64(county.settings.maxInputBytes))
        } catch {
            switch error {
            case .refused(let refusal): return .refused(refusal.description, nil)
            case .system(let systemError): throw systemError
            }
        }
        let display = claimed.original.escaped
        let facts = InputFacts(fileName: display, sha256: SHA256.hex(of: file.bytes), size: file.size, ownerUID: file.ownerUID)
        let decoded: InputDecoding.Decoded
        do throws(InputError) {
            switch claimed.source {
            case .incident:
                switch try InputDecoding.decode(fileName: display, bytes: file.bytes, county: county) {
                case .dispatch(let message, _): decoded = .incident(message)
                case .ignored(let message, let reason, _): decoded = .ignoredIncident(message, reason: reason)
                }
            case .ack:
                decoded = .ack(try AckDecoder.decode(file.bytes))
            case .command:
                decoded = .command(try OperatorCommandDecoder.decode(file.bytes))
            }
        } catch {
            return .refused(error.described(file: display), facts)
        }
        if let refusal = authorization.refusal(for: decoded, ownerUID: file.ownerUID, county: county, logger: logger) {
            return .refused("\(display): \(refusal)", facts)
        }
        return .decoded(decoded, facts)
    }

    /// Moves a claimed file whose effects have committed into `processed/YYYY-MM-DD/`.
    func fileProcessed(_ claimed: Claimed, now: Date) throws {
        let day = try SpoolFiles.datedSubdirectory(layout.processed, date: now)
        try SpoolFiles.moveUnique(claimed.name, from: claimed.directory, to: day)
    }

    /// Moves a bad input to `rejected/` with its `NAME.error` companion (written first, so a
    /// file in `rejected/` always has its reason beside it).
    func fileRejected(_ claimed: Claimed, reason: String, now: Date, timeZone: TimeZone) throws {
        let target = try SpoolFiles.uniqueName(in: layout.rejected, for: claimed.original)
        let text = """
        dispatchd rejected '\(claimed.original.escaped)' at \(RFC3339.format(now, in: timeZone)):
        \(reason)

        The file is kept beside this note as '\(target.escaped)'. Fix it and submit it again \
        (for example with `dispatchd submit FILE`).

        """
        try SpoolFiles.writeErrorFile(layout.rejected, forName: target, text: text)
        if try SpoolFiles.move(claimed.name, from: claimed.directory, to: layout.rejected, newName: target) == .destinationExists {
            try SpoolFiles.moveUnique(claimed.name, from: claimed.directory, to: layout.rejected)
        }
        logger.warning("input rejected", metadata: ["event": "input_rejected", "file": "\(claimed.original.escaped)",
                                                    "reason": "\(reason)"])
    }

    /// Puts a claimed file back in its drop directory after a transient fault; returns the
    /// name it got there (nil when it could not be moved and stays in `active/`).
    @discardableResult
    func giveBack(_ claimed: Claimed) -> FileName? {
        let to = layout.dropDirectory(for: claimed.source)
        do {
            return try SpoolFiles.moveUnique(claimed.name, from: claimed.directory, to: to)
        } catch {
            logger.error("cannot return input to the drop directory; it stays in active/ and is retried",
                         metadata: ["event": "give_back_failed", "file": "\(claimed.name.escaped)", "error": "\(error)"])
            return nil
        }
    }
}
