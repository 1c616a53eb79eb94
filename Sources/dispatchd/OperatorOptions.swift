import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `--by`, `--note` and `--wait [SECONDS]`, shared by the operator commands (SPEC §14).
struct OperatorOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Who gives the command (recorded); defaults to the login name.", valueName: "NAME"))
    var by: String?

    @Option(name: .long, help: ArgumentHelp("A free-text note (recorded).", valueName: "TEXT"))
    var note: String?

    @Option(name: .long, help: ArgumentHelp("""
        Wait up to SECONDS (10 when given alone) for the daemon's verdict: exit 0 applied, \
        1 rejected (the reason is printed) or no verdict in time.
        """, valueName: "SECONDS"))
    var wait: Int?

    /// The person named in the file: `--by`, else the login name.
    var person: String { by.map { $0.trimmingCharacters(in: .whitespaces) } ?? LoginName.current() }

    func validate() throws {
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(texts(.byEmpty)) }
        if let wait, wait < 0 { throw ValidationError(texts(.waitNegative, "\(wait)")) }
    }
}

/// `--wait` may stand alone (SPEC §14: `--wait [SECONDS]`, default 10): before parsing, a
/// `--wait` not followed by a number gets `10`. `--wait=N` and `--wait N` pass unchanged.
enum WaitArgument {
    static let defaultSeconds = 10

    static func normalized(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (index, argument) in arguments.enumerated() {
            out.append(argument)
            if argument == "--wait", index + 1 >= arguments.count || Int(arguments[index + 1]) == nil {
                out.append("\(defaultSeconds)")
            }
        }
        return out
    }
}

/// Drops one file the CLI wrote into a spool directory, prints where, and with `--wait`
/// prints the daemon's verdict. Exit codes of SPEC §14: 0 dropped (with `--wait`: applied),
/// 1 not dropped, rejected, or no verdict in time.
enum OperatorDrop {
    /// A name no other drop uses: the kind, a readable subject, the time and a random tag.
    static func uniqueName(kind: String, subject: String) -> String {
        let safe = String(subject.prefix(80).map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(kind)-\(safe)-\(Int(Date().timeIntervalSince1970 * 1000))-\(tag).json"
    }

    /// An operator command (SPEC §14), written only through the command encoder into `commands/`.
    static func command(_ command: OperatorCommand, county: County, wait: Int?, dropped: (String) -> String) throws {
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        let command = distinct(command, county: county, layout: layout)
        try drop(into: layout.commands, layout: layout, wait: wait, dropped: dropped) {
            try CommandDrop.place(command, in: layout, timeZone: county.settings.timeZone)
        }
    }

    /// The command made distinct from any already taken or waiting (`CommandDrop.distinct`:
    /// the same command twice within one second must not be a duplicate), dated no later than now.
    static func distinct(_ command: OperatorCommand, county: County, layout: SpoolLayout) -> OperatorCommand {
        let candidate = CommandDrop.distinct(command, in: layout, stateDirectory: county.settings.state,
                                             timeZone: county.settings.timeZone)
        if candidate.at > Date() { Thread.sleep(until: candidate.at) }   // never dated in the future
        return candidate
    }

    /// `place` writes the file and returns its name in `directory`.
    static func drop(into directory: String, layout: SpoolLayout, wait: Int?, dropped: (String) -> String,
                     place: () throws -> FileName) throws {
        let placed: FileName
        do {
            placed = try place()
        } catch {
            Terminal.error(texts(.cannotDrop, directory, "\(error)"))
            throw ExitCode(1)
        }
        Terminal.print(dropped("\(directory)/\(placed.escaped)"))
        guard let wait else { return }
        switch VerdictWait.wait(for: placed, layout: layout, seconds: wait) {
        case .applied(let path):
            Terminal.print(texts(.waitApplied, path))
        case .rejected(let path, let reason):
            Terminal.error(texts(.waitRejected, path))
            Terminal.error(reason)
            throw ExitCode(1)
        case .timedOut:
            Terminal.error(texts(.waitTimedOut, "\(wait)", "\(directory)/\(placed.escaped)"))
            throw ExitCode(1)
        }
    }
}
