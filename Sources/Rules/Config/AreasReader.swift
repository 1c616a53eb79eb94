import Yams

/// Reads the areas file (SPEC §4) into an `AreaTree` in preorder.
///
/// Invariants of the result: `areas[0]` is the root; each area's `parent`, `children`,
/// `depth`, `subtreeEnd` and `path` (ids from the root joined by `/`) are exact; ids are
/// non-empty without `/`; sibling ids are unique, so paths are unique. An area that cannot be
/// read is left out with its subtree (after an error), so the tree stays consistent.
struct AreasReader {
    static let allowedKeys = ["id", "name", "level", "geocodes", "location", "polygon", "children"]

    let file: String
    let log: DiagnosticLog
    private var areas: [AreaTree.Area] = []

    /// Nil (with errors recorded) when there is no usable root.
    static func read(_ document: YAMLDocument, log: DiagnosticLog) -> AreaTree? {
        guard let root = document.root else {
            guard document.isEmpty else { return nil }   // the YAML error is already reported
            log.error(SourceLocation(file: document.file, line: 1, column: 1), "the areas file is empty",
                      remedy: "write the root area (the district) as one mapping: `{id: gaoming, name: 高明区, children: [...]}`")
            return nil
        }
        var reader = AreasReader(file: document.file, log: log)
        reader.add(root, parent: nil)
        return reader.areas.isEmpty ? nil : AreaTree(preorder: reader.areas)
    }

    private init(file: String, log: DiagnosticLog) {
        self.file = file
        self.log = log
    }

    private mutating func add(_ node: Node, parent: Int?) {
        let depth = parent.map { areas[$0].depth + 1 } ?? 0
        let what = parent == nil ? "the root area" : "an area under '\(areas[parent!].path)'"
        guard let fields = MappingFields(node, file: file, what: what, allowed: Self.allowedKeys, log: log) else { return }
        let name = fields.string("name", required: "石水村")
        guard let id = fields.string("id", required: "shishui") else { return }
        if id.contains("/") || id.trimmingCharacters(in: .whitespaces) != id {
            log.error(fields.valueLocation("id"), "area id '\(id)' must not contain '/' or surrounding spaces",
                      remedy: "use a short name of letters, digits and '-', e.g. `shishui`")
            return
        }
        let path = parent.map { areas[$0].path + "/" + id } ?? id
        if let parent, areas[parent].children.contains(where: { areas[$0].id == id }) {
            let first = areas[parent].children.first { areas[$0].id == id }.flatMap { areas[$0].declaredAt }
            log.error(fields.valueLocation("id"), "duplicate area id '\(id)' under '\(areas[parent].path)'"
                        + (first.map { " (first declared at \($0))" } ?? ""),
                      remedy: "give each child of one area its own id")
            return
        }
        let level: String
        if let declared = fields.string("level") {
            level = declared
        } else if depth < AreaTree.defaultLevels.count {
            level = AreaTree.defaultLevels[depth]
        } else {
            log.error(fields.keyLocation("id"), "area '\(path)' is \(depth + 1) levels deep and has no 'level'",
                      remedy: "add `level: NAME` (the defaults \(AreaTree.defaultLevels.joined(separator: ", ")) cover only \(AreaTree.defaultLevels.count) levels)")
            return
        }
        var geocodes: [(text: String, location: SourceLocation)] = []
        if let codes = fields.value("geocodes") {
            if case .scalar = codes {
                geocodes = MappingFields.string(codes, file: file, what: "'geocodes' of area '\(path)'", log: log)
                    .map { [($0, fields.location(of: codes))] } ?? []
            } else {
                geocodes = fields.strings("geocodes") ?? []
            }
        }
        if let parent { checkContainment(geocodes, of: path, parent: parent) }
        let polygon = fields.value("polygon").flatMap { ConfigGeoReader.polygon($0, file: file, what: "'polygon' of area '\(path)'", log: log) }
        let index = areas.count
        areas.append(AreaTree.Area(id: id, name: name ?? id, level: level, path: path, geocodes: geocodes.map(\.text),
                                   location: fields.geoPoint("location"), polygon: polygon, parent: parent,
                                   depth: depth, subtreeEnd: index + 1, declaredAt: fields.keyLocation("id")))
        if let parent { areas[parent].children.append(index) }
        for child in fields.sequence("children") ?? [] {
            add(child, parent: index)
        }
        areas[index].subtreeEnd = areas.count
    }

    /// Division codes (SPEC §3.2.1) contain each other by their digits: a child's code outside
    /// every code of its parent is a warning (a CAP geocode would reach the wrong area, or none).
    private func checkContainment(_ geocodes: [(text: String, location: SourceLocation)], of path: String, parent: Int) {
        let parentCodes = areas[parent].geocodes.compactMap(DivisionCode.init)
        guard !parentCodes.isEmpty else { return }
        for (text, location) in geocodes {
            guard let code = DivisionCode(text), !parentCodes.contains(where: { $0.contains(code) }) else { continue }
            log.warning(location, "geocode \(text) of area '\(path)' lies outside its parent '\(areas[parent].path)' "
                        + "(\(areas[parent].geocodes.joined(separator: ", "))): division codes begin with their parent's digits",
                        remedy: "correct the code (a town of \(parentCodes[0].digits.prefix(parentCodes[0].significantDigits)) "
                            + "begins with those digits), or move the area under the parent its code names")
        }
    }
}
