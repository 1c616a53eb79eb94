import ArgumentParser
import Catalogue
import Foundation
import Rules

/// `dispatchd duty POST --on NAME --phone P [--on ... --phone ...]` (SPEC §14, §15): who is on
/// duty at a post from now on; each one is a handover in the history.
struct DutyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "duty",
        abstract: "Set who is on duty at a duty post from now on (a handover).",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.")

    @Argument(help: ArgumentHelp("The duty post id.", valueName: "POST")) var post: String
    @Option(name: .customLong("on"), help: ArgumentHelp("A person on duty; repeat with one --phone each.", valueName: "NAME"))
    var names: [String] = []
    @Option(name: .customLong("phone"), help: ArgumentHelp("The phone of the --on before it.", valueName: "P"))
    var phones: [String] = []
    @Flag(name: .long, help: "Nobody is on duty: messages go to the post's contact again.") var nobody = false
    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if nobody != names.isEmpty { throw ValidationError(texts(.dutyWhom)) }
        if names.count != phones.count { throw ValidationError(texts(.dutyCounts, "\(names.count)", "\(phones.count)")) }
        if names.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { throw ValidationError(texts(.dutyWhom)) }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        _ = try CountyLookup(county: county).post(post).orExit()
        let onDuty = zip(names, phones).map { Recipient(name: $0, phone: $1) }
        let command = OperatorCommand(.duty(DutyChange(postID: post, onDuty: onDuty)), by: operatorOptions.person, at: Date(),
                                      note: operatorOptions.note, via: "cli")
        let who = onDuty.isEmpty ? texts(.dutyNobody) : onDuty.map { "\($0.name) \($0.phone ?? "")" }.joined(separator: ", ")
        try OperatorDrop.command(command, county: county, wait: operatorOptions.wait) {
            texts(.commandDropped, texts.name(of: .duty), "\(post): \(who)", $0)
        }
    }
}
