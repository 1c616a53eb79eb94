/// Which decoder an incident file goes to (SPEC §3.1, §3.2).
///
/// The file name decides first (`*.json` → native JSON; `*.xml`, `*.cap` → CAP, case-insensitive);
/// otherwise the first character after an optional UTF-8 BOM and whitespace does (`{` → native
/// JSON, `<` → CAP). Anything else is `.unknown`, which the daemon rejects.
public enum InputFormat: String, Sendable, Equatable, CaseIterable {
    case nativeJSON, cap, unknown

    public static func detect(fileName: String, bytes: [UInt8]) -> InputFormat {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".json") { return .nativeJSON }
        if lowered.hasSuffix(".xml") || lowered.hasSuffix(".cap") { return .cap }
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .unknown }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .nativeJSON
        case UInt8(ascii: "<"): return .cap
        default: return .unknown
        }
    }
}
