import ArgumentParser
import Catalogue
import Foundation
import Platform
import Rules

/// `--config PATH`, shared by every command, and the lookup order of SPEC §10.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The main config file.", valueName: "PATH"))
    var config: String?

    /// `--config`, else `$DISPATCHD_CONFIG`, else `./config/dispatchd.yaml`, else
    /// `/etc/dispatchd/dispatchd.yaml`.
    func resolvedPath() -> String { ConfigLookup.resolve(config) }

    /// Reads a config file for the loader (through the Platform layer).
    static let reader: @Sendable (String) throws -> [UInt8] = { path in
        try LocalFiles.read(path, maxBytes: 64 << 20)
    }

    /// Loads and validates the config; prints every diagnostic to stderr. Throws exit code 1
    /// when it is invalid.
    func loadCounty(quietWarnings: Bool = false) throws -> County {
        let result = CountyLoader.load(configPath: resolvedPath(), read: ConfigOptions.reader)
        for diagnostic in result.diagnostics where !(quietWarnings && diagnostic.severity == .warning) {
            Terminal.error(diagnostic.description)
        }
        guard let county = result.county else {
            Terminal.error(texts(.configInvalid, resolvedPath(), "\(result.diagnostics.filter { $0.severity == .error }.count)"))
            throw ExitCode(1)
        }
        return county
    }
}

enum Terminal {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
