import Foundation

/// One decoded input about an incident, whatever format it came in (native JSON or CAP).
///
/// This is the seam between decoders and the dispatch core: a decoder turns bytes into an
/// `IncidentMessage`, and nothing downstream knows which format it was.
public struct IncidentMessage: Sendable, Equatable {
    public enum MessageType: String, Sendable, CaseIterable, Codable {
        case alert, update, cancel, close
    }

    /// The incident this message belongs to: native `id`, or the CAP `identifier` of the first
    /// message of its chain.
    public var incidentID: String
    /// The identity of this one input (SPEC §3.3): native `id|msg_type|sent`, CAP
    /// `sender|identifier`. Same key and same bytes is a duplicate; same key and other bytes a
    /// conflict.
    public var inputKey: String
    public var msgType: MessageType
    /// nil when the input matched no configured kind (accepted, logged, dispatches nothing).
    public var kind: String?
    public var level: WarningLevel
    /// Area references as written (paths or ids); `resolvedAreas` holds the tree indices.
    public var areaReferences: [String]
    public var title: String
    public var description: String
    public var sent: Date
    public var expires: Date?
    public var source: String?
    public var exercise: Bool
    public var location: GeoPoint?
    /// CAP only: the input keys (`sender|identifier`) of the messages this one references,
    /// oldest first. The dispatch core follows them to the incident of the chain's first
    /// message; `incidentID` is the decoder's best guess when none of them is known.
    public var references: [String] = []
    /// CAP only: the sender, recorded with the incident.
    public var sender: String?

    public init(incidentID: String, inputKey: String, msgType: MessageType = .alert, kind: String?,
                level: WarningLevel, areaReferences: [String], title: String = "", description: String = "",
                sent: Date, expires: Date? = nil, source: String? = nil, exercise: Bool = false,
                location: GeoPoint? = nil) {
        self.incidentID = incidentID
        self.inputKey = inputKey
        self.msgType = msgType
        self.kind = kind
        self.level = level
        self.areaReferences = areaReferences
        self.title = title
        self.description = description
        self.sent = sent
        self.expires = expires
        self.source = source
        self.exercise = exercise
        self.location = location
    }
}
