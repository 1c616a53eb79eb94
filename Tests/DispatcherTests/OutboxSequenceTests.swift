import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// SEQ is assigned in commit order, without gaps, and never reused (SPEC §6).
@Suite struct OutboxSequenceTests {
    let directory: StoreTestDirectory
    let store: StateStore

    init() throws {
        directory = try StoreTestDirectory()
        store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
    }

    private func message(_ id: String, _ body: String = "{}") -> OutgoingMessage {
        OutgoingMessage(type: .order, id: id, incidentID: "GM-1", body: Array(body.utf8))
    }

    struct Cancelled: Error {}

    @Test func seqsAreGaplessAcrossTransactionsAndRollbacksGiveTheirSeqsBack() throws {
        defer { directory.remove() }
        let first = try store.database.write { db throws in
            [try Outbox.append(message("O-1"), in: db), try Outbox.append(message("O-2"), in: db)]
        }
        #expect(first == [1, 2])
        #expect(throws: Cancelled.self) {
            try store.database.write { db throws in
                _ = try Outbox.append(message("O-3"), in: db)
                throw Cancelled()
            }
        }
        let third = try store.database.write { db in try Outbox.append(message("O-4"), in: db) }
        #expect(third == 3)
        let rows = try store.database.read { db in try OutboxRecord.inState(.pending, in: db) }
        #expect(rows.map(\.seq) == [1, 2, 3])
        #expect(rows.map(\.objectID) == ["O-1", "O-2", "O-4"])
        #expect(rows.map(\.fileName) == ["00000000000000000001-order-O-1.json", "00000000000000000002-order-O-2.json",
                                         "00000000000000000003-order-O-4.json"])
        #expect(try store.lastAssignedSeq() == 3)
    }

    @Test func concurrentWritersGetSeqsInCommitOrder() async throws {
        defer { directory.remove() }
        let database = store.database
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<25 {
                        try database.write { db throws in
                            let seq = try Outbox.append(OutgoingMessage(type: .escalation, id: "O-\(writer)-\(index)",
                                                                        incidentID: "GM-\(writer)", body: [0x7B, 0x7D]), in: db)
                            // The history row id is assigned in commit order too.
                            try HistoryRecord.append(incidentID: "GM-\(writer)", at: Date(), event: "message",
                                                     detail: "{\"seq\":\(seq)}", in: db)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let seqs = try await database.read { db in try Int64.fetchAll(db, sql: "SELECT seq FROM outbox ORDER BY seq") }
        #expect(seqs == Array(1...200))
        let commitOrder = try await database.read { db throws in
            try String.fetchAll(db, sql: "SELECT detail FROM history ORDER BY id")
        }
        #expect(commitOrder == (1...200).map { "{\"seq\":\($0)}" })
    }

    @Test func renderedAppendSeesItsOwnSeqAndMessageID() throws {
        defer { directory.remove() }
        let messageID = try #require(UUID(uuidString: "6F1C2A4E-9B1D-4C39-8F7A-0D2E5B6C7A81"))
        try store.database.write { db in _ = try Outbox.append(message("O-0"), in: db) }
        let seq = try store.database.write { db throws in
            try Outbox.append(type: .standdown, id: "O-1", incidentID: "GM-1", messageID: messageID, in: db) { seq, id in
                Array("{\"type\":\"standdown\",\"seq\":\(seq),\"message_id\":\"\(id.uuidString.lowercased())\"}".utf8)
            }
        }
        #expect(seq == 2)
        let row = try #require(try store.database.read { db in try OutboxRecord.find(seq: 2, in: db) })
        #expect(String(decoding: row.bodyBytes, as: UTF8.self)
            == #"{"type":"standdown","seq":2,"message_id":"6f1c2a4e-9b1d-4c39-8f7a-0d2e5b6c7a81"}"#)
        #expect(row.messageID == "6f1c2a4e-9b1d-4c39-8f7a-0d2e5b6c7a81")
        #expect(row.state == .pending)
        #expect(row.fileName == "00000000000000000002-standdown-O-1.json")
    }

    @Test func theCounterSurvivesAReopen() throws {
        defer { directory.remove() }
        try store.database.write { db throws in
            for index in 1...3 { _ = try Outbox.append(message("O-\(index)"), in: db) }
        }
        let reopened = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        #expect(try reopened.database.write { db in try Outbox.append(message("O-4"), in: db) } == 4)
    }
}
