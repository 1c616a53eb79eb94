import ArgumentParser
import Catalogue
import Rules

/// Checks, before anything is dropped, that the names an operator typed exist in the config
/// (SPEC §14: an unknown team, area or post is refused with exit 1 and nothing dropped).
/// Each failure is one line: what is unknown, the nearest known name, what to do.
struct CountyLookup {
    let county: County

    /// An area path, or a unique area name (`杨和镇`) turned into its path.
    func area(_ text: String) -> Result<String, LookupError> {
        if county.areas.indexByPath[text] != nil { return .success(text) }
        let byName = (0..<county.areas.count).filter { county.areas[$0].name == text || county.areas.fullName(of: $0) == text }
        if byName.count == 1 { return .success(county.areas[byName[0]].path) }
        return .failure(LookupError(texts(.unknownArea, text, hint(text, among: Array(county.areas.indexByPath.keys) + (0..<county.areas.count).map { county.areas[$0].name }))))
    }

    func team(_ id: String) -> Result<Team, LookupError> {
        if let team = county.team(id: id) { return .success(team) }
        return .failure(LookupError(texts(.unknownTeam, id, hint(id, among: county.teams.map(\.id)))))
    }

    func post(_ id: String) -> Result<DutyPost, LookupError> {
        if let post = county.dutyPost(id: id) { return .success(post) }
        return .failure(LookupError(texts(.unknownPost, id, hint(id, among: county.dutyPosts.map(\.id)))))
    }

    func kind(_ kind: String) -> Result<String, LookupError> {
        county.kinds.contains(kind) ? .success(kind) : .failure(LookupError(texts(.unknownKind, kind, hint(kind, among: county.kinds))))
    }

    /// ` (did you mean 'x'?)`, or nothing when no name is close.
    func hint(_ word: String, among candidates: some Sequence<String>) -> String { Self.hint(word, among: candidates) }

    static func hint(_ word: String, among candidates: some Sequence<String>) -> String {
        let scored = candidates.map { ($0, Self.distance(Array(word), Array($0))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return "" }
        return texts(.didYouMean, best)
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

struct LookupError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension Result where Failure == LookupError {
    /// The value, or the error printed and exit 1 (nothing has been dropped yet).
    func orExit() throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let error):
            Terminal.error(error.message)
            throw ExitCode(1)
        }
    }
}
