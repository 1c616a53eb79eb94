import Rules

/// A plain-text table whose columns stay aligned with Chinese text: widths are measured in
/// terminal columns (`DisplayWidth`), not characters.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: [String]) { self.headers = headers }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                parts.append(index == cells.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[index]))
            }
            return parts.joined(separator: "  ")
        }
        var text = line(headers) + "\n"
        text += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }
}
