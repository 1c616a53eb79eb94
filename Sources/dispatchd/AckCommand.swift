import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd ack ORDER --status S --by NAME`: drops an acknowledgement file (SPEC §7).
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an order: accept, decline, arrived or complete. Exit 0 dropped, 1 failed.")

    @Argument(help: ArgumentHelp("The order id, as in the order message.", valueName: "ORDER"))
    var order: String

    @Option(name: .long, help: "accept, decline, arrived or complete.")
    var status: String = "accept"

    @Option(name: .long, help: ArgumentHelp("Who acknowledges (recorded for after-action review).", valueName: "NAME"))
    var by: String

    @Option(name: .long, help: ArgumentHelp("A free-text note.", valueName: "TEXT"))
    var note: String?

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard Acknowledgement.Status(rawValue: status) != nil else {
            throw ValidationError("--status must be accept, decline, arrived or complete (got '\(status)')")
        }
        if by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by must name who acknowledges") }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        let now = Date()
        let ack = Acknowledgement(orderID: order, status: Acknowledgement.Status(rawValue: status)!, by: by, at: now, note: note)
        let safeOrder = String(order.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        let name = "ack-\(safeOrder)-\(status)-\(Int(now.timeIntervalSince1970 * 1000)).json"
        do {
            let placed = try Drop.place(AckEncoder.encode(ack, timeZone: county.settings.timeZone), as: name,
                                        into: layout.acks, staging: layout.acksStaging)
            Terminal.print(texts(.ackDropped, order, status, "\(layout.acks)/\(placed.escaped)"))
        } catch {
            Terminal.error(texts(.ackCannotDrop, layout.acks, "\(error)"))
            throw ExitCode(1)
        }
    }
}
