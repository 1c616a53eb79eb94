import Foundation
import Glibc
import Synchronization

/// A minimal blocking HTTP/1.1 client over loopback for the console benchmark: one request
/// per connection (`Connection: close`), and server-sent-event readers on their own threads.
struct BenchHTTP {
    let port: Int
    var cookie = ""

    struct Reply {
        var status: Int
        var head: String
        var body: String
    }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw BenchFailure("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        return fd
    }

    func request(_ method: String, _ path: String, body: String? = nil) throws -> Reply {
        let fd = try Self.connect(port: port)
        defer { close(fd) }
        try Self.send(fd, head(method, path, body: body))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw BenchFailure("no HTTP answer to \(method) \(path)") }
        let head = String(text[..<split.lowerBound])
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Reply(status: status, head: head, body: String(text[split.upperBound...]))
    }

    func head(_ method: String, _ path: String, body: String?) -> String {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close"]
        if !cookie.isEmpty { lines.append("Cookie: " + cookie) }
        if let body { lines += ["Content-Type: application/x-www-form-urlencoded", "Content-Length: \(body.utf8.count)"] }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")
    }

    static func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw BenchFailure("send failed: errno \(errno)") }
    }

    /// Logs in as `login`; the session cookie is kept for later requests.
    mutating func login(_ login: String, password: String) throws {
        let page = try request("GET", "/login")
        guard let range = page.body.range(of: "name=\"csrf\" value=\"") else { throw BenchFailure("no login form on /login") }
        let token = String(page.body[range.upperBound...].prefix { $0 != "\"" })
        if let pre = Self.cookie(in: page.head) { cookie = pre }
        let reply = try request("POST", "/login", body: "csrf=\(token)&login=\(login)&password=\(password)")
        guard reply.status == 303, let session = Self.cookie(in: reply.head) else {
            throw BenchFailure("login \(login) answered \(reply.status)")
        }
        cookie = session
    }

    static func cookie(in head: String) -> String? {
        for line in head.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("set-cookie:") {
            let value = line.dropFirst("set-cookie:".count).trimmingCharacters(in: .whitespaces)
            let pair = value.prefix { $0 != ";" }
            if pair.hasSuffix("=") { continue }
            return String(pair)
        }
        return nil
    }
}

/// One open `/events` stream on its own thread: it counts the bytes and `board` events it
/// receives, and notes when a text (an incident id) first appears in an event.
final class EventStreamReader: Sendable {
    struct Seen: Sendable { var events = 0, bytes = 0, firstSeen: [String: ContinuousClock.Instant] = [:], watched: Set<String> = [] }
    let state = Mutex(Seen())
    let fd: Int32

    init(http: BenchHTTP) throws {
        fd = try BenchHTTP.connect(port: http.port)
        try BenchHTTP.send(fd, http.head("GET", "/events", body: nil))
        let fd = self.fd
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var carry: [UInt8] = []
            var scanned = 0
            while true {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                let now = ContinuousClock.now
                carry += buffer[0..<count]
                // Events end with a blank line; look at whole events only (each byte scanned once).
                while let end = Self.eventEnd(carry, from: scanned) {
                    let watching = state.withLock { !$0.watched.isEmpty }
                    let event = watching ? String(decoding: carry[..<end], as: UTF8.self) : ""
                    let size = end
                    // (a chunk-size line of the chunked response may come first)
                    let isBoard = String(decoding: carry.prefix(min(end, 64)), as: UTF8.self).contains("event: board")
                    carry.removeSubrange(..<(end + 2))
                    scanned = 0
                    state.withLock { seen in
                        seen.bytes += size
                        if isBoard { seen.events += 1 }
                        for text in seen.watched where seen.firstSeen[text] == nil && event.contains(text) { seen.firstSeen[text] = now }
                    }
                }
                scanned = max(0, carry.count - 1)
            }
        }
    }

    static func eventEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 2, start < bytes.count - 1 else { return nil }
        for index in start..<(bytes.count - 1) where bytes[index] == 0x0A && bytes[index + 1] == 0x0A { return index }
        return nil
    }

    func watch(_ text: String) { state.withLock { _ = $0.watched.insert(text) } }
    func firstSeen(_ text: String) -> ContinuousClock.Instant? { state.withLock { $0.firstSeen[text] } }
    var events: Int { state.withLock { $0.events } }

    func close() { shutdown(fd, Int32(SHUT_RDWR)); Glibc.close(fd) }
}
