import Foundation
import Glibc
import Testing
@testable import Platform

/// A datagram socket bound by the test, standing in for journald's native socket. Receives
/// entries both inline and as a passed memfd, and parses the native protocol back.
final class JournalListener {
    let fd: Int32
    let path: String

    init(path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw SystemError(syscall: "socket", errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { for (i, b) in bytes.enumerated() { $0[i] = b } }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + bytes.count + 1)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw SystemError(syscall: "bind", errno: code, path: path)
        }
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// The next datagram's payload and any descriptor passed with it, or nil when none is queued.
    func receive() -> (payload: [UInt8], descriptor: Int32?)? {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var control = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { bytes in
            control.withUnsafeMutableBytes { controlBytes in
                var vector = iovec(iov_base: bytes.baseAddress, iov_len: bytes.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = controlBytes.baseAddress
                    message.msg_controllen = controlBytes.count
                    let count = recvmsg(fd, &message, Int32(MSG_DONTWAIT))
                    return message.msg_controllen > 0 ? -(count + 2) : count
                }
            }
        }
        if count == -1 { return nil }
        if count < -1 {
            let descriptor = control.withUnsafeBytes { $0.load(fromByteOffset: MemoryLayout<cmsghdr>.stride, as: Int32.self) }
            return (Array(buffer[..<(-count - 2)]), descriptor)
        }
        return (Array(buffer[..<count]), nil)
    }

    /// Parses the native protocol: `NAME=value\n`, or `NAME\n` + u64 LE length + value + `\n`.
    static func parse(_ data: [UInt8]) -> [(String, [UInt8])] {
        var fields: [(String, [UInt8])] = []
        var index = 0
        while index < data.count {
            let nameEnd = data[index...].firstIndex { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "\n") }!
            let name = String(decoding: data[index..<nameEnd], as: UTF8.self)
            if data[nameEnd] == UInt8(ascii: "=") {
                let end = data[nameEnd...].firstIndex(of: UInt8(ascii: "\n"))!
                fields.append((name, Array(data[(nameEnd + 1)..<end])))
                index = end + 1
            } else {
                var length: UInt64 = 0
                for k in 0..<8 { length |= UInt64(data[nameEnd + 1 + k]) << (8 * UInt64(k)) }
                let start = nameEnd + 9
                fields.append((name, Array(data[start..<(start + Int(length))])))
                #expect(data[start + Int(length)] == UInt8(ascii: "\n"))
                index = start + Int(length) + 1
            }
        }
        return fields
    }
}

@Suite struct JournalWriterTests {
    @Test func serializesSimpleAndMultiLineFields() {
        let bytes = JournalWriter.serialize([JournalField("MESSAGE", "a\nb"), JournalField("PRIORITY", "6")])
        let expected: [UInt8] = Array("MESSAGE\n".utf8) + [3, 0, 0, 0, 0, 0, 0, 0] + Array("a\nb\nPRIORITY=6\n".utf8)
        #expect(bytes == expected)
    }

    @Test func sendsOneDatagramPerEntryWithChineseIntact() throws {
        let dir = TempDirectory()
        let listener = try JournalListener(path: dir.path + "/socket")
        let writer = try JournalWriter(socketPath: listener.path)
        try writer.send([JournalField("MESSAGE", "台风红色预警\n第二行"), JournalField("INCIDENT_ID", "GM-1")])
        let received = try #require(listener.receive())
        #expect(received.descriptor == nil)
        let fields = JournalListener.parse(received.payload)
        #expect(fields.map(\.0) == ["MESSAGE", "INCIDENT_ID"])
        #expect(String(decoding: fields[0].1, as: UTF8.self) == "台风红色预警\n第二行")
        #expect(String(decoding: fields[1].1, as: UTF8.self) == "GM-1")
        #expect(listener.receive() == nil)
    }

    @Test func passesALargeEntryAsASealedMemfd() throws {
        let dir = TempDirectory()
        let listener = try JournalListener(path: dir.path + "/socket")
        let writer = try JournalWriter(socketPath: listener.path)
        let big = String(repeating: "洪水", count: 400_000)  // 2.4 MB, beyond any datagram
        try writer.send([JournalField("MESSAGE", big), JournalField("PRIORITY", "4")])
        let received = try #require(listener.receive())
        #expect(received.payload.isEmpty)
        let descriptor = try #require(received.descriptor)
        defer { close(descriptor) }
        #expect(fcntl(descriptor, 1034) == 1 | 2 | 4 | 8)  // F_GET_SEALS: sealed for good
        var content: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var offset: off_t = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if n <= 0 { break }
            content += chunk[..<n]
            offset += off_t(n)
        }
        let fields = JournalListener.parse(content)
        #expect(fields.count == 2)
        #expect(String(decoding: fields[0].1, as: UTF8.self) == big)
        #expect(String(decoding: fields[1].1, as: UTF8.self) == "4")
    }

    @Test func refusesAPathThatIsNotASocket() throws {
        let dir = TempDirectory()
        let file = dir.write("plain", "x")
        #expect(throws: SystemError.self) { try JournalWriter(socketPath: file) }
        #expect(throws: SystemError.self) { try JournalWriter(socketPath: dir.path + "/missing") }
    }

    @Test func journalStreamMatchesOnlyTheSameFile() throws {
        let dir = TempDirectory()
        let file = dir.write("stream", "")
        let fd = open(file, O_RDONLY)
        defer { close(fd) }
        var info = stat()
        #expect(fstat(fd, &info) == 0)
        #expect(JournalStream.matches("\(info.st_dev):\(info.st_ino)", descriptor: fd))
        #expect(!JournalStream.matches("\(info.st_dev):\(info.st_ino + 1)", descriptor: fd))
        #expect(!JournalStream.matches("garbage", descriptor: fd))
        #expect(!JournalStream.matches(nil, descriptor: fd))
    }
}
