import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct InputReaderTests {
    func refusal(_ directory: String, _ name: String, maxBytes: Int64 = 1024) -> InputRefusal? {
        do {
            _ = try SpoolFiles.readInput(directory, FileName(name), maxBytes: maxBytes)
            return nil
        } catch {
            if case let .refused(refusal) = error { return refusal }
            Issue.record("expected a refusal, got \(error)")
            return nil
        }
    }

    @Test func acceptsRegularFileAndReportsFacts() throws {
        let dir = TempDirectory()
        dir.write("a.json", "{\"id\":1}")
        let input = try SpoolFiles.readInput(dir.path, FileName("a.json"), maxBytes: 1024)
        #expect(input.bytes == Array("{\"id\":1}".utf8))
        #expect(input.size == 8)
        #expect(input.ownerUID == currentUID())
        #expect(input.inode > 0)
        #expect(input.modificationTime > 1_600_000_000)
    }

    @Test func acceptsFileOfExactlyMaxBytes() throws {
        let dir = TempDirectory()
        dir.write("a.json", "12345")
        let input = try SpoolFiles.readInput(dir.path, FileName("a.json"), maxBytes: 5)
        #expect(input.size == 5)
    }

    @Test func refusesSymlinkToFileOutside() {
        let dir = TempDirectory()
        let outside = TempDirectory()
        let target = outside.write("secret", "do not read")
        #expect(symlink(target, dir.path + "/link.json") == 0)
        #expect(refusal(dir.path, "link.json")
                == .notRegularFile(path: dir.path + "/link.json", kind: .symlink))
    }

    @Test func refusesFifoWithoutBlocking() {
        let dir = TempDirectory()
        #expect(mkfifo(dir.path + "/pipe.json", 0o600) == 0)
        #expect(refusal(dir.path, "pipe.json")
                == .notRegularFile(path: dir.path + "/pipe.json", kind: .fifo))
    }

    @Test func refusesSocket() throws {
        let dir = TempDirectory()
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array((dir.path + "/sock.json").utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { for (i, b) in path.enumerated() { $0[i] = b } }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0)
        let result = refusal(dir.path, "sock.json")
        #expect(result == .notRegularFile(path: dir.path + "/sock.json", kind: .socket))
    }

    @Test func refusesDirectory() {
        let dir = TempDirectory()
        _ = dir.subdirectory("d.json")
        #expect(refusal(dir.path, "d.json")
                == .notRegularFile(path: dir.path + "/d.json", kind: .directory))
    }

    @Test func refusesHardLinkedFile() {
        let dir = TempDirectory()
        let original = dir.write("a.json", "{}")
        #expect(link(original, dir.path + "/b.json") == 0)
        #expect(refusal(dir.path, "b.json")
                == .multipleHardLinks(path: dir.path + "/b.json", count: 2))
    }

    @Test func refusesOversizeFileWithoutReadingIt() {
        let dir = TempDirectory()
        let file = dir.write("big.json", "")
        // A sparse 8 GiB file: reading it would take long and report at most maxBytes + 1;
        // the refusal carries the fstat size, proving it was decided before any read.
        #expect(truncate(file, 8 << 30) == 0)
        #expect(refusal(dir.path, "big.json", maxBytes: 1000)
                == .tooLarge(path: dir.path + "/big.json", size: 8 << 30, limit: 1000))
    }

    @Test func missingFileIsAnEnvironmentFault() {
        let dir = TempDirectory()
        do {
            _ = try SpoolFiles.readInput(dir.path, FileName("gone.json"), maxBytes: 10)
            Issue.record("expected an error")
        } catch {
            guard case let .system(systemError) = error else {
                Issue.record("expected a SystemError, got \(error)")
                return
            }
            #expect(systemError.errno == ENOENT)
            #expect(systemError.syscall == "open")
        }
    }

    @Test func refusalTextsSayWhatToDo() {
        let text = InputRefusal.tooLarge(path: "/in/x.json", size: 5, limit: 4).description
        #expect(text == "/in/x.json: is 5 bytes, more than the limit of 4 bytes "
                + "(max_input_bytes); split the input or raise the limit.")
        #expect(InputRefusal.notRegularFile(path: "p", kind: .fifo).description
                .contains("a FIFO (named pipe); only regular files are accepted"))
    }
}
