/// Path arithmetic for config files, without touching the file system: a relative path named
/// in a file is relative to the directory of that file.
enum ConfigPaths {
    /// The directory part of `path` (`""` for a bare file name, `"/"` for a file at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `reference` as named in the file at `namingFile`: absolute paths stay as they are.
    static func resolve(_ reference: String, relativeTo namingFile: String) -> String {
        if reference.hasPrefix("/") { return reference }
        var relative = Substring(reference)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        let directory = directory(of: namingFile)
        if directory.isEmpty { return normalized(String(relative)) }
        if directory == "/" { return normalized("/" + relative) }
        return normalized(directory + "/" + relative)
    }

    /// Removes `.` components and folds `dir/..` lexically (`config/../var` → `var`), so logs
    /// and messages show the path an operator would write. Leading `..` components stay.
    static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
