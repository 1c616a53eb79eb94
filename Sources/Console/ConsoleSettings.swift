import Foundation
import Rules
import Yams

/// The `console:` section of the main config (SPEC §17), read by the console only (the daemon
/// accepts the key and ignores it):
///
/// ```yaml
/// console:
///   listen: 127.0.0.1:8640         # default
///   users: console-users.yaml       # relative to the main config; default console-users.yaml
///   metrics_listen: 127.0.0.1:9640  # optional: /metrics and /healthz on their own address
/// ```
public struct ConsoleSettings: Sendable, Equatable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8640
    public var usersFile: String
    public var metricsHost: String?
    public var metricsPort: Int?

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `console:` from the main config file's text.
    public static func read(mainConfig path: String, text: String) throws -> ConsoleSettings {
        let directory = (path as NSString).deletingLastPathComponent
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : (directory.isEmpty ? file : directory + "/" + file)
        }
        var settings = ConsoleSettings(usersFile: resolve("console-users.yaml"))
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Invalid(description: "\(path): not valid YAML: \(error)")
        }
        guard case .mapping(let top)? = root, let section = top["console"] else { return settings }
        func where_(_ node: Node) -> String {
            "\(path):\((node.mark?.line ?? 0)):\((node.mark?.column ?? 0))"
        }
        guard case .mapping(let console) = section else {
            throw Invalid(description: "\(where_(section)): 'console' must be a mapping such as `{listen: 127.0.0.1:8640, users: console-users.yaml}`")
        }
        for (key, value) in console {
            let name = key.string ?? ""
            guard let text = value.string else {
                throw Invalid(description: "\(where_(value)): console.\(name) must be text")
            }
            switch name {
            case "listen":
                (settings.host, settings.port) = try address(text, at: where_(value), key: "listen")
            case "metrics_listen":
                let (host, port) = try address(text, at: where_(value), key: "metrics_listen")
                (settings.metricsHost, settings.metricsPort) = (host, port)
            case "users":
                settings.usersFile = resolve(text)
            default:
                throw Invalid(description: "\(where_(key)): unknown key 'console.\(name)'; allowed keys: listen, users, metrics_listen")
            }
        }
        return settings
    }

    /// `HOST:PORT` (an IPv6 host in brackets: `[::1]:8640`).
    static func address(_ text: String, at location: String, key: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw Invalid(description: "\(location): console.\(key) '\(text)' must be HOST:PORT such as 127.0.0.1:8640")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw Invalid(description: "\(location): console.\(key) '\(text)' names no host; write 127.0.0.1:\(port) or 0.0.0.0:\(port)")
        }
        return (host, port)
    }
}
