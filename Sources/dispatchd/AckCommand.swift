import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd ack ORDER --status S --by NAME [--wait]`: drops an acknowledgement file (SPEC §7);
/// `--by` defaults to the login name, `--wait` prints the daemon's verdict as for §14 commands.
struct AckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ack",
        abstract: "Acknowledge an order: accept, decline, arrived or complete. Exit 0 dropped, 1 failed.")

    @Argument(help: ArgumentHelp("The order id, as in the order message.", valueName: "ORDER"))
    var order: String

    @Option(name: .long, help: "accept, decline, arrived or complete.")
    var status: String = "accept"

    @OptionGroup var operatorOptions: OperatorOptions

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard Acknowledgement.Status(rawValue: status) != nil else {
            throw ValidationError(texts(.ackBadStatus, status))
        }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        let now = Date()
        let ack = Acknowledgement(orderID: order, status: Acknowledgement.Status(rawValue: status)!, by: operatorOptions.person, at: now,
                                  note: operatorOptions.note)
        let safeOrder = String(order.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
        let name = OperatorDrop.uniqueName(kind: "ack", subject: "\(safeOrder)-\(status)")
        let bytes = AckEncoder.encode(ack, timeZone: county.settings.timeZone)
        try OperatorDrop.drop(into: layout.acks, layout: layout, wait: operatorOptions.wait,
                              dropped: { texts(.ackDropped, order, status, $0) }) {
            try Drop.place(bytes, as: name, into: layout.acks, staging: layout.acksStaging)
        }
    }
}
