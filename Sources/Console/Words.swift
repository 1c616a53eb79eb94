import Catalogue
import Dispatcher
import Rules

/// Names of states, levels, responses and kinds on the pages, from the one catalogue
/// (`Catalogue`, shared with the CLI). States come from the library's words (`StateWords`).
extension Language {
    func orderState(_ state: OrderRecord.State) -> String { Catalogue(self).state(state) }
    func incidentState(_ state: IncidentRecord.State) -> String { Catalogue(self).state(state) }

    func warningLevel(_ name: String) -> String {
        guard let level = WarningLevel(name: name) else { return name }
        return self(.consoleWarningLevel, isChinese ? level.chineseName : level.name)
    }

    func response(_ name: String?) -> String {
        guard let name else { return self(.consoleNoResponse) }
        return self(.consoleResponseLevel, name)
    }

    /// A kind's name (`console.kind.typhoon` …); a kind the catalogue does not name as it is.
    func kind(_ kind: String?) -> String {
        guard let kind else { return self(.consoleUnclassified) }
        return TextKey(rawValue: "console.kind." + kind).map { self($0) } ?? kind
    }
}
