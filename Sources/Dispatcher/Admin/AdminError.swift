import Platform

/// Why an administration command (SPEC §18) refused or failed, as facts: the file concerned and
/// the problem. The command renders the words (zh or en) and the exit code; nothing was changed.
public struct AdminError: Error, Sendable {
    public enum Problem: Sendable {
        /// `backup DEST`: DEST already exists (a backup always goes into a new directory).
        case destinationExists
        /// `backup DEST`: the directory DEST would be created in does not exist.
        case parentMissing
        /// `restore SRC`: SRC is not a directory (or cannot be read).
        case sourceMissing
        /// `restore SRC`: no `manifest.json` in SRC.
        case manifestMissing
        /// `restore SRC`: the manifest does not parse or lacks a field (the decoder's words).
        case manifestInvalid(String)
        /// `restore SRC`: a file the manifest lists is missing from SRC.
        case fileMissing
        /// `restore SRC`: a file's size or SHA-256 differs from the manifest's.
        case fileChanged(expected: String, found: String)
        /// `restore`: a daemon holds the state lock.
        case daemonRunning
        /// The state database (live, copied or restored) refused (see `StoreError`).
        case state(StoreError)
        /// A system call failed.
        case system(SystemError)
        /// `prune`: an archive read back does not hold what was put in it.
        case archiveUnverified(String)
        /// `prune`: `tar` could not be run or failed (its own words).
        case archiveFailed(String)
    }

    public var problem: Problem
    /// The file or directory concerned.
    public var path: String

    public init(_ problem: Problem, path: String) {
        self.problem = problem
        self.path = path
    }
}
