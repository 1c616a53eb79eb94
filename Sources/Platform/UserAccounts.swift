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

extension UserAccounts {
    /// A user as the authorization check sees it: the name and every group it is in.
    public struct Member: Sendable, Equatable {
        public var uid: UInt32
        /// nil when no account has this uid.
        public var name: String?
        /// Names of the primary group and every supplementary group.
        public var groups: Set<String>
    }

    /// The account of `uid` and its groups (primary and supplementary, `getgrouplist`).
    public static func member(uid: UInt32) -> Member {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        // The entry's strings point into `buffer`: read them while its storage is pinned.
        let account: (name: String, gid: gid_t)? = buffer.withUnsafeMutableBufferPointer { storage in
            guard let base = storage.baseAddress, getpwuid_r(uid, &entry, base, storage.count, &result) == 0, result != nil,
                  let name = entry.pw_name else { return nil }
            return (String(cString: name), entry.pw_gid)
        }
        guard let account else { return Member(uid: uid, name: nil, groups: []) }
        var count: Int32 = 64
        var ids = [gid_t](repeating: 0, count: Int(count))
        while getgrouplist(account.name, account.gid, &ids, &count) < 0 {
            ids = [gid_t](repeating: 0, count: Int(count) + 64)
            count = Int32(ids.count)
        }
        var groups = Set<String>()
        for gid in ids.prefix(Int(count)) {
            if let group = groupName(gid) { groups.insert(group) }
        }
        return Member(uid: uid, name: account.name, groups: groups)
    }

    static func groupName(_ gid: gid_t) -> String? {
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        return buffer.withUnsafeMutableBufferPointer { storage in
            guard let base = storage.baseAddress, getgrgid_r(gid, &entry, base, storage.count, &result) == 0, result != nil,
                  let name = entry.gr_name else { return nil }
            return String(cString: name)
        }
    }
}
