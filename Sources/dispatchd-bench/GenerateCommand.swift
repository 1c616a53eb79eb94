import Foundation
import Rules

/// `dispatchd-bench generate --out DIR [--seed N]`: writes the generated province as config
/// files (SPEC §4) so the config loader can be timed on it.
struct GenerateCommand {
    var directory: String?
    var seed: UInt64 = 20_260_701

    init(arguments: ArraySlice<String>) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw BenchUsage("\(flag) needs a value") }
            switch flag {
            case "--out": directory = value
            case "--seed":
                guard let number = UInt64(value) else { throw BenchUsage("--seed wants an unsigned integer, got \(value)") }
                seed = number
            default: throw BenchUsage("unknown option \(flag) for generate (known: --out DIR, --seed N)")
            }
        }
        guard directory != nil else { throw BenchUsage("generate needs --out DIR, the directory to write the config into") }
    }

    func run() throws {
        let county = ProvinceGenerator(seed: seed).makeCounty()
        let files = try CountyYAMLWriter(county: county).write(to: URL(fileURLWithPath: directory!))
        for file in files { print(file.path) }
    }
}
