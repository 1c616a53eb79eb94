import Foundation
import Testing

/// Bad inputs (SPEC §2, §12): each ends in `rejected/` beside a `NAME.error` that names the
/// problem, and the daemon keeps serving.
extension DaemonEndToEndTests {
    @Suite struct Rejection {
        /// (file name, what its `.error` must say) for each bad input this suite drops.
        static let expectations: [(String, [String])] = [
            ("broken.json", ["broken.json:3:", "JSON"]),
            ("level.json", ["level.json", "purple"]),
            ("link.json", ["link.json", "symbolic link"]),
            ("pipe.json", ["pipe.json", "FIFO"]),
            ("big.json", ["big.json", "4096"]),
            ("latin1.json", ["latin1.json", "UTF-8"]),
        ]

        @Test func badInputsAreRejectedWithAReasonAndTheDaemonKeepsServing() async throws {
            let sandbox = try DaemonSandbox(maxInputBytes: 4096)
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()

            try sandbox.drop("broken.json", "{\"id\": \"BAD-1\",\n \"kind\": \"e2e\",\n \"level\": }\n")
            try sandbox.drop("level.json", DaemonSandbox.incident(id: "BAD-2", kind: "e2e", level: "purple"))
            let outside = sandbox.root + "/outside.json"
            try sandbox.write(outside, DaemonSandbox.incident(id: "BAD-3", kind: "e2e"))
            #expect(symlink(outside, sandbox.incoming + "/.tmp/link.json") == 0)
            #expect(rename(sandbox.incoming + "/.tmp/link.json", sandbox.incoming + "/link.json") == 0)
            #expect(mkfifo(sandbox.incoming + "/.tmp/pipe.json", 0o644) == 0)
            #expect(rename(sandbox.incoming + "/.tmp/pipe.json", sandbox.incoming + "/pipe.json") == 0)
            let padding = String(repeating: " ", count: 5000)
            try sandbox.drop("big.json", DaemonSandbox.incident(id: "BAD-5", kind: "e2e") + padding)
            var latin1 = Array(DaemonSandbox.incident(id: "BAD-6", kind: "e2e", title: "TITLE").utf8)
            let title = try #require(latin1.firstRange(of: Array("TITLE".utf8)))
            latin1.replaceSubrange(title, with: [0x4C, 0xE9, 0xE8, 0xFF])
            try sandbox.drop("latin1.json", latin1)

            let names = Rejection.expectations.map(\.0)
            #expect(await eventually { Set(sandbox.rejectedInputs()) == Set(names) }, "rejected: \(sandbox.rejectedInputs())\n\(daemon.log)")
            for (name, phrases) in Rejection.expectations {
                let error = sandbox.read(sandbox.rejected + "/" + name + ".error")
                for phrase in phrases { #expect(error.contains(phrase), "\(name).error lacks '\(phrase)':\n\(error)") }
            }
            #expect(sandbox.read(outside).contains("BAD-3"), "the link's target is untouched")
            #expect(try sandbox.messages().isEmpty, "no bad input dispatches anything")

            try sandbox.drop("good.json", DaemonSandbox.incident(id: "GOOD-1", kind: "e2e-reassign"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            #expect(try sandbox.messages(ofType: "order").map(\.incidentID) == ["GOOD-1"])
            #expect(sandbox.names(in: sandbox.incoming).isEmpty)
            #expect(await daemon.stop() == 0)
        }

        @Test func ackForAnUnknownOrderIsRejectedWithTheOrderNamed() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            try sandbox.dropAck("NOPE-o1", status: "accept", name: "nope.json")
            #expect(await eventually { sandbox.rejectedInputs() == ["nope.json"] }, "\(daemon.log)")
            #expect(sandbox.read(sandbox.rejected + "/nope.json.error").contains("NOPE-o1"))
            await daemon.stop()
        }
    }
}
