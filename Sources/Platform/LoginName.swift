import Glibc

/// Who is at the keyboard, for `--by` defaults and for showing file owners by name.
public enum LoginName {
    /// The login name of the session (`getlogin_r`), else the user name of the real uid, else
    /// `uid N`. `sudo` keeps the name of who logged in, which is the person acting.
    public static func current() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        if getlogin_r(&buffer, buffer.count) == 0 {
            let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !name.isEmpty { return name }
        }
        return userName(uid: getuid()) ?? "uid \(getuid())"
    }

    /// The user name of `uid` from the passwd database (through NSS), or nil when it has none.
    public static func userName(uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}
