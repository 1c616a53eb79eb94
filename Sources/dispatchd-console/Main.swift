import ArgumentParser
import Console
import Dispatcher
import Foundation
import Logging
import Platform
import Rules

/// `dispatchd-console`: the duty-room console (SPEC §17), a program of its own so that the
/// daemon's binary, memory and figures do not change.
@main
struct ConsoleMain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatchd-console",
        abstract: "The duty-room console: live board, actions with logins and roles, /metrics. Exit 0 on SIGTERM, 1 fatal, 2 usage.",
        subcommands: [Serve.self, Passwd.self],
        defaultSubcommand: Serve.self)
}

struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The main config file.", valueName: "PATH"))
    var config: String?

    /// `--config`, else `$DISPATCHD_CONFIG`, else `./config/dispatchd.yaml`, else
    /// `/etc/dispatchd/dispatchd.yaml` (SPEC §10).
    func resolvedPath() -> String { ConfigLookup.resolve(config) }

    func settings() throws -> ConsoleSettings {
        let path = resolvedPath()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail("dispatchd-console: cannot read the config \(path); give it with --config PATH or $DISPATCHD_CONFIG")
        }
        do { return try ConsoleSettings.read(mainConfig: path, text: text) } catch { fail("dispatchd-console: \(error)") }
    }

    func county() -> County {
        let result = CountyLoader.load(configPath: resolvedPath(), read: { try LocalFiles.read($0, maxBytes: 64 << 20) })
        for diagnostic in result.diagnostics where diagnostic.severity != .warning { stderr(diagnostic.description) }
        guard let county = result.county else { fail("dispatchd-console: the configuration \(resolvedPath()) is invalid") }
        return county
    }
}

func stderr(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

func fail(_ line: String) -> Never {
    stderr(line)
    exit(1)
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the console (the default).")

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let settings = try options.settings()
        let county = options.county()
        let users: UserDirectory
        do { users = try UserDirectory.load(path: settings.usersFile) } catch { fail("dispatchd-console: \(error)") }
        if users.users.allSatisfy({ $0.passwordHash.isEmpty }) {
            let logins = users.users.map { "\($0.login) (\($0.role.rawValue))" }.joined(separator: ", ")
            stderr("""
            dispatchd-console: nobody can log in yet: no user in \(settings.usersFile) has a password.
              First login: set a password (the console keeps running and reads the file again at each login):
                dispatchd-console passwd \(users.users.first?.login ?? "LOGIN") --config \(options.resolvedPath())
              then open http://\(settings.host):\(settings.port)/ and log in. Users: \(logins.isEmpty ? "none: add {login, name, role} entries first" : logins)
            """)
        }
        var logger = Logger(label: "dispatchd-console")
        logger.logLevel = .info
        let server = ConsoleServer(county: county, settings: settings, users: users, logger: logger)
        do {
            try await server.run(onRunning: { port in
                stderr("dispatchd-console: listening on http://\(settings.host):\(port)/ (state \(county.settings.state))")
                try? SystemdNotifier().ready()
            })
        } catch {
            fail("dispatchd-console: \(error)")
        }
    }
}

struct Passwd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd",
        abstract: "Set a console user's password (read from the terminal, or one line of standard input). Changes only that entry's password_hash.")

    @Argument(help: ArgumentHelp("The user's login in the users file.", valueName: "LOGIN"))
    var login: String

    @OptionGroup var options: ConfigOption

    func run() throws {
        let settings = try options.settings()
        let path = settings.usersFile
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail("dispatchd-console passwd: cannot read \(path); create it as a YAML list of {login, name, role, password_hash}")
        }
        let password = PasswordPrompt.read(login: login)
        guard password.count >= 8 else { fail("dispatchd-console passwd: the password must have at least 8 characters; nothing changed") }
        do {
            let updated = try UsersFileEditor.setPasswordHash(in: text, path: path, login: login, hash: PasswordHash.make(password))
            _ = try UserDirectory.parse(updated, path: path)
            try UsersFileEditor.replace(path: path, text: updated)
        } catch {
            fail("dispatchd-console passwd: \(error); nothing changed")
        }
        print("password of '\(login)' set in \(path)")
    }
}
