import ArgumentParser
import Foundation

/// The `dispatchd` executable: a thin command layer over `Rules` and `Dispatcher`.
///
/// Exit codes follow SPEC §10: 0 success, 1 failure (invalid config, bad input, fatal state),
/// 2 usage. swift-argument-parser reports usage errors as 64 (EX_USAGE); they are mapped to 2.
/// `main` is synchronous on purpose: the daemon must run on the main thread, so that the
/// signal mask set up before start-up is inherited by every thread Dispatch creates later.
@main
enum Main {
    static func main() {
        do {
            var command = try DispatchdCommand.parseAsRoot(WaitArgument.normalized(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            let code = DispatchdCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((DispatchdCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            DispatchdCommand.exit(withError: error)
        }
    }
}

struct DispatchdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatchd",
        abstract: "Turns emergency incident files into mobilization orders (平急转换).",
        discussion: """
        Without a subcommand, runs the daemon in the foreground. Config lookup without --config: \
        $DISPATCHD_CONFIG, then ./config/dispatchd.yaml, then /etc/dispatchd/dispatchd.yaml.
        """,
        version: VersionInfo.text,
        subcommands: [RunCommand.self, CheckCommand.self, PlanCommand.self, SubmitCommand.self, AckCommand.self,
                      StatusCommand.self,
                      ReportCommand.self, CancelCommand.self, CloseCommand.self, DispatchCommand.self, StanddownCommand.self,
                      ReassignCommand.self, TeamCommand.self, DutyCommand.self, ShowCommand.self, HistoryCommand.self,
                      HandoverCommand.self,
                      BackupCommand.self, RestoreCommand.self, PruneCommand.self, RuleTestCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
