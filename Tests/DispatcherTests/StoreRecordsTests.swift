import Foundation
import GRDB
import Testing
@testable import Dispatcher
import Rules

@Suite struct StoreRecordsTests {
    let directory: StoreTestDirectory
    let store: StateStore
    let t0 = Date(timeIntervalSince1970: 1_725_580_800)

    init() throws {
        directory = try StoreTestDirectory()
        store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        try store.database.write { [t0] db throws in
            try IncidentRecord(incidentID: "GM-1", kind: "typhoon", level: .red, exercise: false, title: "台风红色预警",
                               description: "阵风12级", areas: ["gaoming/yanghe", "gaoming/hecheng"],
                               location: GeoPoint(lat: 22.9, lon: 112.88), firstSent: t0, lastSent: t0,
                               expires: t0.addingTimeInterval(86_400), responseLevel: .two, format: .cap,
                               capSender: "gd-weather", createdAt: t0, updatedAt: t0).insert(db)
        }
    }

    private func order(_ id: String, team: String, state: OrderRecord.State = .issued, deadline: Date?) -> OrderRecord {
        OrderRecord(orderID: id, incidentID: "GM-1", teamID: team, ruleID: "typhoon-red", demandKey: "typhoon-red#0@gaoming/yanghe",
                    areaPath: "gaoming/yanghe", state: state, issuedAt: t0, chainStart: t0.addingTimeInterval(600),
                    nextDeadline: deadline, snapshot: #"{"team":{"name":"杨和民兵连"}}"#)
    }

    @Test func startUpExpiriesAreTheActiveIncidentsWithAnExpiry() throws {
        defer { directory.remove() }
        try store.database.write { [t0] db throws in
            try db.execute(sql: "UPDATE incidents SET expires = ? WHERE incident_id = 'GM-1'", arguments: [t0.timeIntervalSince1970 + 0.25])
            for (id, state, expires) in [("GM-2", "lifted", 60.0), ("GM-3", "active", nil), ("GM-0", "active", 120.5)] as [(String, String, Double?)] {
                try db.execute(sql: """
                    INSERT INTO incidents (incident_id, level, state, first_sent, last_sent, expires, format, created_at, updated_at)
                    VALUES (?, 'red', ?, 0, 0, ?, 'json', 0, 0)
                    """, arguments: [id, state, expires.map { t0.timeIntervalSince1970 + $0 }])
            }
        }
        try store.database.read { db throws in
            let expected = try IncidentRecord.open(in: db).filter { $0.state == .active }
                .compactMap { incident in incident.expires.map { (incident.incidentID, $0) } }
            let rows = try IncidentStartupRows.expiries(in: db)
            #expect(rows.map(\.incidentID) == expected.map(\.0))
            #expect(rows.map(\.expires) == expected.map(\.1))
            #expect(rows.map(\.incidentID) == ["GM-0", "GM-1"])
        }
    }

    @Test func incidentRoundTripsWithChineseTextAndTypedLevels() throws {
        defer { directory.remove() }
        let incident = try #require(try store.database.read { db in try IncidentRecord.find("GM-1", in: db) })
        #expect(incident.title == "台风红色预警")
        #expect(incident.incidentDescription == "阵风12级")
        #expect(incident.warningLevel == .red)
        #expect(incident.response == .two)
        #expect(incident.location == GeoPoint(lat: 22.9, lon: 112.88))
        #expect(incident.expires == t0.addingTimeInterval(86_400))
        #expect(incident.format == .cap)
        let row = try #require(try store.database.read { db throws in
            try Row.fetchOne(db, sql: "SELECT level, response_level, typeof(first_sent) AS t, first_sent, areas FROM incidents")
        })
        #expect(row["level"] == "red")
        #expect(row["response_level"] == "II")
        #expect(row["t"] == "real", "times are REAL unix seconds")
        #expect(row["first_sent"] == 1_725_580_800.0)
        #expect(row["areas"] == #"["gaoming\/yanghe","gaoming\/hecheng"]"# || row["areas"] == #"["gaoming/yanghe","gaoming/hecheng"]"#)
    }

    @Test func ordersAreFoundByDeadlineTeamAndIncident() throws {
        defer { directory.remove() }
        try store.database.write { db throws in
            try order("O-3", team: "militia-1", deadline: t0.addingTimeInterval(900)).insert(db)
            try order("O-1", team: "militia-1", deadline: t0.addingTimeInterval(300)).insert(db)
            try order("O-2", team: "fire-1", state: .accepted, deadline: nil).insert(db)
            try order("O-4", team: "militia-1", state: .completed, deadline: nil).insert(db)
        }
        try store.database.read { db throws in
            #expect(try OrderStartupRows.deadlines(in: db).map(\.orderID) == ["O-1", "O-3"])
            #expect(try OrderStartupRows.openHoldings(in: db).map(\.orderID) == ["O-1", "O-2", "O-3"])
            #expect(try OrderRecord.allOpen(in: db).map(\.orderID) == ["O-1", "O-2", "O-3"])
            #expect(try OrderRecord.forIncident("GM-1", in: db).count == 4)
            let stored = try #require(try OrderRecord.find("O-1", in: db))
            #expect(stored == order("O-1", team: "militia-1", deadline: t0.addingTimeInterval(300)))
        }
    }

    @Test func anOrderForAnUnknownIncidentViolatesTheForeignKey() throws {
        defer { directory.remove() }
        var orphan = order("O-9", team: "fire-1", deadline: nil)
        orphan.incidentID = "NO-SUCH-INCIDENT"
        #expect(throws: DatabaseError.self) { try store.database.write { db in try orphan.insert(db) } }
    }

    @Test func inputsAndHistoryAreAppendOnly() throws {
        defer { directory.remove() }
        try store.database.write { db throws in
            var input = InputRecord(inputKey: "GM-1|alert|2024-09-06T08:00:00+08:00", sha256: "ab", size: 512, ownerUID: 1001,
                                    fileName: "typhoon.json", receivedAt: t0, incidentID: "GM-1", outcome: .applied)
            try input.insert(db)
            #expect(input.id != nil)
            try HistoryRecord.append(incidentID: "GM-1", at: t0, event: "input", detail: #"{"sha256":"ab"}"#, in: db)
        }
        for sql in ["UPDATE inputs SET outcome = 'rejected'", "DELETE FROM inputs", "UPDATE history SET event = 'x'", "DELETE FROM history"] {
            let error = try #require(throws: DatabaseError.self) { try store.database.write { db in try db.execute(sql: sql) } }
            #expect(error.message?.contains("append-only") == true, "\(sql)")
        }
        try store.database.read { db throws in
            #expect(try InputRecord.withKey("GM-1|alert|2024-09-06T08:00:00+08:00", in: db).map(\.ownerUID) == [1001])
            #expect(try HistoryRecord.forIncident("GM-1", in: db).map(\.detail) == [#"{"sha256":"ab"}"#])
        }
    }

    @Test func acksRecordWhoAnsweredAndAreaModesUpsert() throws {
        defer { directory.remove() }
        try store.database.write { db throws in
            try order("O-1", team: "militia-1", deadline: nil).insert(db)
            var ack = AckRecord(orderID: "O-1", status: .accept, by: "李四", at: t0, ownerUID: 1002, receivedAt: t0,
                                fileName: "ack-O-1.json", sha256: "cd", effect: "accepted")
            try ack.insert(db)
            try AreaModeRecord(areaPath: "gaoming", mode: .emergency, responseLevel: .four).save(in: db)
            try AreaModeRecord(areaPath: "gaoming", mode: .emergency, responseLevel: .two).save(in: db)
        }
        try store.database.read { db throws in
            let acks = try AckRecord.forOrder("O-1", in: db)
            #expect(acks.map(\.by) == ["李四"])
            #expect(acks.first?.ownerUID == 1002)
            #expect(try AreaModeRecord.all(in: db).map(\.response) == [.two])
        }
    }
}
