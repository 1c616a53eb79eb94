import Foundation
import Glibc

/// A small HTTP/1.1 client over a real loopback socket, so the tests see exactly what a
/// browser gets (status, every header, redirects not followed) and can keep a cookie jar.
struct HTTPReply {
    let status: Int
    let headers: [(String, String)]
    let body: String

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    func headers(_ name: String) -> [String] { headers.filter { $0.0.lowercased() == name.lowercased() }.map(\.1) }
}

final class HTTPProbe: @unchecked Sendable {
    let port: Int
    var cookies: [String: String] = [:]
    var acceptLanguage = "zh-CN,zh;q=0.9"

    init(port: Int) { self.port = port }

    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw SandboxError("connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        return fd
    }

    func requestText(_ method: String, _ path: String, body: String?, extraHeaders: [String]) -> String {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: 127.0.0.1:\(port)", "Connection: close",
                     "Accept-Language: \(acceptLanguage)"]
        if !cookies.isEmpty { lines.append("Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")) }
        lines += extraHeaders
        if let body {
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append("Content-Length: \(body.utf8.count)")
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + (body ?? "")
    }

    /// The blocking socket work runs on a Dispatch thread, never on Swift's cooperative pool
    /// (which the in-process server needs; on 2 cores two blocked tests would starve it).
    func send(_ method: String, _ path: String, body: String? = nil, extraHeaders: [String] = []) async throws -> HTTPReply {
        try await offPool { try self.sendBlocking(method, path, body: body, extraHeaders: extraHeaders) }
    }

    func sendBlocking(_ method: String, _ path: String, body: String?, extraHeaders: [String]) throws -> HTTPReply {
        let fd = try Self.connect(port: port)
        defer { close(fd) }
        let request = Array(requestText(method, path, body: body, extraHeaders: extraHeaders).utf8)
        _ = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return try parse(data)
    }

    func parse(_ data: [UInt8]) throws -> HTTPReply {
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw SandboxError("no HTTP header in: \(text.prefix(200))") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = String(text[split.upperBound...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = Self.dechunk(body)
        }
        for value in headers.filter({ $0.0.lowercased() == "set-cookie" }).map(\.1) {
            let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2, !pair[1].isEmpty { cookies[String(pair[0])] = String(pair[1]) } else if pair.count >= 1 { cookies[String(pair[0])] = nil }
        }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ text: String) -> String {
        var bytes = Array(text.utf8)[...]
        var out: [UInt8] = []
        while let lineEnd = bytes.firstIndex(of: 0x0A) {
            let sizeText = String(decoding: bytes[bytes.startIndex..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let size = Int(sizeText, radix: 16), size > 0 else { break }
            let start = lineEnd + 1
            let end = min(start + size, bytes.endIndex)
            out += bytes[start..<end]
            bytes = bytes[min(end + 2, bytes.endIndex)...]
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func form(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }

    /// The hidden `csrf` value of the first form in a page.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// Logs in; returns the board's CSRF token.
    @discardableResult
    func login(_ login: String, password: String = ConsoleSandbox.password) async throws -> String {
        let page = try await send("GET", "/login")
        let token = Self.csrf(in: page.body) ?? ""
        let reply = try await send("POST", "/login", body: Self.form([("csrf", token), ("login", login), ("password", password)]))
        guard reply.status == 303 else { throw SandboxError("login \(login) answered \(reply.status): \(reply.body.prefix(300))") }
        let board = try await send("GET", "/")
        return Self.csrf(in: board.body) ?? ""
    }
}

/// Runs blocking work on a Dispatch thread and awaits it.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
