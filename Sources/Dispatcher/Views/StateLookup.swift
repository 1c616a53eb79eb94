import Foundation
import GRDB

/// Read-only look-ups of the live state for the CLI's checks before it drops a command
/// (SPEC §14: an unknown incident or order is refused with nothing dropped). Opens the state
/// database read-only, so it is safe while the daemon runs; nil when it cannot be read (the
/// state directory is the daemon's, an operator may not read it: the daemon then decides).
public struct StateLookup: Sendable {
    let store: StateStore

    public static func open(stateDirectory: String) -> StateLookup? {
        (try? StateStore.openReadOnly(directory: stateDirectory)).map(StateLookup.init)
    }

    public func incident(_ incidentID: String) throws -> IncidentRecord? {
        try store.database.read { try IncidentRecord.find(incidentID, in: $0) }
    }

    public func order(_ orderID: String) throws -> OrderRecord? {
        try store.database.read { try OrderRecord.find(orderID, in: $0) }
    }

    /// Whether a command file with these bytes was already taken (a new one would be a duplicate).
    public func commandTaken(sha256: String) throws -> Bool {
        try store.database.read { try InputRecord.isTaken(key: "command|" + sha256, sha256: sha256, in: $0) }
    }

    /// The ids of the incidents not yet closed (for "did you mean" hints).
    public func openIncidentIDs() throws -> [String] {
        try store.database.read { try IncidentRecord.open(in: $0).map(\.incidentID) }
    }

    /// The ids of the open orders (for "did you mean" hints).
    public func openOrderIDs() throws -> [String] {
        try store.database.read { try OrderRecord.allOpen(in: $0).map(\.orderID) }
    }
}
