/// Resolves an area reference written in config (full path, root-relative path or unique id)
/// and explains a failure with a "did you mean" over paths and ids.
struct ConfigAreaReference {
    let tree: AreaTree

    func resolve(_ reference: String, at location: SourceLocation, what: String, log: DiagnosticLog) -> Int? {
        if let index = tree.resolve(reference) { return index }
        if let matches = tree.indicesByID[reference], matches.count > 1 {
            let paths = matches.prefix(4).map { "'\(tree[$0].path)'" }.joined(separator: ", ")
            log.error(location, "\(what) '\(reference)' is ambiguous: \(matches.count) areas have that id",
                      remedy: "write the full path, one of \(paths)")
            return nil
        }
        let candidates = tree.areas.lazy.flatMap { [$0.path, $0.id] }
        let relative = tree.areas.lazy.dropFirst().map { String($0.path.dropFirst(tree.root.id.count + 1)) }
        log.error(location, "\(what) '\(reference)' names no area",
                  remedy: Suggestion.didYouMean(reference, among: Array(candidates) + Array(relative),
                                                otherwise: "write a path from the root such as '\(tree.root.id)/…' or an area id from the areas file"))
        return nil
    }
}
