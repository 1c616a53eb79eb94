import Foundation
import Rules
import Testing

/// A hostile spool (issue 6 item 5, SPEC §2 and §12) on the real daemon: links to files
/// outside the spool, special files, a 1 GiB sparse file, strange names and a file that keeps
/// changing while it is read. Each ends in `rejected/` (with its reason) or `processed/`
/// exactly once, no link is followed, no special file is opened or blocks the daemon, no read
/// goes past `max_input_bytes`, and a good input dropped afterwards is still served.
/// (100,000 files at once: `scripts/torture.sh --flood`; the CI form is the inotify overflow
/// test in `FaultOverflowTests`.)
extension DaemonEndToEndTests {
    @Suite struct Hostile {
        @Test func linksAndSpecialFilesAreRejectedWithoutBeingFollowedOrOpened() async throws {
            let sandbox = try DaemonSandbox(maxInputBytes: 4096)
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()

            let secret = sandbox.root + "/outside-secret.json"
            let secretText = DaemonSandbox.incident(id: "SECRET-1", kind: "e2e")
            try sandbox.write(secret, secretText)
            #expect(link(secret, sandbox.incoming + "/.tmp/hard.json") == 0)
            #expect(rename(sandbox.incoming + "/.tmp/hard.json", sandbox.incoming + "/hard.json") == 0)
            #expect(symlink(sandbox.root, sandbox.incoming + "/.tmp/dirlink.json") == 0)
            #expect(rename(sandbox.incoming + "/.tmp/dirlink.json", sandbox.incoming + "/dirlink.json") == 0)
            try RawNames.dropNode("socket.json", mode: S_IFSOCK | 0o644, into: sandbox.incoming)
            try RawNames.dropNode("zero.json", mode: S_IFCHR | 0o644, device: 0x105, into: sandbox.incoming)  // 1:5, /dev/zero
            try RawNames.dropNode("ackpipe.json", mode: S_IFIFO | 0o644, into: sandbox.acks)
            let huge = sandbox.incoming + "/.tmp/huge.json"
            let fd = open(huge, O_CREAT | O_WRONLY, 0o644)
            #expect(fd >= 0 && ftruncate(fd, 1 << 30) == 0 && close(fd) == 0)
            #expect(rename(huge, sandbox.incoming + "/huge.json") == 0)

            let expectations: [(String, String)] = [
                ("hard.json", "has 2 hard links"), ("dirlink.json", "symbolic link"), ("socket.json", "a socket"),
                ("zero.json", "a device node"), ("ackpipe.json", "FIFO"), ("huge.json", "1073741824 bytes, more than the limit of 4096"),
            ]
            let names = Set(expectations.map(\.0))
            #expect(await eventually { Set(sandbox.rejectedInputs()) == names }, "rejected: \(sandbox.rejectedInputs())\n\(daemon.log)")
            for (name, phrase) in expectations {
                let error = sandbox.read(sandbox.rejected + "/" + name + ".error")
                #expect(error.contains(phrase), "\(name).error lacks '\(phrase)':\n\(error)")
            }
            #expect(sandbox.read(secret) == secretText, "the hard link's other name is untouched")
            #expect(FileManager.default.fileExists(atPath: sandbox.root + "/config/dispatchd.yaml"), "the linked directory is untouched")
            var info = stat()
            #expect(lstat(sandbox.rejected + "/huge.json", &info) == 0 && info.st_size == 1 << 30, "nothing an operator gave is cut or deleted")
            #expect(lstat(sandbox.rejected + "/zero.json", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
            #expect(try sandbox.messages().isEmpty, "nothing hostile dispatches")

            try sandbox.drop("good.json", DaemonSandbox.incident(id: "GOOD-1", kind: "e2e-reassign"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "the daemon is not blocked\n\(daemon.log)")
            #expect(await daemon.stop() == 0)
        }

        @Test func strangeNamesAreFiledByteForByte() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            let good: [[UInt8]] = [
                Array("new\nline.json".utf8), Array("bell\u{07}tab\t\u{1B}[31m.json".utf8),
                [0x62, 0x61, 0x64, 0xFF, 0xFE, 0xC3, 0x28, 0x2E, 0x6A, 0x73, 0x6F, 0x6E],  // invalid UTF-8
                Array("村".utf8) + Array(repeating: UInt8(ascii: "y"), count: 255 - 3 - 5) + Array(".json".utf8),  // 255 bytes
            ]
            for (index, name) in good.enumerated() {
                try RawNames.drop(Array(DaemonSandbox.incident(id: "NAME-\(index)", kind: "e2e-reassign").utf8), as: name, into: sandbox.incoming)
            }
            let longBad = Array(repeating: UInt8(ascii: "z"), count: 250) + Array(".json".utf8)
            let badUTF8 = [0x78, 0xC0, 0x0A, 0x2E, 0x6A, 0x73, 0x6F, 0x6E] as [UInt8]
            try RawNames.drop(Array("{broken".utf8), as: longBad, into: sandbox.incoming)
            try RawNames.drop(Array("{broken".utf8), as: badUTF8, into: sandbox.incoming)

            let filed = await eventually {
                sandbox.processedFiles().count == good.count && RawNames.list(sandbox.rejected).count == 4
            }
            #expect(filed, "processed \(sandbox.processedFiles()), rejected \(RawNames.list(sandbox.rejected).count)\n\(daemon.log)")
            let day = try #require(sandbox.names(in: sandbox.processed).first)
            #expect(Set(RawNames.list(sandbox.processed + "/" + day)) == Set(good), "names kept byte for byte")
            let rejected = RawNames.list(sandbox.rejected)
            #expect(rejected.contains(longBad) && rejected.contains(badUTF8))
            let errors = rejected.filter { $0.count > 6 && Array($0.suffix(6)) == Array(".error".utf8) }
            #expect(errors.count == 2 && errors.allSatisfy { $0.count <= 255 }, "one .error each, within NAME_MAX")
            for error in errors {
                let text = readRaw(RawNames.path(sandbox.rejected, error))
                #expect(!text.isEmpty && String(validating: text, as: UTF8.self) != nil, ".error is UTF-8 text")
            }
            #expect(Set(try sandbox.messages(ofType: "order").map(\.incidentID)) == Set((0..<good.count).map { "NAME-\($0)" }))
            #expect(await daemon.stop() == 0)
        }

        @Test func fileChangingWhileReadIsFiledOnceAndNeverReadPastTheLimit() async throws {
            let sandbox = try DaemonSandbox(maxInputBytes: 4096)
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            // Written in place (no rename): the daemon takes it on the first close, while a
            // second descriptor keeps appending megabytes to the claimed file.
            let path = sandbox.incoming + "/grow.json"
            let first = open(path, O_CREAT | O_WRONLY, 0o644)
            let second = open(path, O_WRONLY | O_APPEND)
            try #require(first >= 0 && second >= 0)
            let head = Array(#"{"id": "GROW-1", "msg_type": "alert", "kind": "e2e", "title": ""#.utf8)
            #expect(write(first, head, head.count) == head.count)
            close(first)
            let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
            for _ in 0..<64 {
                #expect(write(second, chunk, chunk.count) == chunk.count)
                try await Task.sleep(for: .milliseconds(5))
            }
            close(second)
            #expect(await eventually { sandbox.rejectedInputs() == ["grow.json"] }, "\(sandbox.rejectedInputs())\n\(daemon.log)")
            let error = sandbox.read(sandbox.rejected + "/grow.json.error")
            #expect(error.contains("limit of 4096") || error.contains("grow.json:1:"), "\(error)")
            #expect(sandbox.processedFiles().isEmpty && sandbox.names(in: sandbox.incoming).isEmpty)
            var info = stat()
            #expect(lstat(sandbox.rejected + "/grow.json", &info) == 0 && Int(info.st_size) == head.count + 64 * chunk.count,
                    "the whole file is kept, as the operator wrote it")
            #expect(await daemon.stop() == 0)
        }
    }
}

/// Reads a file named by a raw C path.
func readRaw(_ path: [CChar]) -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return [] }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = read(fd, &buffer, buffer.count)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}
