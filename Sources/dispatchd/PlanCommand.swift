import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd plan FILE`: what the daemon would do with one input, with no side effects.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show, without side effects, which rules match an incident and which teams it would mobilize.",
        discussion: "Exit 0 with the plan; 1 when the input is bad (the reason is printed).")

    @Argument(help: ArgumentHelp("The incident file (native JSON, or CAP XML: the mapping is printed first).", valueName: "FILE"))
    var file: String

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let bytes: [UInt8]
        do {
            bytes = try LocalFiles.read(file, maxBytes: county.settings.maxInputBytes)
        } catch {
            Terminal.error(texts(.fileError, file, "\(error)"))
            throw ExitCode(1)
        }
        let input: InputDecoding.IncidentInput
        do throws(InputError) {
            input = try InputDecoding.decode(fileName: file, bytes: bytes, county: county)
        } catch {
            Terminal.error(error.described(file: file))
            throw ExitCode(1)
        }
        switch input {
        case .dispatch(let message, let cap):
            let (verdict, plan) = InputVerdict.plan(for: message, county: county, now: Date())
            let report = PlanReport(county: county, message: message, plan: plan, cap: cap, verdict: verdict)
            Terminal.print(json ? JSONWriter.string(report.json(), pretty: true) : report.text())
        case .ignored(let message, let reason, let cap):
            if json {
                Terminal.print(JSONWriter.string(.object([
                    ("incident_id", .string(message.incidentID)), ("input_key", .string(message.inputKey)),
                    ("rules", .array([])), ("response_level", .null), ("orders", .array([])), ("shortfalls", .array([])),
                    ("dispatch", .bool(false)), ("reason", .string(reason.description)), ("cap", cap.json()),
                ]), pretty: true))
            } else {
                Terminal.print(cap.lines().joined(separator: "\n") + "\n" + texts(.planNotDispatched, reason.description) + "\n")
            }
        }
    }
}
