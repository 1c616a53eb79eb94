import ArgumentParser
import Dispatcher
import Foundation

/// `dispatchd prune --older-than AGE [--archive DIR | --delete]` (SPEC §18): see `SpoolPrune`.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Archive (or delete) processed/ day folders and rejected/ files older than AGE: exit 0, 1 failed, 2 usage.",
        discussion: """
        One verified .tar.gz per day under DIR (default SPOOL/archive) before the originals go. Never touches \
        the drop directories, active/, outgoing/, the state, today's folder, or days whose work is still open.
        """)

    @Option(name: .long, help: ArgumentHelp("How old, e.g. 90d (also h for hours, w for weeks).", valueName: "AGE"))
    var olderThan: String

    @Option(name: .long, help: ArgumentHelp("Where the day archives go (default SPOOL/archive).", valueName: "DIR"))
    var archive: String?

    @Flag(name: .long, help: "Delete instead of archiving.")
    var delete = false

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard SpoolPrune.parseAge(olderThan) != nil else { throw ValidationError(AdminTexts.badAge(olderThan)) }
        if delete, archive != nil { throw ValidationError(AdminTexts.archiveOrDelete) }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        let mode: SpoolPrune.Mode = delete ? .delete : .archive(archive ?? layout.root + "/archive")
        do {
            let report = try SpoolPrune.run(layout: layout, olderThan: SpoolPrune.parseAge(olderThan) ?? 0, mode: mode)
            Terminal.print(AdminTexts.pruned(report))
        } catch let error as AdminError {
            Terminal.error("dispatchd prune: " + AdminTexts.describe(error))
            throw ExitCode(1)
        }
    }
}
