import Foundation
import GRDB
import Testing
@testable import Dispatcher

/// A bad state database stops start-up with a clear error and is left exactly as it was.
@Suite struct StoreRefusalTests {
    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        let garbage = Array("this is not a database, it is a shopping list: 米, 油, 盐\n".utf8) + [UInt8](repeating: 0xA5, count: 5000)
        _ = FileManager.default.createFile(atPath: directory.databasePath, contents: Data(garbage))

        let error = try #require(throws: StoreError.self) {
            try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        }
        #expect(error.code == .notADatabase)
        #expect(error.description.hasPrefix(directory.databasePath + ": "))
        #expect(error.description.contains("not an SQLite database"))
        #expect(error.description.contains("restore a backup"))
        #expect(try storeFileBytes(directory.databasePath) == garbage)
        #expect(try directory.contents() == [StateStore.fileName], "no -wal, -shm or replacement file may appear")

        let readOnlyError = try #require(throws: StoreError.self) { try StateStore.openReadOnly(directory: directory.path) }
        #expect(readOnlyError.code == .notADatabase)
    }

    @Test func aCorruptDatabaseIsRefusedAndItsFileKept() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        do {
            let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
            try store.database.write { db throws in
                for index in 0..<400 {
                    try HistoryRecord.append(incidentID: "GM-\(index)", at: Date(timeIntervalSince1970: Double(index)),
                                             event: "input", detail: String(repeating: "风", count: 200), in: db)
                }
            }
        }  // closing the last connection checkpoints the WAL into the main file
        var bytes = try storeFileBytes(directory.databasePath)
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        #expect(bytes.count > pageSize * 8)
        for offset in (pageSize * 3)..<(pageSize * 6) { bytes[offset] = UInt8(truncatingIfNeeded: offset &* 31) }
        try Data(bytes).write(to: URL(fileURLWithPath: directory.databasePath))

        let error = try #require(throws: StoreError.self) {
            try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        }
        #expect(error.code == .corrupt)
        #expect(error.description.contains(directory.databasePath))
        #expect(error.description.contains("corrupt"))
        #expect(error.description.contains("restore a backup"))
        #expect(try storeFileBytes(directory.databasePath) == bytes)
        #expect(try directory.contents().filter { $0.contains(".bak-") }.isEmpty)
    }

    @Test func aDatabaseFromANewerDispatchdIsRefusedByTheDaemonAndByStatus() throws {
        let directory = try StoreTestDirectory()
        defer { directory.remove() }
        do {
            let store = try StateStore.open(directory: directory.path, logger: storeQuietLogger)
            try store.database.write { db throws in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v7-from-the-future')")
            }
        }
        let before = try storeFileBytes(directory.databasePath)

        let error = try #require(throws: StoreError.self) {
            try StateStore.open(directory: directory.path, logger: storeQuietLogger)
        }
        #expect(error.code == .newerSchema)
        #expect(error.description.contains(directory.databasePath))
        #expect(error.description.contains("newer dispatchd"))
        #expect(error.description.contains("v7-from-the-future"))
        #expect(error.description.hasSuffix("restore a backup or run the newer dispatchd"))
        #expect(try storeFileBytes(directory.databasePath) == before)

        let statusError = try #require(throws: StoreError.self) { try StateStore.openReadOnly(directory: directory.path) }
        #expect(statusError.code == .newerSchema)
    }
}
