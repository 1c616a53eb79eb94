import Foundation
import Platform
import Rules

extension CommandDrop {
    /// The command, its `at` moved on by whole seconds while its bytes equal those of a
    /// command already taken (the state's inputs), claimed, or still waiting in `commands/`. `at` has
    /// whole seconds, so the same command given twice within one second would be the same
    /// file, which the daemon files as a duplicate with no effect (SPEC §3.3); but each act
    /// of an operator (a CLI invocation, a console click) must apply or be refused on its own.
    ///
    /// The result may lie up to a few seconds ahead: the caller waits until its `at` before
    /// placing it (a command is never dated in the future). Used by the CLI and the console;
    /// two writers of one process must hold a lock from this call to `place` (the console does).
    public static func distinct(_ command: OperatorCommand, in layout: SpoolLayout, stateDirectory: String,
                                timeZone: TimeZone) -> OperatorCommand {
        let lookup = StateLookup.open(stateDirectory: stateDirectory)
        // Waiting in `commands/`, or claimed by the daemon (`active/commands/`) and not yet
        // committed: a file is always in one of these or in the state's inputs.
        let waiting = Set([layout.commands, layout.activeCommands].flatMap { directory in
            ((try? SpoolFiles.list(directory)) ?? []).compactMap { entry in
                (try? SpoolFiles.readSmallFile(directory, entry.name, maxBytes: 1 << 20)).flatMap { $0 }.map { SHA256.hex(of: $0) }
            }
        })
        // `at` keeps its fraction until it must move: the file name has milliseconds, and two
        // drops in one second must not share a name (a verdict is looked up by name).
        var candidate = command
        for _ in 0..<60 {
            let sha = SHA256.hex(of: OperatorCommandEncoder.encode(candidate, timeZone: timeZone))
            let taken = (try? lookup?.commandTaken(sha256: sha)) ?? false
            if !taken && !waiting.contains(sha) { break }
            candidate.at = wholeSeconds(candidate.at.addingTimeInterval(1))
        }
        return candidate
    }

    /// Whole seconds since 1970 (the resolution of `at` in a command file).
    static func wholeSeconds(_ date: Date) -> Date { Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)) }
}
