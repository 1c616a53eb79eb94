import Foundation
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

/// Records every log entry, for assertions on levels and metadata.
final class StoreTestLogs: @unchecked Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var stored: [Entry] = []

    var entries: [Entry] { lock.withLock { stored } }

    func append(_ entry: Entry) { lock.withLock { stored.append(entry) } }

    var logger: Logger {
        Logger(label: "dispatchd.test") { _ in StoreTestLogHandler(sink: self) }
    }
}

struct StoreTestLogHandler: LogHandler {
    let sink: StoreTestLogs
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.append(.init(level: event.level, message: event.message.description,
                          metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
    }
}

/// A logger that drops everything.
let storeQuietLogger = Logger(label: "dispatchd.test.quiet") { _ in SwiftLogNoOpLogHandler() }

/// Reads a whole file (to prove a refused database was not touched).
func storeFileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
