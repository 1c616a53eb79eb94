import Glibc

/// Looking up local user accounts (the passwd database through NSS: `/etc/passwd`, or
/// `systemd-sysusers`' entries), without Foundation.
public enum UserAccounts {
    /// Whether a user named `name` exists on this system.
    public static func exists(_ name: String) -> Bool {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        let status = getpwnam_r(name, &entry, &buffer, buffer.count, &result)
        return status == 0 && result != nil
    }
}
