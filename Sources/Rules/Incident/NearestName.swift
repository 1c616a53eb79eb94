/// "Did you mean …?" suggestions: the candidate closest to a misspelt name by edit distance.
enum NearestName {
    /// The closest candidate within a small edit distance (a third of the name's length, at
    /// least 2), ties broken alphabetically; nil when nothing is close.
    static func suggestion(for name: String, among candidates: some Collection<String>) -> String? {
        let lowered = Array(name.lowercased())
        let limit = max(2, lowered.count / 3)
        var best: (distance: Int, name: String)? = nil
        for candidate in candidates.sorted() {
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (distance, candidate)
            }
        }
        return best?.name
    }

    /// Levenshtein distance between two character arrays.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
