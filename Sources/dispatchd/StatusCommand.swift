import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import GRDB
import Rules

/// `dispatchd status`: active incidents, area modes and open orders with the countdown to
/// their next deadline, read from the state database read-only (safe while the daemon runs).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show open incidents, area modes, open orders and their countdowns: exit 0, or 1 when the state cannot be read.")

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    @Flag(name: .long, help: "Redraw on every change of the state (and each second for the countdowns) until Ctrl-C.")
    var watch = false

    func validate() throws {
        if json && watch { throw ValidationError(texts(.watchNotJSON)) }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        if watch {
            do {
                try StatusWatch(county: county, stateDirectory: county.settings.state).run()
            } catch {
                Terminal.error(texts(.statusCannotRead, "\(error)"))
                throw ExitCode(1)
            }
        }
        let snapshot: StatusSnapshot
        do {
            snapshot = try StatusSnapshot.read(stateDirectory: county.settings.state)
        } catch {
            Terminal.error(texts(.statusCannotRead, "\(error)"))
            throw ExitCode(1)
        }
        let report = StatusReport(snapshot: snapshot, county: county, now: Date())
        Terminal.print(json ? JSONWriter.string(report.json(), pretty: true) : report.text())
    }
}
