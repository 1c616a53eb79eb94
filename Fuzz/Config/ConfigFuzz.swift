import Rules

/// libFuzzer entry point for `CountyLoader` (SPEC §4) on in-memory files.
///
/// The input is up to five files separated by NUL bytes, handed out in the order the loader
/// reads them: main, areas, teams, duty, rules (the seed corpus is the example county joined
/// that way). A read beyond the last part fails like a missing file. Invariant checked: the
/// result has a county exactly when it has no error, and every diagnostic has a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parts = bytes.split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false).map(Array.init)
    var next = 0
    let result = CountyLoader.load(configPath: "/etc/dispatchd/dispatchd.yaml") { path in
        defer { next += 1 }
        guard next < parts.count else { throw MissingPart(path: path) }
        return parts[next]
    }
    precondition((result.county != nil) == !result.hasErrors, "county and errors disagree: \(result.diagnostics)")
    for diagnostic in result.diagnostics {
        precondition(!diagnostic.message.isEmpty, "a diagnostic without a message")
    }
    return 0
}

/// The error of a read beyond the files in the input.
struct MissingPart: Error, CustomStringConvertible {
    var path: String
    var description: String { "no such file in the fuzz input: \(path)" }
}
