import Glibc

/// Where the main config is when no `--config` is given (SPEC §10), for every program of the
/// project (`dispatchd` and `dispatchd-console` alike): `$DISPATCHD_CONFIG`, then
/// `./config/dispatchd.yaml` (a source checkout), then `/etc/dispatchd/dispatchd.yaml`.
public enum ConfigLookup {
    public static let checkoutPath = "config/dispatchd.yaml"
    public static let installedPath = "/etc/dispatchd/dispatchd.yaml"

    /// `explicit` when given, else the first of the lookup order that applies.
    public static func resolve(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let fromEnvironment = getenv("DISPATCHD_CONFIG").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        if access(checkoutPath, F_OK) == 0 { return checkoutPath }
        return installedPath
    }
}
