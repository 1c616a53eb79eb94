import Foundation
import Platform
import Rules

/// `dispatchd-bench load`: writes the generated province as SPEC §4 config files into a temp
/// directory, then times `CountyLoader.load` (YAML parsing, model building and every
/// validation `dispatchd check` does) over several runs.
struct LoadBenchmark {
    var runs = 5
    var seed: UInt64 = 20_260_701

    init(arguments: ArraySlice<String>) throws {
        let options = try BenchArguments(arguments, command: "load", options: ["--runs", "--seed"])
        runs = try options.positive("--runs", default: runs)
        seed = try options.seed(default: seed)
    }

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatchd-load-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try CountyYAMLWriter(county: ProvinceGenerator(seed: seed).makeCounty()).write(to: directory)
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let mainFile = directory.appendingPathComponent("dispatchd.yaml").path

        let clock = ContinuousClock()
        var samples: [Double] = []
        var summary = ""
        for _ in 0..<runs {
            var result: ConfigLoadResult?
            let elapsed = clock.measure {
                result = CountyLoader.load(configPath: mainFile) { path in try LocalFiles.read(path, maxBytes: 1 << 30) }
            }
            samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            guard let county = result?.county else {
                throw BenchUsage("the generated province does not validate: \(result?.errors.prefix(3).map(\.description) ?? [])")
            }
            summary = "\(county.areas.count) areas / \(county.teams.count) teams / \(county.rules.count) rules, "
                + "\(result?.warnings.count ?? 0) warnings"
        }
        samples.sort()
        print("dispatchd-bench load (seed \(seed), \(runs) runs)")
        print("config                       \(summary), \(bytes / 1024) KiB of YAML")
        print("load + validate, median      " + String(format: "%.0f ms", samples[samples.count / 2]))
        print("load + validate, min / max   " + String(format: "%.0f / %.0f ms", samples.first!, samples.last!))
    }
}
