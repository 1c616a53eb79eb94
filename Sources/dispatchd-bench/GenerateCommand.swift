import Foundation
import Rules

/// `dispatchd-bench generate --out DIR [--seed N]`: writes the generated province as config
/// files (SPEC §4) so the config loader can be timed on it.
struct GenerateCommand {
    var directory: String?
    var seed: UInt64 = 20_260_701

    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "generate", options: ["--out", "--seed"])
        directory = options.string("--out")
        seed = try options.seed(default: seed)
        guard directory != nil else { throw BenchUsage("generate needs --out DIR, the directory to write the config into") }
    }

    func run() throws {
        let county = ProvinceGenerator(seed: seed).makeCounty()
        let files = try CountyYAMLWriter(county: county).write(to: URL(fileURLWithPath: directory!))
        for file in files { print(file.path) }
    }
}
