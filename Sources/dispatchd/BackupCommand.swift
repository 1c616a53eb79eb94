import ArgumentParser
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd backup DEST` (SPEC §18): see `StateBackup`. Safe while the daemon runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the state, the SEQ high-water mark and the config into the new directory DEST (online): exit 0, 1 failed.")

    @Argument(help: ArgumentHelp("The new directory to create (must not exist).", valueName: "DEST"))
    var destination: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        var read: [String] = []
        let result = CountyLoader.load(configPath: options.resolvedPath(), read: { path in
            read.append(path)
            return try ConfigOptions.reader(path)
        })
        guard let county = result.county else {
            for diagnostic in result.diagnostics where diagnostic.severity == .error { Terminal.error(diagnostic.description) }
            throw ExitCode(1)
        }
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        do {
            let report = try StateBackup.run(layout: layout, configFiles: read, destination: destination,
                                             version: VersionInfo.version, commit: VersionInfo.commit)
            Terminal.print(AdminTexts.backedUp(report))
        } catch let error as AdminError {
            Terminal.error("dispatchd backup: " + AdminTexts.describe(error))
            throw ExitCode(1)
        }
    }
}

/// `dispatchd restore SRC` (SPEC §18): see `StateRestore`. Refuses while the daemon runs.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the state with a backup (the daemon must be stopped): exit 0, 1 refused or failed.",
        discussion: """
        Verifies every file against the backup's manifest first, keeps the replaced database in \
        STATE/replaced-STAMP/, and raises the SEQ high-water mark so no SEQ is issued twice. The \
        config in force is not touched: the backup's copy is in SRC/config/.
        """)

    @Argument(help: ArgumentHelp("A directory made by dispatchd backup.", valueName: "SRC"))
    var source: String

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        do {
            let report = try StateRestore.run(layout: layout, source: source)
            Terminal.print(AdminTexts.restored(report, state: layout.state))
        } catch let error as AdminError {
            Terminal.error("dispatchd restore: " + AdminTexts.describe(error))
            throw ExitCode(1)
        }
    }
}
