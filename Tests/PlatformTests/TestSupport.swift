import Foundation
import Glibc
@testable import Platform

/// A fresh directory under the system temp directory, removed when released.
final class TempDirectory: @unchecked Sendable {
    // Safe: immutable after init.
    let path: String

    init() {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/platform-test-XXXXXX").utf8CString)
        let result = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(result != nil, "mkdtemp failed under \(base): errno \(errno)")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func subdirectory(_ name: String) -> String {
        let sub = path + "/" + name
        try? FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        return sub
    }

    @discardableResult
    func write(_ name: String, _ text: String, in directory: String? = nil) -> String {
        let file = (directory ?? path) + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    func names(in directory: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory ?? path)) ?? []).sorted()
    }
}

/// Collects values from handlers running on other threads.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    // Safe: `storage` is only touched while holding `lock`.
    private let lock = NSLock()
    private var storage: [Value] = []

    func append(_ value: Value) { lock.withLock { storage.append(value) } }
    func append(contentsOf values: [Value]) { lock.withLock { storage += values } }
    var values: [Value] { lock.withLock { storage } }
}

/// Polls `condition` until it holds or `timeout` passes (for real OS behaviour only).
func eventually(timeout: Duration = .seconds(3), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while clock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
