import ArgumentParser
import Dispatch
import Dispatcher
import Foundation
import Logging
import Platform
import Rules

/// `dispatchd run` (the default): the daemon in the foreground.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground: exit 0 on a clean stop, 1 on a fatal error, 2 usage.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: """
        Where logs go: auto (the journal when systemd connected stderr to journald, else stderr), \
        journal (the native journal protocol), or stderr (<N> priority prefixes when not a terminal).
        """)
    var log: LogTarget = .auto

    enum LogTarget: String, ExpressibleByArgument, CaseIterable { case auto, journal, stderr }

    @Option(name: .long, help: "The lowest level logged: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let factory: @Sendable (String) -> any LogHandler
        do {
            factory = try LogDestination.resolve(LogDestination.Choice(rawValue: log.rawValue) ?? .auto).makeFactory(level: level)
        } catch {
            FileHandle.standardError.write(Data("dispatchd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        LoggingSystem.bootstrap(factory)
        let logger = Logger(label: "dispatchd")
        let county = try options.loadCounty()
        let daemon = Daemon(county: county, configPath: options.resolvedPath(), logger: logger, readConfig: ConfigOptions.reader)
        // Before start(): a SIGTERM that arrives right after READY=1 must stop cleanly, not kill.
        // The handler runs on the event loop, so a signal during start-up waits for it to finish.
        daemon.handleSignals { Foundation.exit(0) }
        do {
            try daemon.start()
        } catch {
            logger.critical("cannot start", metadata: ["event": "start_failed", "error": "\(error)"])
            throw ExitCode(1)
        }
        logger.notice("drop incident files into the incoming directory; orders appear in outgoing",
                      metadata: ["incoming": "\(county.settings.spool)/incoming", "acks": "\(county.settings.spool)/acks",
                                 "outgoing": "\(county.settings.spool)/outgoing"])
        dispatchMain()
    }
}
