import BuildStamp
import Dispatcher

/// What `dispatchd --version` prints: the version (the VERSION file, stamped in by `make`),
/// the source commit (git, or a `git archive` tarball's COMMIT file) and the state schema this
/// binary writes (from `StoreSchema`, so a new migration shows without an edit here).
enum VersionInfo {
    static let version = String(cString: dispatchd_build_version())
    static let commit = String(cString: dispatchd_build_commit())

    static var text: String {
        let schema = StateSnapshot.schemaVersion
        return """
            dispatchd \(version)
            commit \(commit)
            state schema \(schema.identifier) (\(schema.migrations) migrations)
            """
    }
}
