import Dispatcher
import Foundation
import GRDB
import Rules
import Testing

/// Operator commands for end-to-end tests: dropped into the sandbox's `commands/` exactly as
/// the CLI and the console drop them (the library's encoder, an atomic rename), optionally
/// owned by another uid (chowned before the rename, so the daemon claims a file of that owner).
extension DaemonSandbox {
    var commands: String { spool + "/commands" }

    @discardableResult
    func dropCommand(_ action: OperatorCommand.Action, by: String = "王强", note: String? = nil,
                     owner: UInt32? = nil, name: String? = nil) throws -> String {
        let command = OperatorCommand(action, by: by, at: Date(), note: note, via: "test")
        let fileName = name ?? OperatorCommandEncoder.fileName(for: command)
        try dropRaw(fileName, OperatorCommandEncoder.encode(command), owner: owner)
        return fileName
    }

    /// Drops arbitrary bytes into `commands/` (through `commands/.tmp/`), owned by `owner`.
    func dropRaw(_ name: String, _ bytes: [UInt8], into directory: String? = nil, owner: UInt32? = nil) throws {
        let target = directory ?? commands
        try FileManager.default.createDirectory(atPath: target + "/.tmp", withIntermediateDirectories: true)
        let staged = target + "/.tmp/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: staged))
        if let owner, chown(staged, owner, gid_t(owner)) != 0 {
            throw SandboxError("chown \(staged) to \(owner) failed: errno \(errno)")
        }
        guard rename(staged, target + "/" + name) == 0 else {
            throw SandboxError("rename \(staged) -> \(target)/\(name) failed: errno \(errno)")
        }
    }

    /// Whether `name` was filed in `processed/` (any day).
    func wasProcessed(_ name: String) -> Bool { processedFiles().contains { $0.hasSuffix("/" + name) } }

    /// The `.error` text beside a rejected `name`, or nil while it is not rejected.
    func rejection(_ name: String) -> String? {
        names(in: rejected).contains(name) ? read(rejected + "/" + name + ".error") : nil
    }

    /// Reads the state while the daemon runs (read-only, as `dispatchd status` does).
    func state<T>(_ body: (Database) throws -> T) throws -> T {
        let store = try StateStore.openReadOnly(directory: state)
        return try store.database.read { db in try body(db) }
    }

    func orders(of incidentID: String) throws -> [OrderRecord] {
        try state { db in try OrderRecord.forIncident(incidentID, in: db) }
    }
}

/// A Unix group and users made for one test with `groupadd`/`useradd` (unique random names),
/// removed again by `remove()`.
final class TestAccounts: @unchecked Sendable {
    private(set) var users: [String] = []
    private(set) var groups: [String] = []
    let tag = String(UInt32.random(in: 0..<UInt32.max), radix: 36)

    func group(_ role: String) async throws -> String {
        let name = "dt\(role)\(tag)"
        let result = try await shell("groupadd \(name)")
        guard result.status == 0 else { throw SandboxError("groupadd \(name): \(result.output)") }
        groups.append(name)
        return name
    }

    /// A user in `groups`; returns its name and uid.
    func user(_ role: String, groups memberOf: [String]) async throws -> (name: String, uid: UInt32) {
        let name = "du\(role)\(tag)"
        let groupOption = memberOf.isEmpty ? "" : "-G " + memberOf.joined(separator: ",")
        let result = try await shell("useradd -M -N -s /usr/sbin/nologin \(groupOption) \(name) && id -u \(name)")
        guard result.status == 0, let uid = UInt32(result.output.split(separator: "\n").last ?? "") else {
            throw SandboxError("useradd \(name): \(result.output)")
        }
        users.append(name)
        return (name, uid)
    }

    func remove() async {
        for user in users { _ = try? await shell("userdel \(user)") }
        for group in groups { _ = try? await shell("groupdel \(group)") }
    }
}
