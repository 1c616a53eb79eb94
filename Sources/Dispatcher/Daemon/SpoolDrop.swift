import Platform

/// Drops a file into a spool directory the way SPEC §2 asks of every writer: written durably
/// under the staging directory, then renamed in; a name already taken gets a suffix, so two
/// writers never overwrite each other. Used by the CLI and the console.
public enum SpoolDrop {
    public static func place(_ bytes: [UInt8], as name: String, into directory: String, staging: String) throws -> FileName {
        var candidate = FileName(name.hasPrefix(".") ? "_" + name.dropFirst() : name)
        while try SpoolFiles.writeDurably(directory, candidate, bytes: bytes, tmpDirectory: staging) == .destinationExists {
            candidate = try SpoolFiles.uniqueName(in: directory, for: candidate)
        }
        return candidate
    }
}
