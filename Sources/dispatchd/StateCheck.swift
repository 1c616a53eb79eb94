import ArgumentParser
import Catalogue
import Dispatcher
import Rules

/// The checks against the live state the CLI can make before dropping a command (SPEC §14):
/// an unknown incident, or an order that is unknown or no longer open, exits 1 with nothing
/// dropped. When the state cannot be read (an operator outside the daemon's group), the
/// checks are skipped and the daemon's verdict decides (`--wait` shows it).
struct StateCheck {
    let lookup: StateLookup?

    init(county: County) { lookup = StateLookup.open(stateDirectory: county.settings.state) }

    /// An incident that exists and is not closed.
    func openIncident(_ id: String) throws {
        guard let lookup, let known = Self.attempt({ try lookup.incident(id) }) else { return }
        guard let incident = known else {
            let hint = CountyLookup.hint(id, among: (try? lookup.openIncidentIDs()) ?? [])
            Terminal.error(texts(.unknownIncident, id, hint))
            throw ExitCode(1)
        }
        if incident.state == .closed {
            Terminal.error(texts(.incidentAlreadyClosed, id))
            throw ExitCode(1)
        }
    }

    /// An order that exists and is open (holds its team).
    func openOrder(_ id: String) throws {
        guard let lookup, let known = Self.attempt({ try lookup.order(id) }) else { return }
        guard let order = known else {
            let hint = CountyLookup.hint(id, among: (try? lookup.openOrderIDs()) ?? [])
            Terminal.error(texts(.unknownOrder, id, hint))
            throw ExitCode(1)
        }
        if !order.state.isOpen {
            Terminal.error(texts(.orderNotOpen, id, texts.state(order.state)))
            throw ExitCode(1)
        }
    }

    /// `.some(found)` when the read worked (found may be nil: unknown), nil when it failed.
    static func attempt<T>(_ read: () throws -> T?) -> T?? {
        do { return .some(try read()) } catch { return nil }
    }
}
