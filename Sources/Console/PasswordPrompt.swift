import Foundation
import Glibc
import HummingbirdBcrypt

/// Reads a new password for `passwd`: from a terminal without echo, asked twice; otherwise
/// the first line of standard input (for scripts: `echo "$PW" | dispatchd-console passwd ops`).
public enum PasswordPrompt {
    public static func read(login: String) -> String {
        guard isatty(0) != 0 else { return readLine(strippingNewline: true) ?? "" }
        func ask(_ prompt: String) -> String {
            FileHandle.standardError.write(Data(prompt.utf8))
            var old = termios()
            tcgetattr(0, &old)
            var silent = old
            silent.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &silent)
            defer {
                tcsetattr(0, TCSANOW, &old)
                FileHandle.standardError.write(Data("\n".utf8))
            }
            return readLine(strippingNewline: true) ?? ""
        }
        let first = ask("新密码 / new password for \(login): ")
        let second = ask("再输入一次 / again: ")
        guard first == second else {
            FileHandle.standardError.write(Data("dispatchd-console passwd: the two passwords differ; nothing changed\n".utf8))
            exit(1)
        }
        return first
    }
}

public enum PasswordHash {
    /// bcrypt with cost 12 (about a quarter of a second per login on a county server).
    public static func make(_ password: String, cost: UInt8 = 12) -> String { Bcrypt.hash(password, cost: cost) }
}

extension UsersFileEditor {
    /// Replaces the file atomically (temp file beside it, then rename), keeping its mode.
    public static func replace(path: String, text: String) throws {
        let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int ?? 0o640
        let owner = try? FileManager.default.attributesOfItem(atPath: path)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        var attributes: [FileAttributeKey: Any] = [.posixPermissions: mode]
        if let uid = owner?[.ownerAccountID], let gid = owner?[.groupOwnerAccountID] {
            attributes[.ownerAccountID] = uid
            attributes[.groupOwnerAccountID] = gid
        }
        try? FileManager.default.setAttributes(attributes, ofItemAtPath: path)
    }
}
