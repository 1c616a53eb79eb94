/// A benchmark's printed result: one row per figure, with the SPEC §13 target and whether this
/// run met it, aligned in columns (plain ASCII widths; the names are English).
struct FigureTable {
    struct Row {
        var name: String
        var value: String
        var target: String
        var verdict: String

        init(_ name: String, _ value: String, target: String = "", met: Bool? = nil) {
            self.name = name
            self.value = value
            self.target = target
            self.verdict = met.map { $0 ? "met" : "MISSED" } ?? ""
        }
    }

    var title: String
    var rows: [Row]

    func print() {
        let header = Row("figure", "value", target: "target")
        var all = [header] + rows
        all[0].verdict = "verdict"
        let nameWidth = all.map(\.name.count).max() ?? 0
        let valueWidth = all.map(\.value.count).max() ?? 0
        let targetWidth = all.map(\.target.count).max() ?? 0
        Swift.print(title)
        for row in all {
            Swift.print(pad(row.name, nameWidth) + "  " + pad(row.value, valueWidth) + "  "
                        + pad(row.target, targetWidth) + "  " + row.verdict)
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
