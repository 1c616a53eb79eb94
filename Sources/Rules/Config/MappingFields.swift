import Yams

/// Typed, validating access to one YAML mapping of a config file (an area, a team, a rule…).
///
/// Every problem is recorded in the shared `DiagnosticLog` and the getter returns nil, so a
/// reader keeps going and reports every error of a file in one run. Unknown keys are reported
/// once, at construction, with a "did you mean" over the allowed keys.
struct MappingFields {
    let file: String
    let node: Node
    /// How messages name this mapping (`a team`, then `team 'x'` once its id is known).
    var what: String
    let log: DiagnosticLog
    private let entries: [String: (key: Node, value: Node)]

    /// Nil (with an error) when `node` is not a mapping. With a `noun`, messages name the
    /// mapping by its id (`team 'x'`) when it has one.
    init?(_ node: Node, file: String, what: String, allowed: [String], log: DiagnosticLog, noun: String? = nil) {
        guard case .mapping(let mapping) = node else {
            log.error(Self.location(of: node, in: file), "\(what) must be a mapping of keys to values, found \(node.kindName)",
                      remedy: "write it as `key: value` lines or `{key: value, …}`; allowed keys: \(allowed.joined(separator: ", "))")
            return nil
        }
        self.file = file
        self.node = node
        if let noun, let id = mapping[Node("id")]?.scalar?.string, !id.isEmpty {
            self.what = "\(noun) '\(id)'"
        } else {
            self.what = what
        }
        let what = self.what
        self.log = log
        var entries: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                log.error(Self.location(of: key, in: file), "a key of \(what) must be plain text, found \(key.kindName)",
                          remedy: "use one of: \(allowed.joined(separator: ", "))")
                continue
            }
            guard allowed.contains(name) else {
                let hint = Suggestion.closest(to: name, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                log.error(Self.location(of: key, in: file), "unknown key '\(name)' in \(what)",
                          remedy: "\(hint)allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            entries[name] = (key, value)
        }
        self.entries = entries
    }

    static func location(of node: Node, in file: String) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func location(of node: Node) -> SourceLocation { Self.location(of: node, in: file) }

    /// Where the mapping itself starts: the place to report a missing key.
    var location: SourceLocation { location(of: node) }

    /// The value's node, absent for a missing key or an explicit null.
    func value(_ key: String) -> Node? {
        guard let entry = entries[key], !entry.value.isNull else { return nil }
        return entry.value
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    func keyLocation(_ key: String) -> SourceLocation {
        entries[key].map { location(of: $0.key) } ?? location
    }

    func valueLocation(_ key: String) -> SourceLocation {
        value(key).map { location(of: $0) } ?? keyLocation(key)
    }

    func missing(_ key: String, example: String) {
        log.error(location, "\(what) has no '\(key)'", remedy: "add `\(key): \(example)`")
    }

    // MARK: Typed getters

    func string(_ key: String, required example: String? = nil) -> String? {
        guard let value = value(key) else {
            if let example { missing(key, example: example) }
            return nil
        }
        return Self.string(value, file: file, what: "'\(key)' of \(what)", log: log)
    }

    /// Non-empty text; nil with an error when the value is a list or a mapping or empty.
    static func string(_ node: Node, file: String, what: String, log: DiagnosticLog) -> String? {
        guard case .scalar(let scalar) = node else {
            log.error(location(of: node, in: file), "\(what) must be text, found \(node.kindName)",
                      remedy: "write a single value (quote it if it contains ':' or '#')")
            return nil
        }
        guard !scalar.string.isEmpty else {
            log.error(location(of: node, in: file), "\(what) is empty", remedy: "write a value")
            return nil
        }
        return scalar.string
    }

    func int(_ key: String, minimum: Int? = nil) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .scalar(let scalar) = value, let number = Int(scalar.string.replacingOccurrences(of: "_", with: "")) else {
            log.error(location(of: value), "'\(key)' of \(what) must be a whole number, found '\(value.scalar?.string ?? value.kindName)'",
                      remedy: "write digits only, e.g. `\(key): \(minimum ?? 1)`")
            return nil
        }
        if let minimum, number < minimum {
            log.error(location(of: value), "'\(key)' of \(what) must be at least \(minimum), found \(number)",
                      remedy: "write `\(key): \(minimum)` or more")
            return nil
        }
        return number
    }

    func duration(_ key: String) -> ConfigDuration? {
        guard let text = string(key) else { return nil }
        guard let duration = ConfigDuration(text: text) else {
            log.error(valueLocation(key), "'\(key)' of \(what) is not a duration: '\(text)'",
                      remedy: "write hours, minutes and seconds in that order, e.g. `90s`, `10m` or `1h30m`")
            return nil
        }
        return duration
    }

    /// A list of non-empty texts; a single text is accepted as a one-item list when `single`.
    func strings(_ key: String, acceptSingle: Bool = false) -> [(text: String, location: SourceLocation)]? {
        guard let value = value(key) else { return nil }
        switch value {
        case .sequence(let sequence):
            return sequence.compactMap { item in
                Self.string(item, file: file, what: "an item of '\(key)' in \(what)", log: log).map { ($0, location(of: item)) }
            }
        case .scalar where acceptSingle:
            return Self.string(value, file: file, what: "'\(key)' of \(what)", log: log).map { [($0, location(of: value))] }
        default:
            log.error(location(of: value), "'\(key)' of \(what) must be a list, found \(value.kindName)",
                      remedy: "write `\(key): [a, b]`")
            return nil
        }
    }

    func sequence(_ key: String) -> [Node]? {
        guard let value = value(key) else { return nil }
        guard case .sequence(let sequence) = value else {
            log.error(location(of: value), "'\(key)' of \(what) must be a list, found \(value.kindName)",
                      remedy: "write each item on its own `- ` line")
            return nil
        }
        return Array(sequence)
    }

    /// A `{lat, lon}` mapping or a `[lat, lon]` pair.
    func geoPoint(_ key: String) -> GeoPoint? {
        guard let value = value(key) else { return nil }
        return ConfigGeoReader.point(value, file: file, what: "'\(key)' of \(what)", log: log)
    }
}
