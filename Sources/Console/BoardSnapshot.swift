import Dispatcher
import Foundation
import Rules

/// What the board shows, read in one read-only transaction: the `status` snapshot plus the
/// operator state of issue 10 (who is on duty at each post, which teams are unavailable).
public struct BoardSnapshot: Sendable {
    public struct OnDuty: Sendable, Equatable {
        public var persons: [Recipient]
        public var since: Date?
        public var setBy: String?
        /// True while nobody was set on duty: the post's contact is shown.
        public var isContact: Bool
    }

    public var status: StatusSnapshot
    public var onDuty: [String: OnDuty]
    public var unavailable: [String: TeamStatusRecord]

    public static func read(stateDirectory: String, county: County) throws -> BoardSnapshot {
        let status = try StatusSnapshot.read(stateDirectory: stateDirectory)
        let store = try StateStore.openReadOnly(directory: stateDirectory)
        return try store.database.read { db in
            var onDuty: [String: OnDuty] = [:]
            for post in county.dutyPosts {
                let now = try OperatorStateReads.onDuty(at: post, in: db)
                onDuty[post.id] = OnDuty(persons: now.persons, since: now.since, setBy: now.setBy, isContact: now.isContact)
            }
            var unavailable: [String: TeamStatusRecord] = [:]
            for team in try OperatorStateReads.unavailableTeams(in: db) { unavailable[team.teamID] = team }
            return BoardSnapshot(status: status, onDuty: onDuty, unavailable: unavailable)
        }
    }

    /// Equal fingerprints: nothing on any board changed.
    func fingerprint(county: County) -> String {
        var text = JSONWriter.string(StatusDocument(snapshot: status, county: county, now: Date(timeIntervalSince1970: 0)).json())
        for key in onDuty.keys.sorted() {
            let duty = onDuty[key]!
            text += "|\(key):\(duty.persons.map { "\($0.name)/\($0.phone ?? "")" })\(duty.since?.timeIntervalSince1970 ?? 0)"
        }
        for key in unavailable.keys.sorted() {
            text += "|u:\(key):\(unavailable[key]!.reason ?? ""):\(unavailable[key]!.until?.timeIntervalSince1970 ?? 0)"
        }
        return text
    }
}
