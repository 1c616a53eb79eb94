import Foundation
import GRDB

/// The transactional outbox (SPEC §6, §9): a message is appended inside the same write
/// transaction as the state change that causes it, so both commit or neither does.
///
/// Invariants:
/// - SEQ comes from `meta.next_seq`, read and advanced in the appending transaction. SQLite
///   serializes write transactions, so SEQs are assigned in commit order; a rolled-back
///   transaction rolls its SEQs back too, so there are no gaps; the counter never decreases,
///   and `SequenceGuard` keeps it above every SEQ ever published, so none is reused.
/// - A row is never rewritten: only its `state` (`pending → staged → published`) and the
///   matching timestamps change.
public enum Outbox {
    /// Appends `message` with the next SEQ and returns that SEQ. Must run inside a write
    /// transaction (`database.write { db in ... }`).
    ///
    /// The body is stored as given: when it must contain its own `seq`, use
    /// `append(type:id:incidentID:messageID:in:render:)`.
    @discardableResult
    public static func append(_ message: OutgoingMessage, in db: Database) throws -> Int64 {
        precondition(db.isInsideTransaction, "Outbox.append must run inside the write transaction of its cause")
        let seq = try SequenceGuard.nextSeq(in: db)
        let record = OutboxRecord(
            seq: seq, type: message.type, objectID: message.id, incidentID: message.incidentID,
            messageID: message.messageID.uuidString.lowercased(),
            fileName: MessageFileName.make(seq: seq, type: message.type, id: message.id),
            body: Data(message.body), state: .pending, appendedAt: Date(), stagedAt: nil, publishedAt: nil)
        try record.insert(db)
        try SequenceGuard.setNextSeq(seq + 1, in: db)
        return seq
    }

    /// Appends a message whose body is rendered with the SEQ and message id it gets (the body
    /// carries `seq` and `message_id`, SPEC §6). Returns the SEQ.
    @discardableResult
    public static func append(type: OutgoingMessage.MessageType, id: String, incidentID: String,
                              messageID: UUID = UUID(), in db: Database,
                              render: (_ seq: Int64, _ messageID: UUID) throws -> [UInt8]) throws -> Int64 {
        precondition(db.isInsideTransaction, "Outbox.append must run inside the write transaction of its cause")
        let seq = try SequenceGuard.nextSeq(in: db)
        let body = try render(seq, messageID)
        let appended = try append(OutgoingMessage(type: type, id: id, incidentID: incidentID, messageID: messageID,
                                                  body: body), in: db)
        assert(appended == seq, "the SEQ changed between render and append")
        return appended
    }
}
