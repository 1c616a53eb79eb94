import Foundation

/// Byte-exact file names for the hostile-spool tests: names with newlines, control characters
/// or invalid UTF-8 cannot round-trip through `String` paths, so these work on raw bytes.
enum RawNames {
    /// The names in `directory` as raw bytes (`.` and `..` excluded).
    static func list(_ directory: String) -> [[UInt8]] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name != [0x2E] && name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }

    /// `directory/name` as a NUL-terminated C path.
    static func path(_ directory: String, _ name: [UInt8]) -> [CChar] {
        (Array(directory.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
    }

    /// Writes `bytes` under `directory/.tmp/` and renames it to `directory/name` (SPEC §2).
    static func drop(_ bytes: [UInt8], as name: [UInt8], into directory: String) throws {
        let staged = directory + "/.tmp/raw-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: staged))
        let target = path(directory, name)
        guard rename(staged, target) == 0 else { throw SandboxError("rename into \(directory) failed: errno \(errno)") }
    }

    /// Makes a special file (FIFO, socket, device) under `.tmp/` and renames it in.
    static func dropNode(_ name: String, mode: mode_t, device: dev_t = 0, into directory: String) throws {
        let staged = directory + "/.tmp/" + name
        guard mknod(staged, mode, device) == 0 else { throw SandboxError("mknod \(staged) failed: errno \(errno)") }
        guard rename(staged, directory + "/" + name) == 0 else { throw SandboxError("rename \(staged) failed: errno \(errno)") }
    }
}
