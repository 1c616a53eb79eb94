/// "Did you mean" for misspelt ids, keys, kinds, capabilities, levels and area paths.
///
/// Invariant: a suggestion is only offered when it is close enough to be a plausible typo
/// (Levenshtein distance at most a third of the word, at least 1, and less than the word's
/// length) or when one is a prefix of the other (`team` → `team_name`), so an operator is never
/// sent to an unrelated name. Comparison ignores case.
enum Suggestion {
    /// The candidate nearest to `word`, or nil when none is plausibly what was meant.
    static func closest<Candidates: Sequence>(to word: String, among candidates: Candidates) -> String?
    where Candidates.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        let limit = max(1, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            let bound = min(limit, best.map { $0.distance - 1 } ?? limit)
            var found = bound >= 0 ? levenshtein(target, scalars, atMost: bound) : nil
            if let distance = found, distance >= target.count { found = nil }
            if found == nil, target.count >= 3, best == nil,
               candidate.lowercased().hasPrefix(word.lowercased()) || word.lowercased().hasPrefix(candidate.lowercased()) {
                found = limit
            }
            guard let distance = found else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// `did you mean 'x'?` when a close candidate exists, else `fallback`.
    static func didYouMean<Candidates: Sequence>(_ word: String, among candidates: Candidates,
                                                 otherwise fallback: String) -> String
    where Candidates.Element == String {
        if let match = closest(to: word, among: candidates) { return "did you mean '\(match)'?" }
        return fallback
    }

    /// A short, sorted list of names for a remedy: `a, b, c (and 12 more)`.
    static func list<Names: Sequence>(_ names: Names, limit: Int = 8) -> String where Names.Element == String {
        let sorted = Array(names).sorted()
        if sorted.isEmpty { return "(none)" }
        let shown = sorted.prefix(limit).joined(separator: ", ")
        return sorted.count > limit ? "\(shown) (and \(sorted.count - limit) more)" : shown
    }

    /// Edit distance between two scalar arrays, or nil once it is certain to exceed `bound`.
    static func levenshtein(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int = .max) -> Int? {
        if a.isEmpty { return b.count <= bound ? b.count : nil }
        if b.isEmpty { return a.count <= bound ? a.count : nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > bound { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        levenshtein(Array(a.unicodeScalars), Array(b.unicodeScalars)) ?? 0
    }
}
