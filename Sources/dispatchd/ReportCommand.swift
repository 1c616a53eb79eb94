import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd report`: a native incident (SPEC §3.1) from flags, with a new unique id that is
/// printed, validated by the daemon's own decoder, then dropped atomically into `incoming/`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report a new incident without writing JSON; prints its new id.",
        discussion: "Exit 0 dropped (with --wait: applied), 1 refused or rejected, 2 usage.")

    @Option(name: .long, help: ArgumentHelp("The incident kind (as in rules.yaml: typhoon, wildfire, ...).", valueName: "K"))
    var kind: String

    @Option(name: .long, help: ArgumentHelp("The warning level: blue, yellow, orange or red (蓝 黄 橙 红).", valueName: "L"))
    var level: String

    @Option(name: .long, help: ArgumentHelp("An area path (or a unique area name); repeat for several.", valueName: "PATH"))
    var area: [String] = []

    @Option(name: .long, help: ArgumentHelp("A short title.", valueName: "T"))
    var title: String

    @Option(name: .long, help: ArgumentHelp("A longer description.", valueName: "D"))
    var description: String?

    @Flag(name: .long, help: "An exercise (演练): every order is marked so.")
    var exercise = false

    @OptionGroup var operatorOptions: OperatorOptions
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if area.isEmpty { throw ValidationError(texts(.reportNoArea)) }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError(texts(.reportNoTitle)) }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let lookup = CountyLookup(county: county)
        _ = try lookup.kind(kind).orExit()
        guard let warning = WarningLevel(name: level) ?? WarningLevel.allCases.first(where: { $0.chineseName.hasPrefix(level) && !level.isEmpty }) else {
            Terminal.error(texts(.unknownLevel, level))
            throw ExitCode(1)
        }
        let areas = try area.map { try lookup.area($0).orExit() }
        let now = Date()
        let id = Self.newID(at: now, timeZone: county.settings.timeZone)
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("msg_type", .string("alert")), ("kind", .string(kind)), ("level", .string(warning.name)),
            ("areas", .array(areas.map { .string($0) })), ("title", .string(title)),
        ]
        if let description { members.append(("description", .string(description))) }
        members += [("sent", .string(RFC3339.format(now, in: county.settings.timeZone))), ("source", .string("dispatchd report")),
                    ("exercise", .bool(exercise)), ("by", .string(operatorOptions.person)), ("via", .string("cli"))]
        if let note = operatorOptions.note { members.append(("note", .string(note))) }
        let bytes = Array((JSONWriter.string(.object(members), pretty: true) + "\n").utf8)
        do throws(InputError) {
            if case .ignored(_, let reason, _) = try InputDecoding.decode(fileName: "\(id).json", bytes: bytes, county: county) {
                Terminal.print(texts(.submitDispatchesNothing, id, reason.description))
            }
        } catch {
            Terminal.error(error.described(file: "\(id).json"))
            throw ExitCode(1)
        }
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        try OperatorDrop.drop(into: layout.incoming, layout: layout, wait: operatorOptions.wait, dropped: { texts(.reportDropped, id, $0) }) {
            try Drop.place(bytes, as: OperatorDrop.uniqueName(kind: "report", subject: id), into: layout.incoming,
                           staging: layout.incomingStaging)
        }
    }

    /// `OP-YYYYMMDD-HHMMSS-XXXX` in the county's time: readable on the phone, unique by the
    /// second plus 16 random bits (two officers in the same second differ by the tag).
    static func newID(at date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return "OP-\(stamp)-" + String(format: "%04X", UInt16.random(in: 0...UInt16.max))
    }
}
