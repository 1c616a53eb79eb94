import Foundation
import Testing

/// `dispatchd backup` and `restore` with the real daemon (SPEC §6, §18): run, back up while it
/// runs, run on, stop, restore, start; no SEQ is issued twice and the restored open orders keep
/// their deadlines. And the refusals: a running daemon, a damaged backup, an existing DEST.
extension DaemonEndToEndTests {
    @Suite struct BackupRestore {
        /// `status --json`'s open orders: order id to next deadline.
        static func openOrders(_ sandbox: DaemonSandbox) async throws -> [String: String] {
            let result = try await runDispatchd(["status", "--json", "--config", sandbox.configPath], in: sandbox)
            guard result.status == 0 else { throw SandboxError("status failed: \(result.stderr)") }
            let orders = try result.json()["orders"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: orders.map { ($0["order_id"] as? String ?? "", "\($0["next_deadline"] ?? "nil")") })
        }

        @Test func theWholeStoryKeepsSeqsUniqueAndTimersOfTheRestoredOrders() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let backup = sandbox.root + "/backup-1"
            var daemon = try DaemonProcess(sandbox, generation: 0)
            try await daemon.waitReady()
            try sandbox.drop("a.json", DaemonSandbox.incident(id: "BACKED-UP", kind: "typhoon", level: "orange", area: "gaoming/yanghe"))
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            let ordersAtBackup = try await Self.openOrders(sandbox)
            #expect(!ordersAtBackup.isEmpty, "the typhoon opens orders with deadlines")

            let made = try await runDispatchd(["backup", backup, "--config", sandbox.configPath], in: sandbox)
            #expect(made.status == 0, "\(made.stderr)")
            for file in ["manifest.json", "SHA256SUMS", "seq-high-water", "state/dispatchd.sqlite", "config/dispatchd.yaml", "config/rules.yaml"] {
                #expect(FileManager.default.fileExists(atPath: backup + "/" + file), "\(file) in the backup")
            }
            let seqAtBackup = try sandbox.messages().map(\.seq).max() ?? 0
            #expect(sandbox.read(backup + "/seq-high-water") == String(format: "%020d\n", seqAtBackup))

            // The daemon runs on: more messages after the backup.
            try sandbox.drop("b.json", DaemonSandbox.incident(id: "AFTER-BACKUP", kind: "typhoon", level: "orange", area: "gaoming/genghe"))
            #expect(await eventually { sandbox.processedFiles().count == 2 }, "\(daemon.log)")
            let seqBeforeRestore = try sandbox.messages().map(\.seq).max() ?? 0
            #expect(seqBeforeRestore > seqAtBackup)

            let database = sandbox.state + "/dispatchd.sqlite"
            let beforeRefusal = sandbox.bytes(database)
            let refused = try await runDispatchd(["restore", backup, "--config", sandbox.configPath], in: sandbox)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("dispatchd.lock") && refused.stderr.contains("systemctl stop"), "\(refused.stderr)")
            #expect(sandbox.bytes(database) == beforeRefusal, "a refused restore changes nothing")

            #expect(await daemon.stop() == 0)
            let restored = try await runDispatchd(["restore", backup, "--config", sandbox.configPath], in: sandbox)
            #expect(restored.status == 0, "\(restored.stderr)")
            let kept = sandbox.names(in: sandbox.state).filter { $0.hasPrefix("replaced-") }
            #expect(kept.count == 1 && FileManager.default.fileExists(atPath: sandbox.state + "/" + (kept.first ?? "") + "/dispatchd.sqlite"),
                    "the replaced database is kept")

            daemon = try DaemonProcess(sandbox, generation: 1)
            try await daemon.waitReady()
            #expect(try await Self.openOrders(sandbox) == ordersAtBackup, "the backup's open orders, with their deadlines")
            try sandbox.drop("c.json", DaemonSandbox.incident(id: "AFTER-RESTORE", kind: "typhoon", level: "orange", area: "gaoming/hecheng"))
            #expect(await eventually { sandbox.processedFiles().count == 3 }, "\(daemon.log)")
            #expect(await daemon.stop() == 0)

            let messages = try sandbox.messages()
            let seqs = messages.map(\.seq)
            #expect(Set(seqs).count == seqs.count, "no SEQ issued twice: \(messages.map(\.name))")
            let afterRestore = messages.filter { $0.incidentID == "AFTER-RESTORE" }
            #expect(!afterRestore.isEmpty && afterRestore.allSatisfy { $0.seq > seqBeforeRestore },
                    "SEQ continues above the highest ever issued: \(afterRestore.map(\.seq)) vs \(seqBeforeRestore)")
        }

        @Test func aDamagedBackupIsRefusedNamingTheFileAndNothingChanges() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try DaemonProcess(sandbox)
            try await daemon.waitReady()
            #expect(await daemon.stop() == 0)
            let backup = sandbox.root + "/backup"
            #expect(try await runDispatchd(["backup", backup, "--config", sandbox.configPath], in: sandbox).status == 0)

            let again = try await runDispatchd(["backup", backup, "--config", sandbox.configPath], in: sandbox)
            #expect(again.status == 1 && again.stderr.contains(backup) && again.stderr.contains("already exists"), "\(again.stderr)")
            let nowhere = try await runDispatchd(["backup", sandbox.root + "/no/such/dir", "--config", sandbox.configPath], in: sandbox)
            #expect(nowhere.status == 1 && nowhere.stderr.contains(sandbox.root + "/no/such"), "\(nowhere.stderr)")

            let rules = backup + "/config/rules.yaml"
            try sandbox.write(rules, sandbox.read(rules) + "# changed\n")
            let database = sandbox.state + "/dispatchd.sqlite"
            let before = sandbox.bytes(database)
            let refused = try await runDispatchd(["restore", backup, "--config", sandbox.configPath], in: sandbox)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains(rules) && refused.stderr.contains("does not match the manifest"), "\(refused.stderr)")
            #expect(sandbox.bytes(database) == before)
            #expect(sandbox.names(in: sandbox.state).allSatisfy { !$0.hasPrefix("replaced-") })

            try FileManager.default.removeItem(atPath: backup + "/manifest.json")
            let noManifest = try await runDispatchd(["restore", backup, "--config", sandbox.configPath], in: sandbox,
                                                    environment: ["LC_ALL": "zh_CN.UTF-8"])
            #expect(noManifest.status == 1 && noManifest.stderr.contains("备份清单"), "\(noManifest.stderr)")
        }

        @Test func aSecondDaemonOnTheSameStateRefusesToStart() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let first = try DaemonProcess(sandbox, generation: 0)
            try await first.waitReady()
            let second = try DaemonProcess(sandbox, generation: 1)
            #expect(await second.waitExit() == 1)
            #expect(second.log.contains("state lock"), "\(second.log)")
            await first.kill()
            let third = try DaemonProcess(sandbox, generation: 2)
            try await third.waitReady()   // kill -9 released the lock
            #expect(await third.stop() == 0)
        }
    }
}
