import Foundation
import Glibc

/// The disk's group-commit limit (SPEC §13), measured on the daemon's own filesystem: in
/// batches of 100, write 100 files of a message's size with one `fsync` each into a staging
/// directory, rename them into the target directory, and `fsync` that directory once. This is
/// the least a durable, atomically published message can cost, so it is the yardstick for the
/// daemon's burst rate.
struct DiskLimit {
    static let batch = 100
    let directory: String
    var files = 10_000
    var fileSize = 900

    struct Result {
        var filesPerSecond: Double
        /// Latency of one lone write + fsync (seconds): the unit of a single input's path.
        var loneSync: (p50: Double, p99: Double)
    }

    /// Runs the loop, then times 200 lone write + fsync calls.
    func measure() throws -> Result {
        let staging = directory + "/.staging"
        let target = directory + "/published"
        for path in [directory, staging, target] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: fileSize)
        let targetFD = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard targetFD >= 0 else { throw BenchFailure.errno("open", target) }
        defer { close(targetFD) }
        let clock = ContinuousClock()
        let start = clock.now
        var written = 0
        while written < files {
            let names = (written..<min(files, written + Self.batch)).map { String(format: "%020d-order-disk.json", $0) }
            for name in names {
                let path = staging + "/" + name
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard fd >= 0 else { throw BenchFailure.errno("open", path) }
                let count = payload.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                guard count == payload.count, fsync(fd) == 0 else {
                    close(fd)
                    throw BenchFailure.errno("write+fsync", path)
                }
                close(fd)
            }
            for name in names {
                guard rename(staging + "/" + name, target + "/" + name) == 0 else {
                    throw BenchFailure.errno("rename", staging + "/" + name)
                }
            }
            guard fsync(targetFD) == 0 else { throw BenchFailure.errno("fsync", target) }
            written += names.count
        }
        let elapsed = Stats.seconds(start.duration(to: clock.now))
        var lone: [Double] = []
        for index in 0..<200 {
            let path = staging + "/lone-\(index)"
            let begin = clock.now
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BenchFailure.errno("open", path) }
            let count = payload.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd)
            close(fd)
            guard count == payload.count, synced == 0 else { throw BenchFailure.errno("write+fsync", path) }
            lone.append(Stats.seconds(begin.duration(to: clock.now)))
        }
        lone.sort()
        try? FileManager.default.removeItem(atPath: directory)
        return Result(filesPerSecond: Double(files) / elapsed,
                      loneSync: (Stats.percentile(lone, 0.5), Stats.percentile(lone, 0.99)))
    }
}
