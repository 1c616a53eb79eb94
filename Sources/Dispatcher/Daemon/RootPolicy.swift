/// Whether `dispatchd run` may run as the user it was started as (least privilege, issue 6).
///
/// The decision: as uid 0 while the dedicated service user exists (the service is installed),
/// the daemon refuses unless `--allow-root` is given, since root would create spool files and
/// a state database the service user cannot use afterwards and would lift the sandbox's
/// limits on what a malicious drop can reach. As uid 0 without such a user (development, CI,
/// a container) it runs and logs a warning. Any other uid runs.
///
/// Pure logic: the caller supplies the uid and the user lookup.
public enum RootPolicy: Equatable, Sendable {
    case run
    case runWithWarning(String)
    case refuse(String)

    /// The service user `systemd/dispatchd.sysusers` creates.
    public static let defaultServiceUser = "dispatchd"

    /// The service user to look for: `DISPATCHD_SERVICE_USER` when set and not empty (a
    /// packaging that names its user differently, and the tests), else `dispatchd`.
    public static func serviceUser(environment: [String: String]) -> String {
        guard let name = environment["DISPATCHD_SERVICE_USER"], !name.isEmpty else { return defaultServiceUser }
        return name
    }

    public static func decide(uid: UInt32, serviceUser: String, serviceUserExists: Bool, allowRoot: Bool) -> RootPolicy {
        guard uid == 0 else { return .run }
        if serviceUserExists && !allowRoot {
            return .refuse("""
                refusing to run as root: the service user '\(serviceUser)' exists, so the daemon must run as it \
                (systemd's User=\(serviceUser), or `runuser -u \(serviceUser) -- dispatchd run`); \
                pass --allow-root to run as root anyway
                """)
        }
        if serviceUserExists {
            return .runWithWarning("running as root because --allow-root was given: files the daemon creates will belong to root, "
                + "so fix their owner (chown -R \(serviceUser)) before starting the service again")
        }
        return .runWithWarning("running as root (no '\(serviceUser)' user exists: a development or container setup); "
            + "an installed service runs as '\(serviceUser)' (see systemd/dispatchd.sysusers)")
    }
}
