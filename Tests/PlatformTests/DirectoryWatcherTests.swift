import Dispatch
import Foundation
import Glibc
import Logging
import Testing
@testable import Platform

@Suite struct DirectoryWatcherTests {
    struct Seen: Sendable, Equatable {
        let directory: String
        let name: String
        let kind: DirectoryEventKind
    }

    func makeWatcher(_ directories: [String], seen: Recorder<Seen>, overflows: Recorder<Int>)
        throws -> DirectoryWatcher
    {
        let watcher = try DirectoryWatcher(
            queue: DispatchQueue(label: "test.watcher"), logger: Logger(label: "test"),
            onEvent: { seen.append(Seen(directory: $0, name: $1.escaped, kind: $2)) },
            onOverflow: { overflows.append(1) })
        for directory in directories { try watcher.watch(directory) }
        return watcher
    }

    @Test func seesRenameIntoTheDirectoryAndCloseAfterWrite() async throws {
        let dir = TempDirectory()
        let incoming = dir.subdirectory("incoming")
        let acks = dir.subdirectory("acks")
        let staging = dir.subdirectory("incoming/.tmp")
        let seen = Recorder<Seen>()
        let overflows = Recorder<Int>()
        let watcher = try makeWatcher([incoming, acks], seen: seen, overflows: overflows)
        watcher.start()
        defer { watcher.cancel() }

        dir.write("a.json", "{}", in: staging)
        #expect(rename(staging + "/a.json", incoming + "/a.json") == 0)
        // A direct write (no rename): create, write, close.
        let fd = open(acks + "/ack.json", O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        #expect(write(fd, "{}", 2) == 2)
        #expect(close(fd) == 0)

        let expected = [Seen(directory: incoming, name: "a.json", kind: .movedIn),
                        Seen(directory: acks, name: "ack.json", kind: .closedAfterWrite)]
        #expect(await eventually { expected.allSatisfy(seen.values.contains) })
        #expect(seen.values.contains(Seen(directory: acks, name: "ack.json", kind: .created)))
        #expect(seen.values.allSatisfy { $0.name == "a.json" || $0.name == "ack.json" })
        #expect(overflows.values.isEmpty)
    }

    @Test func parsesPackedRecordsIncludingOverflow() {
        let bytes = InotifyParser.encode(watchDescriptor: 1, mask: UInt32(IN_MOVED_TO),
                                         name: FileName("x.json"))
            + InotifyParser.encode(watchDescriptor: -1, mask: UInt32(IN_Q_OVERFLOW), name: nil)
            + InotifyParser.encode(watchDescriptor: 2, mask: UInt32(IN_CLOSE_WRITE),
                                   name: FileName(bytes: [0x41, 0x0A, 0xFF]))
        let records = bytes.withUnsafeBytes { InotifyParser.parse($0) }
        #expect(records.count == 3)
        #expect(records[0] == InotifyRecord(watchDescriptor: 1, mask: UInt32(IN_MOVED_TO),
                                            name: FileName("x.json")))
        #expect(records[0].kind == .movedIn)
        #expect(records[1].isOverflow)
        #expect(records[1].name == nil)
        #expect(records[2].name?.bytes == [0x41, 0x0A, 0xFF])
        #expect(records[2].kind == .closedAfterWrite)
        // A truncated trailing record is ignored, not misread.
        let truncated = Array(bytes.dropLast(4))
        #expect(truncated.withUnsafeBytes { InotifyParser.parse($0) }.count == 2)
    }

    @Test func overflowRecordCallsOverflowHandler() throws {
        let dir = TempDirectory()
        let seen = Recorder<Seen>()
        let overflows = Recorder<Int>()
        let watcher = try makeWatcher([dir.path], seen: seen, overflows: overflows)
        defer { watcher.cancel() }
        let bytes = InotifyParser.encode(watchDescriptor: -1, mask: UInt32(IN_Q_OVERFLOW), name: nil)
            + InotifyParser.encode(watchDescriptor: 1, mask: UInt32(IN_CLOSE_WRITE),
                                   name: FileName("late.json"))
        watcher.deliver(bytes.withUnsafeBytes { InotifyParser.parse($0) })
        #expect(overflows.values.count == 1)
        #expect(seen.values == [Seen(directory: dir.path, name: "late.json",
                                     kind: .closedAfterWrite)])
    }

    @Test func watchingAMissingDirectoryThrows() throws {
        let seen = Recorder<Seen>()
        let overflows = Recorder<Int>()
        #expect(throws: SystemError.self) {
            _ = try makeWatcher(["/nonexistent-dispatchd"], seen: seen, overflows: overflows)
        }
    }
}
