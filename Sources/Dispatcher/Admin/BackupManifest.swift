import Foundation
import Platform
import Rules

/// `manifest.json` of a backup directory: what the backup holds and every file's SHA-256, so a
/// restore can prove the copy is whole before it replaces anything. `SHA256SUMS` beside it has
/// the same hashes for `sha256sum -c`.
///
/// Layout of a backup directory:
/// ```
/// manifest.json          this record
/// SHA256SUMS             the same hashes, sha256sum format
/// seq-high-water         the highest SEQ ever issued when the backup was taken (20 digits)
/// state/dispatchd.sqlite the state database (self-contained, rollback journal mode)
/// config/...             the config files, under their paths relative to the main file
/// ```
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let fileName = "manifest.json"
    public static let currentFormat = "dispatchd-backup/1"

    public struct Entry: Codable, Sendable, Equatable {
        /// Relative to the backup directory.
        public var path: String
        public var size: Int64
        public var sha256: String
    }

    public var format: String
    public var createdAt: String
    public var dispatchdVersion: String
    public var sourceCommit: String
    public var schema: String
    /// The highest SEQ issued on the machine at backup time (the database's and the spool's mark).
    public var seqHighWater: Int64
    public var openOrders: Int
    /// Where the state and spool were (for the record; a restore uses the config in force).
    public var stateDirectory: String
    public var spool: String
    /// The main config file inside the backup (`config/dispatchd.yaml`).
    public var mainConfig: String
    public var files: [Entry]

    public static let databasePath = "state/" + StateStore.fileName
    public static let highWaterPath = "seq-high-water"

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }

    static func decode(_ bytes: [UInt8]) throws(AdminErrorText) -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(BackupManifest.self, from: Data(bytes))
        } catch DecodingError.keyNotFound(let key, _) {
            throw AdminErrorText("the field \(key.stringValue) is missing")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            throw AdminErrorText("\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)")
        } catch DecodingError.dataCorrupted(let context) {
            throw AdminErrorText(String(describing: context.underlyingError ?? context.debugDescription as Any))
        } catch {
            throw AdminErrorText(String(describing: error))
        }
    }

    /// `HASH  PATH` lines, as `sha256sum` writes them.
    var sums: String { files.map { "\($0.sha256)  \($0.path)\n" }.joined() }
}

/// A decoder's words, carried into `AdminError.Problem.manifestInvalid`.
struct AdminErrorText: Error { let text: String; init(_ text: String) { self.text = text } }

/// Hashing and small-file helpers shared by backup, restore and prune.
enum AdminFiles {
    /// SHA-256 (hex) and size of a file, read in 1 MiB pieces.
    static func hash(_ path: String) throws -> (sha256: String, size: Int64) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AdminError(.system(SystemError(syscall: "open", errno: access(path, R_OK) == 0 ? EIO : errno, path: path)), path: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(Array(chunk))
            size += Int64(chunk.count)
        }
        return (hasher.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(), size)
    }

    /// Writes `bytes` to the new file `path` and fsyncs it.
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path)
        try Data(bytes).write(to: url, options: .withoutOverwriting)
        try fsync(path: path)
    }

    /// fsync of a file or directory by path.
    static func fsync(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AdminError(.system(SystemError(syscall: "open", errno: errno, path: path)), path: path) }
        defer { close(fd) }
        guard Glibc.fsync(fd) == 0 else { throw AdminError(.system(SystemError(syscall: "fsync", errno: errno, path: path)), path: path) }
    }

    /// The UTC timestamp used in names: `20261204T183000Z`.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// Hands `path` to the owner of `directory` when run as root (the daemon's user must keep
    /// writing what an administrator restored).
    static func giveToOwner(of directory: String, _ path: String) {
        var info = stat()
        guard getuid() == 0, stat(directory, &info) == 0 else { return }
        _ = chown(path, info.st_uid, info.st_gid)
    }
}
