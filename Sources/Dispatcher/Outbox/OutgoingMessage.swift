import Foundation

/// One message for the notification gateways, rendered and ready to be appended to the outbox
/// (SPEC §6). The outbox gives it its SEQ and file name; its bytes are never rewritten.
public struct OutgoingMessage: Sendable, Equatable {
    public enum MessageType: String, Sendable, Codable, CaseIterable {
        case order, escalation, reassign, standdown, shortfall, mode, unacknowledged
    }

    public var type: MessageType
    /// The id in the file name: the order id (order, escalation, reassign, standdown,
    /// unacknowledged), the incident id (shortfall) or the area path (mode). Unescaped.
    public var id: String
    public var incidentID: String
    /// The `message_id` UUID, fixed when the message is appended.
    public var messageID: UUID
    /// The rendered JSON body, exactly as it will be published.
    public var body: [UInt8]

    public init(type: MessageType, id: String, incidentID: String, messageID: UUID = UUID(), body: [UInt8]) {
        self.type = type
        self.id = id
        self.incidentID = incidentID
        self.messageID = messageID
        self.body = body
    }
}
