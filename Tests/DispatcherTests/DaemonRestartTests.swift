import Foundation
import Testing
@testable import Dispatcher

/// Restarts of the real daemon (SPEC §6, §9): SEQs continue without a gap, and the temp files
/// a killed run left half-written are cleared while operators' files are left alone.
extension DaemonEndToEndTests {
    @Suite struct Restart {
        @Test func seqsContinueWithoutAGapAcrossRestarts() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            for (round, area) in ["gaoming/yanghe/shishui", "gaoming/genghe", "gaoming/hecheng"].enumerated() {
                let daemon = try DaemonProcess(sandbox, generation: round)
                try await daemon.waitReady()
                try sandbox.drop("r\(round).json", DaemonSandbox.incident(id: "ROUND-\(round)", kind: "e2e-reassign", area: area))
                #expect(await eventually { sandbox.processedFiles().count == round + 1 }, "\(daemon.log)")
                if round == 1 { await daemon.kill() } else { #expect(await daemon.stop() == 0) }
            }
            let seqs = try sandbox.messages().map(\.seq)
            #expect(seqs == [1, 2, 3, 4, 5, 6], "an order and a mode change per round, SEQs gapless")
            #expect(sandbox.read(sandbox.spool + "/.seq-high-water") == "00000000000000000006\n", "the last published SEQ, fixed width")
        }

        @Test func startClearsHalfWrittenTempFilesOfAKilledRunButNoOperatorFile() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let staging = sandbox.outgoing + "/.staging"
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try sandbox.write(staging + "/.4242-7.tmp", "{\"type\": \"ord")
            try sandbox.write(sandbox.incoming + "/.tmp/.4242-8.tmp", "an operator's file being written")
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            #expect(!FileManager.default.fileExists(atPath: staging + "/.4242-7.tmp"))
            #expect(FileManager.default.fileExists(atPath: sandbox.incoming + "/.tmp/.4242-8.tmp"))
            #expect(daemon.log.contains("removed temp files a previous run left half-written"))
            await daemon.stop()
        }

        @Test func onlyTheDaemonsOwnTempNamesCountAsStale() {
            #expect(SpoolLayout.isDaemonTemporary(Array(".123-45.tmp".utf8)))
            #expect(!SpoolLayout.isDaemonTemporary(Array(".seq-high-water".utf8)))
            #expect(!SpoolLayout.isDaemonTemporary(Array("123-45.tmp".utf8)))
            #expect(!SpoolLayout.isDaemonTemporary(Array(".12a-45.tmp".utf8)))
            #expect(!SpoolLayout.isDaemonTemporary(Array(".-45.tmp".utf8)))
            #expect(!SpoolLayout.isDaemonTemporary(Array(".1-2-3.tmp".utf8)))
        }
    }
}
