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

    @Flag(name: .long, help: """
        Run even as root while the dispatchd service user exists (refused otherwise: the service runs as that user).
        """)
    var allowRoot = false

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
        try checkPrivileges(logger: logger)
        let county = try options.loadCounty()
        let stateLock = try lockState(county.settings.state, logger: logger)
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
        withExtendedLifetime(stateLock) { dispatchMain() }
    }

    /// One daemon per state directory (`StateLock`, which `restore` takes too); held until exit.
    private func lockState(_ state: String, logger: Logger) throws -> StateLock {
        do {
            if let lock = try StateLock.acquire(stateDirectory: state) { return lock }
            logger.critical("\(AdminTexts.daemonAlreadyRunning)",
                            metadata: ["event": "start_failed", "lock": "\(state)/\(StateLock.fileName)"])
        } catch {
            logger.critical("cannot take the state lock", metadata: ["event": "start_failed", "error": "\(error)"])
        }
        throw ExitCode(1)
    }

    /// Refuses root while the service user exists, unless `--allow-root` (see `RootPolicy`).
    private func checkPrivileges(logger: Logger) throws {
        let serviceUser = RootPolicy.serviceUser(environment: ProcessInfo.processInfo.environment)
        let policy = RootPolicy.decide(uid: currentUID(), serviceUser: serviceUser,
                                       serviceUserExists: UserAccounts.exists(serviceUser), allowRoot: allowRoot)
        switch policy {
        case .run:
            break
        case .runWithWarning(let message):
            logger.warning("\(message)", metadata: ["event": "running_as_root", "user": "\(serviceUser)"])
        case .refuse(let message):
            logger.critical("\(message)", metadata: ["event": "start_failed", "user": "\(serviceUser)"])
            throw ExitCode(1)
        }
    }
}
