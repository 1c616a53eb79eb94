import Foundation
import Yams

/// Sets one user's `password_hash` in the users file's text and keeps every other line as it
/// is (comments, order, quoting): `dispatchd-console passwd LOGIN` (SPEC §17). The value's
/// token is found through the YAML parser's marks and replaced in place; an entry without the
/// key gets a `password_hash:` line under its `login:`.
public enum UsersFileEditor {
    public static func setPasswordHash(in text: String, path: String, login: String, hash: String) throws -> String {
        guard case .sequence(let list)? = try Yams.compose(yaml: text) else {
            throw UserDirectory.Invalid(description: "\(path):1:1: the users file must be a YAML list of {login, name, role, password_hash}")
        }
        var lines = text.components(separatedBy: "\n")
        let quoted = "\"" + hash + "\""
        for entry in list {
            guard case .mapping(let fields) = entry, fields["login"]?.string == login else { continue }
            if let value = fields["password_hash"], let mark = value.mark {
                let lineIndex = mark.line - 1
                let line = Array(lines[lineIndex])
                let start = mark.column - 1
                let end = tokenEnd(line, from: start)
                lines[lineIndex] = String(line[..<start]) + quoted + String(line[end...])
                return lines.joined(separator: "\n")
            }
            guard let key = fields.first(where: { $0.key.string == "login" })?.key, let mark = key.mark else { break }
            let line = Array(lines[mark.line - 1])
            if line.contains("{") {
                throw UserDirectory.Invalid(description: "\(path):\(mark.line):\(mark.column): user '\(login)' is written in flow style without password_hash; add `password_hash: \"\"` to it and run passwd again")
            }
            lines.insert(String(repeating: " ", count: mark.column - 1) + "password_hash: " + quoted, at: mark.line)
            return lines.joined(separator: "\n")
        }
        throw UserDirectory.Invalid(description: "\(path): no user with login '\(login)'; add an entry {login: \(login), name: ..., role: viewer|operator|commander} first")
    }

    /// One past the scalar token starting at `start`: a quoted string through its closing
    /// quote, a plain one up to `,` `}` ` #` or the end of the line (trailing blanks kept).
    static func tokenEnd(_ line: [Character], from start: Int) -> Int {
        guard start < line.count else { return line.count }
        let first = line[start]
        if first == "\"" || first == "'" {
            var index = start + 1
            while index < line.count {
                if line[index] == "\\" && first == "\"" { index += 2; continue }
                if line[index] == first {
                    if first == "'" && index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                    return index + 1
                }
                index += 1
            }
            return line.count
        }
        var index = start
        while index < line.count, line[index] != ",", line[index] != "}",
              !(line[index] == "#" && index > 0 && line[index - 1] == " ") { index += 1 }
        while index > start, line[index - 1] == " " { index -= 1 }
        return index
    }
}
