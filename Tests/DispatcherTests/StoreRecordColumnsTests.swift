import Foundation
import GRDB
import Testing
@testable import Dispatcher
import Rules

/// The hand-written column encoders of the records written on every input: every field, set
/// or nil, comes back unchanged through the `Codable` decoding, and the stored forms are the
/// state's conventions (REAL unix seconds, raw enum text, a JSON array for areas).
@Suite struct StoreRecordColumnsTests {
    let directory: StoreTestDirectory
    let store: StateStore
    let t0 = Date(timeIntervalSince1970: 1_725_580_800.5)

    init() throws {
        directory = try StoreTestDirectory()
        store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
    }

    private func incident(_ id: String, full: Bool) -> IncidentRecord {
        IncidentRecord(incidentID: id, kind: full ? "typhoon" : nil, level: .orange, state: .lifted, exercise: full,
                       title: "台风“摩羯”橙色预警", description: "阵风12级", areas: full ? ["gaoming/yanghe", "gaoming/hecheng"] : [],
                       location: full ? GeoPoint(lat: 22.9, lon: 112.88) : nil, firstSent: t0, lastSent: t0.addingTimeInterval(60),
                       expires: full ? t0.addingTimeInterval(86_400) : nil, responseLevel: full ? .two : nil,
                       format: full ? .cap : .json, capSender: full ? "gd-weather" : nil, createdAt: t0, updatedAt: t0)
    }

    @Test func incidentsRoundTripWithAndWithoutOptionalFields() throws {
        defer { directory.remove() }
        let records = [incident("GM-1", full: true), incident("GM-2", full: false)]
        try store.database.write { db throws in for record in records { try record.insert(db) } }
        try store.database.read { db throws in
            for record in records { #expect(try IncidentRecord.find(record.incidentID, in: db) == record) }
            let row = try #require(try Row.fetchOne(db, sql: "SELECT areas, typeof(first_sent) AS t, state, format FROM incidents WHERE incident_id = 'GM-1'"))
            #expect(row["areas"] == #"["gaoming/yanghe","gaoming/hecheng"]"#)
            #expect(row["t"] == "real")
            #expect(row["state"] == "lifted")
            #expect(row["format"] == "cap")
        }
    }

    @Test func ordersRoundTripWithAndWithoutOptionalFields() throws {
        defer { directory.remove() }
        try store.database.write { db throws in try incident("GM-1", full: true).insert(db) }
        let full = OrderRecord(orderID: "GM-1-o1", incidentID: "GM-1", teamID: "yanghe-militia", ruleID: "typhoon-orange",
                               demandKey: "typhoon-orange#0@gaoming/yanghe", areaPath: "gaoming/yanghe", state: .stoodDown,
                               exercise: true, step: 2, issuedAt: t0, acceptedAt: t0.addingTimeInterval(1), arrivedAt: t0.addingTimeInterval(2),
                               closedAt: t0.addingTimeInterval(3), chain: .arrive, chainStart: t0.addingTimeInterval(600),
                               nextDeadline: t0.addingTimeInterval(900), replacesOrderID: "GM-1-o2", snapshot: #"{"team":{"name":"杨和民兵连"}}"#)
        let bare = OrderRecord(orderID: "GM-1-o2", incidentID: "GM-1", teamID: "fire-1", ruleID: "typhoon-orange",
                               demandKey: "typhoon-orange#1@gaoming/yanghe", areaPath: "gaoming/yanghe", issuedAt: t0,
                               chainStart: t0.addingTimeInterval(600), nextDeadline: nil)
        try store.database.write { db throws in try bare.insert(db); try full.insert(db) }
        try store.database.read { db throws in
            #expect(try OrderRecord.find("GM-1-o1", in: db) == full)
            #expect(try OrderRecord.find("GM-1-o2", in: db) == bare)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT state, chain, typeof(next_deadline) AS t, exercise FROM orders WHERE order_id = 'GM-1-o1'"))
            #expect(row["state"] == "stood_down")
            #expect(row["chain"] == "arrive")
            #expect(row["t"] == "real")
            #expect(row["exercise"] == 1)
        }
    }

    @Test func inputsHistoryAndOutboxRowsRoundTrip() throws {
        defer { directory.remove() }
        try store.database.write { db throws in try incident("GM-1", full: true).insert(db) }
        var input = InputRecord(inputKey: "native:GM-1:alert:2024", sha256: String(repeating: "ab", count: 32), size: 229,
                                ownerUID: 4_000_000_000, fileName: "杨和.json", receivedAt: t0, incidentID: "GM-1",
                                outcome: .conflict, detail: "冲突")
        var bareInput = InputRecord(inputKey: nil, sha256: String(repeating: "0", count: 64), size: 0, ownerUID: nil,
                                    fileName: "x", receivedAt: t0, incidentID: nil, outcome: .rejected)
        var history = HistoryRecord(incidentID: "GM-1", at: t0, event: "input", detail: #"{"file":"杨和.json"}"#)
        let outbox = OutboxRecord(seq: 7, type: .unacknowledged, objectID: "GM-1-o1", incidentID: "GM-1", messageID: "m-1",
                                  fileName: "00000000000000000007-unacknowledged-GM-1-o1.json", body: Data("{\"a\":\"演\"}".utf8),
                                  state: .staged, appendedAt: t0, stagedAt: t0.addingTimeInterval(1), publishedAt: nil)
        try store.database.write { db throws in
            try input.insert(db)
            try bareInput.insert(db)
            try history.insert(db)
            try outbox.insert(db)
        }
        #expect(input.id != nil && bareInput.id != nil && history.id != nil, "row ids are assigned on insert")
        try store.database.read { db throws in
            #expect(try InputRecord.withKey("native:GM-1:alert:2024", in: db) == [input])
            #expect(try InputRecord.fetchOne(db, key: bareInput.id) == bareInput)
            #expect(try HistoryRecord.forIncident("GM-1", in: db) == [history])
            #expect(try OutboxRecord.find(seq: 7, in: db) == outbox)
            #expect(try Int64.fetchOne(db, sql: "SELECT owner_uid FROM inputs WHERE id = ?", arguments: [input.id]) == 4_000_000_000)
        }
    }
}
