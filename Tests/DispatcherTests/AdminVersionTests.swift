import Foundation
import Testing
@testable import Dispatcher

/// `dispatchd --version` (SPEC §18): version, source commit, and the state schema this binary
/// writes, taken from `StoreSchema` (so a new migration shows without another edit).
extension DaemonEndToEndTests {
    @Suite struct Version {
        @Test func namesTheVersionTheCommitAndTheSchema() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let result = try await runDispatchd(["--version"], in: sandbox)
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3, "\(result.stdout)")
            #expect(lines.first?.hasPrefix("dispatchd ") == true)
            #expect(lines.dropFirst().first?.hasPrefix("commit ") == true)
            let schema = StoreSchema.current.identifiers
            #expect(lines.last == "state schema \(schema.last ?? "") (\(schema.count) migrations)")
            #expect(StateSnapshot.schemaVersion.identifier == schema.last)
        }
    }
}
