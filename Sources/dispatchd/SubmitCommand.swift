import ArgumentParser
import Catalogue
import Dispatcher
import Foundation
import Platform
import Rules

/// `dispatchd submit FILE...`: validates each incident with the daemon's own decoder, then
/// drops it atomically (write under `incoming/.tmp/`, fsync, rename into `incoming/`).
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Validate incident files (native JSON or CAP) and drop them atomically into the spool: exit 0 all accepted, 1 any rejected.")

    @Argument(help: ArgumentHelp("Incident files: native JSON (*.json) or CAP (*.xml, *.cap).", valueName: "FILE"))
    var files: [String]

    @OptionGroup var options: ConfigOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one incident file") }
    }

    func run() throws {
        let county = try options.loadCounty(quietWarnings: true)
        let layout = SpoolLayout(spool: county.settings.spool, state: county.settings.state)
        var failed = 0
        for file in files {
            do {
                let bytes = try LocalFiles.read(file, maxBytes: county.settings.maxInputBytes)
                let baseName = URL(fileURLWithPath: file).lastPathComponent
                do throws(InputError) {
                    if case .ignored(_, let reason, _) = try InputDecoding.decode(fileName: baseName, bytes: bytes, county: county) {
                        Terminal.print(texts(.submitDispatchesNothing, file, reason.description))
                    }
                } catch {
                    Terminal.error(error.described(file: file))
                    failed += 1
                    continue
                }
                let name = try Drop.place(bytes, as: baseName, into: layout.incoming, staging: layout.incomingStaging)
                Terminal.print(texts(.submitDropped, file, "\(layout.incoming)/\(name.escaped)"))
            } catch {
                Terminal.error(texts(.fileError, file, "\(error)"))
                failed += 1
            }
        }
        if failed > 0 { throw ExitCode(1) }
    }
}

/// Atomic drops into a spool directory, never replacing a file already there.
enum Drop {
    static func place(_ bytes: [UInt8], as name: String, into directory: String, staging: String) throws -> FileName {
        try SpoolDrop.place(bytes, as: name, into: directory, staging: staging)
    }
}
