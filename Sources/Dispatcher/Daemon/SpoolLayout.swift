import Foundation
import Platform

/// The spool directories of SPEC §2, derived from the config's `spool` path, plus the state
/// directory. Each directory has one meaning; files move between them only by `rename(2)`.
public struct SpoolLayout: Sendable {
    public let root: String
    public let state: String

    public init(spool: String, state: String) {
        self.root = spool
        self.state = state
    }

    public var incoming: String { root + "/incoming" }
    public var incomingStaging: String { incoming + "/.tmp" }
    public var acks: String { root + "/acks" }
    public var acksStaging: String { acks + "/.tmp" }
    /// Operator commands (SPEC §14) are dropped here.
    public var commands: String { root + "/commands" }
    public var commandsStaging: String { commands + "/.tmp" }
    /// Claimed incident inputs (daemon only).
    public var active: String { root + "/active" }
    /// Claimed acknowledgements (daemon only), apart so a restart knows what each file is.
    public var activeAcks: String { active + "/acks" }
    /// Claimed operator commands (daemon only).
    public var activeCommands: String { active + "/commands" }
    public var processed: String { root + "/processed" }
    public var rejected: String { root + "/rejected" }
    public var outgoing: String { root + "/outgoing" }
    public var staging: String { outgoing + "/.staging" }
    /// The outbox SEQ high-water mark, kept outside the state database (SPEC §6: a SEQ is never
    /// reused, even after the database is restored from a backup).
    /// The SEQ high-water mark's file in the spool root (see `HighWaterMark`).
    public static let highWaterMarkName = FileName(".seq-high-water")
    public var highWaterMarkFile: String { root + "/" + SpoolLayout.highWaterMarkName.escaped }

    /// Creates every directory that is missing. Drop directories are group-writable with the
    /// sticky bit, so operators can drop files but not remove each other's.
    public func ensureExists() throws(SystemError) {
        for directory in [root, incoming, acks, commands, processed, rejected, outgoing] {
            try SpoolFiles.ensureDirectory(directory, mode: 0o755)
        }
        for directory in [incomingStaging, acksStaging, commandsStaging] { try SpoolFiles.ensureDirectory(directory, mode: 0o1770) }
        for directory in [active, activeAcks, activeCommands, staging] { try SpoolFiles.ensureDirectory(directory, mode: 0o750) }
        try SpoolFiles.ensureDirectory(state, mode: 0o750)
    }
}

extension SpoolLayout {
    /// Removes the temp files (`.PID-N.tmp`, see `SpoolFiles.writeDurably`) that a killed
    /// daemon left half-written in its own directories (`outgoing/.staging/`, `rejected/`, the
    /// spool root). Call at start-up, before anything is written: no writer of this run has a
    /// temp file yet, and none of these was ever published or handed over by an operator.
    /// Returns the paths removed.
    func removeStaleTemporaries() -> [String] {
        let files = FileManager.default
        var removed: [String] = []
        for directory in [staging, rejected, root] {
            // `SpoolFiles.list` hides dot files, so list with Foundation (hidden names included).
            let names = (try? files.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where SpoolLayout.isDaemonTemporary(Array(name.utf8)) {
                let path = directory + "/" + name
                guard (try? files.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular,
                      (try? files.removeItem(atPath: path)) != nil else { continue }
                removed.append(path)
            }
        }
        return removed
    }

    /// `.DIGITS-DIGITS.tmp`: the only names `SpoolFiles.writeDurably` gives its temp files.
    static func isDaemonTemporary(_ name: [UInt8]) -> Bool {
        let text = String(decoding: name, as: UTF8.self)
        guard text.hasPrefix("."), text.hasSuffix(".tmp") else { return false }
        let parts = text.dropFirst().dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}
