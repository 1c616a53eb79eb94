import Foundation
import Glibc

/// Resident memory and CPU time of a process, read from `/proc` (Linux only).
enum ProcessStats {
    /// `VmRSS` of `/proc/PID/status` in bytes (`pid` nil: this process), or nil if unreadable.
    /// `field` picks another size line of that file, e.g. `RssAnon` (private, not file-backed).
    static func residentBytes(pid: Int32? = nil, field: String = "VmRSS") -> Int? {
        let path = "/proc/\(pid.map(String.init) ?? "self")/status"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
            return kilobytes * 1024
        }
        return nil
    }

    /// utime + stime of `/proc/PID/stat` in seconds, or nil if unreadable.
    static func cpuSeconds(pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, so utime (14) and stime (15) are at 11 and 12.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Percentiles and unit conversions shared by the benchmarks.
enum Stats {
    /// The `fraction` percentile of an ascending array (nearest rank), 0 when empty.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
    static func milliseconds(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
}

/// A failure of the benchmark's environment (a syscall, a daemon that does not start):
/// says what failed and where to look.
struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }

    /// Wraps a failed syscall with its name, the path and `errno`'s text.
    static func errno(_ call: String, _ path: String) -> BenchFailure {
        BenchFailure("\(call) \(path) failed: \(String(cString: strerror(Glibc.errno)))")
    }
}
