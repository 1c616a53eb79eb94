import Foundation

/// An `application/x-www-form-urlencoded` body or query: `a=1&b=%E4%B8%AD+x`. A repeated key
/// keeps its first value in `[key]` and all of them in `all(key)`.
struct FormBody: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ text: String) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(pieces[0]), pieces.count > 1 ? decode(pieces[1]) : ""))
        }
    }

    subscript(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }

    /// The value trimmed, nil when absent or blank.
    func text(_ key: String) -> String? {
        guard let value = self[key]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func all(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }
}
