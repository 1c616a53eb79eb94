import Foundation
import Yams

/// What a console user may do (SPEC §17): viewers see; operators act as in §14 (acks and
/// every command but cancel and close); commanders may also cancel and close.
public enum ConsoleRole: String, Sendable, CaseIterable, Comparable {
    case viewer, `operator`, commander

    var rank: Int { ConsoleRole.allCases.firstIndex(of: self)! }
    public static func < (a: ConsoleRole, b: ConsoleRole) -> Bool { a.rank < b.rank }
}

public struct ConsoleUser: Sendable, Equatable {
    public var login: String
    /// The person's name, written as `by` / `entered_by` into what the console drops.
    public var name: String
    public var role: ConsoleRole
    /// bcrypt; empty when no password was set yet (nobody can log in as that user).
    public var passwordHash: String
}

/// The users file (`console.users`): a YAML list of `{login, name, role, password_hash}`.
public struct UserDirectory: Sendable {
    public let path: String
    public let users: [ConsoleUser]

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    public func user(login: String) -> ConsoleUser? { users.first { $0.login == login } }

    public static func load(path: String) throws -> UserDirectory {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw Invalid(description: "\(path): cannot read the console users file (\(error.localizedDescription)); create it as a YAML list of {login, name, role, password_hash} (docs/CONSOLE.md)")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> UserDirectory {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw Invalid(description: "\(path): not valid YAML: \(error)")
        }
        guard let root else { return UserDirectory(path: path, users: []) }
        guard case .sequence(let list) = root else {
            throw Invalid(description: "\(path):1:1: the users file must be a YAML list of {login, name, role, password_hash}")
        }
        var users: [ConsoleUser] = []
        for entry in list {
            let at = "\(path):\(entry.mark?.line ?? 0):\(entry.mark?.column ?? 0)"
            guard case .mapping(let fields) = entry else {
                throw Invalid(description: "\(at): each user must be a mapping {login, name, role, password_hash}")
            }
            func field(_ key: String) -> String? { fields[key]?.string }
            guard let login = field("login"), !login.isEmpty else { throw Invalid(description: "\(at): a user without `login`") }
            guard let roleText = field("role"), let role = ConsoleRole(rawValue: roleText) else {
                throw Invalid(description: "\(at): user '\(login)': `role` must be viewer, operator or commander")
            }
            if users.contains(where: { $0.login == login }) {
                throw Invalid(description: "\(at): login '\(login)' is listed twice; keep one entry")
            }
            users.append(ConsoleUser(login: login, name: field("name") ?? login, role: role,
                                     passwordHash: field("password_hash") ?? ""))
        }
        return UserDirectory(path: path, users: users)
    }
}
