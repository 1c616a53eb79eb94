import Foundation
import Glibc

/// The operator's side of the file handoff (SPEC §2): write a file under `incoming/.tmp/`,
/// then `rename(2)` it into `incoming/`; and counting what the daemon published.
enum SpoolDrop {
    /// Writes `bytes` to `directory/name` (no fsync: a drop is durable once the daemon claims it).
    static func write(_ bytes: [UInt8], to directory: String, name: String) throws {
        let path = directory + "/" + name
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw BenchFailure.errno("open", path) }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw BenchFailure.errno("write", path) }
    }

    static func rename(_ name: String, from source: String, to target: String) throws {
        guard Glibc.rename(source + "/" + name, target + "/" + name) == 0 else {
            throw BenchFailure.errno("rename", source + "/" + name)
        }
    }

    /// How many `SEQ-order-*.json` files `directory` holds.
    static func orderFiles(in directory: String) throws -> Int {
        guard let dir = opendir(directory) else { throw BenchFailure.errno("opendir", directory) }
        defer { closedir(dir) }
        var count = 0
        while let entry = readdir(dir) {
            let isOrder = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { strstr($0, "-order-") != nil }
            }
            if isOrder { count += 1 }
        }
        return count
    }
}
