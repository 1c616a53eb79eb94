import Foundation
import Testing
@testable import Rules

/// The committed fuzz seed corpora (`Fuzz/corpus/TARGET/`, docs/FUZZING.md) stay valid inputs:
/// each seed decodes (or, for `config`, loads without error). A seed the decoders refuse would
/// start the fuzzer on the error path only, so a format change that breaks a seed fails here
/// rather than silently weakening the fuzzing.
@Suite struct FuzzRegressionCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus").path

    /// The seeds of one target, sorted by name; records an issue when there are none.
    static func seeds(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let directory = corpus + "/" + target
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: directory + "/" + name).map { (name, Array($0)) }
        }
    }

    @Test func nativeIncidentSeedsDecode() throws {
        let seeds = Self.seeds("native-incident")
        #expect(seeds.count >= 5)
        let kinds = County.builtInKinds.union(["landslide", "drill"])
        for seed in seeds {
            let message = try NativeIncidentDecoder.decode(seed.bytes, knownKinds: kinds)
            #expect(!message.incidentID.isEmpty, "\(seed.name)")
        }
    }

    @Test func ackSeedsDecode() throws {
        let seeds = Self.seeds("ack")
        #expect(seeds.count >= 3)
        for seed in seeds {
            let ack = try AckDecoder.decode(seed.bytes)
            #expect(!ack.orderID.isEmpty && !ack.by.isEmpty, "\(seed.name)")
        }
    }

    @Test func commandSeedsDecode() throws {
        let seeds = Self.seeds("command")
        #expect(seeds.count >= 7)
        var kinds = Set<OperatorCommand.Kind>()
        for seed in seeds {
            let command = try OperatorCommandDecoder.decode(seed.bytes)
            #expect(!command.by.isEmpty, "\(seed.name)")
            kinds.insert(command.kind)
        }
        #expect(kinds == Set(OperatorCommand.Kind.allCases), "a seed for every command")
    }

    @Test func capSeedsDecodeAgainstTheExampleCounty() throws {
        let county = try CAPSamples.exampleCounty()
        let seeds = Self.seeds("cap")
        #expect(seeds.count >= 3)
        var dispatched = 0
        for seed in seeds {
            let decoded = try CAPDecoder.decode(seed.bytes, county: county)
            if decoded.disposition == .dispatch, !decoded.message.areaReferences.isEmpty { dispatched += 1 }
        }
        #expect(dispatched >= 2, "the CAP seeds should reach the kind, level and area mapping")
    }

    /// The config seeds are main, areas, teams, duty and rules joined by NUL bytes, handed out in
    /// the order `CountyLoader` reads them (as `Fuzz/Config/ConfigFuzz.swift` does).
    @Test func configSeedsLoadWithoutErrors() throws {
        let seeds = Self.seeds("config")
        #expect(seeds.count >= 2)
        for seed in seeds {
            let parts = seed.bytes.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
            #expect(parts.count == 5, "\(seed.name)")
            var next = 0
            let result = CountyLoader.load(configPath: "/etc/dispatchd/dispatchd.yaml") { _ in
                defer { next += 1 }
                return parts[next]
            }
            #expect(result.errors.isEmpty, "\(seed.name): \(result.errors)")
            #expect(result.county != nil, "\(seed.name)")
        }
    }
}
