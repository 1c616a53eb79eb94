import Yams

/// One config file's text parsed into a Yams node tree, with YAML errors turned into
/// diagnostics that carry the file, line and column.
/// Yams parses; the diagnostics (file:line:column, what to do) are ours, as Yams' errors give
/// neither the file nor a remedy.
struct YAMLDocument {
    let file: String
    let root: Node?
    /// True when the text holds no document at all (not an error for the list files).
    let isEmpty: Bool

    /// Parses `bytes`; on failure records an error (syntax, invalid UTF-8, duplicate key) and
    /// leaves `root` nil. An empty document has a nil root and no error.
    init(file: String, bytes: [UInt8], log: DiagnosticLog) {
        self.file = file
        var root: Node?
        var parsed = false
        if let text = String(validating: bytes, as: UTF8.self) {
            do {
                root = try Yams.compose(yaml: text, Resolver.basic)
                parsed = true
            } catch let error as YamlError {
                YAMLDocument.report(error, text: text, file: file, log: log)
            } catch {
                log.error(SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML (\(error))",
                          remedy: "fix the YAML syntax")
            }
        } else {
            log.error(Self.firstInvalidUTF8(in: bytes, file: file), "the file is not valid UTF-8 text",
                      remedy: "save it as UTF-8")
        }
        self.root = root
        self.isEmpty = parsed && root == nil
    }

    /// Where decoding first fails, in lines and characters.
    private static func firstInvalidUTF8(in bytes: [UInt8], file: String) -> SourceLocation {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Yams reports a duplicate key at its first occurrence; the mistake is the repetition, so
    /// point at the next line that starts the same key at the same column, when there is one.
    private static func repetition(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line <= lines.count else { return nil }
        for index in mark.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let prefix = Array((key + ":").unicodeScalars)
            let start = mark.column - 1
            guard scalars.count >= start + prefix.count,
                  scalars[..<start].allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            if Array(scalars[start..<start + prefix.count]) == prefix { return (index + 1, mark.column) }
        }
        return nil
    }

    /// libyaml's nesting limit (`MAX_NESTING_LEVEL` in Yams' CYaml), which bounds the recursion
    /// of Yams' composer and of the readers here.
    static let maximumNesting = 1000

    private static func report(_ error: YamlError, text: String, file: String, log: DiagnosticLog) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        let remedy = "fix the YAML syntax at this place (check indentation, quotes and brackets)"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // libyaml's own text names a C function the operator cannot call.
            if problem.hasPrefix("Maximum nesting level reached") {
                log.error(at(mark), "YAML nested too deeply: more than \(maximumNesting) levels of lists and mappings",
                          remedy: "a config needs only a few levels; look for unbalanced '[' or '{' or runaway indentation")
                return
            }
            let detail = context.map { " \($0.text) at \($0.mark.line):\($0.mark.column)" } ?? ""
            log.error(at(mark), "YAML syntax error: \(problem)\(detail)", remedy: remedy)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let place = duplicates.first.flatMap { repetition(of: $0, after: context.mark, in: text) }
                ?? (context.mark.line, context.mark.column)
            log.error(SourceLocation(file: file, line: place.line, column: place.column), "duplicate key \(keys) in one mapping",
                      remedy: "keep one of them: a later value would silently replace an earlier one")
        case .reader(let problem, _, _, _):
            log.error(SourceLocation(file: file, line: 1, column: 1), "cannot read YAML text: \(problem)",
                      remedy: "save the file as UTF-8 text")
        default:
            log.error(SourceLocation(file: file, line: 1, column: 1), "cannot parse YAML (\(error))", remedy: remedy)
        }
    }
}

extension Node {
    /// True for an explicit null (`key:`, `key: ~`, `key: null`), which config treats as absent.
    var isNull: Bool {
        guard case .scalar(let scalar) = self, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var kindName: String {
        switch self {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
