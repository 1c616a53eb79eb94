import Foundation
import InMemoryLogging
import Logging
import Testing
@testable import Dispatcher

// Fixtures shared by the Store and Outbox suites (the file name keeps them in the Store
// test group): temporary state directories and an in-memory log handler.

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct StoreTestDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dispatchd-store-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    var databasePath: String { path + "/" + StateStore.fileName }

    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Records every log entry, for assertions on levels and metadata: swift-log's
/// `InMemoryLogHandler` at trace level, its entries with the message as text.
final class StoreTestLogs: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let handler: InMemoryLogHandler = {
        var handler = InMemoryLogHandler()
        handler.logLevel = .trace
        return handler
    }()

    var entries: [Entry] {
        handler.entries.map { Entry(level: $0.level, message: $0.message.description, metadata: $0.metadata) }
    }

    var logger: Logger {
        Logger(label: "dispatchd.test") { [handler] _ in handler }
    }
}

/// A logger that drops everything.
let storeQuietLogger = Logger(label: "dispatchd.test.quiet") { _ in SwiftLogNoOpLogHandler() }

/// Reads a whole file (to prove a refused database was not touched).
func storeFileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
