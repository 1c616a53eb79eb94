import Dispatcher
import Foundation
import Testing

/// Least privilege (issue 6 item 6), on the real binary:
/// - as root while the service user exists, `dispatchd run` refuses (exit 1, nothing created)
///   unless `--allow-root`; as root without that user it runs and warns. The service user's
///   presence is injected with `DISPATCHD_SERVICE_USER=root` (a user that always exists), so
///   no test adds a system user that would change other tests on the machine.
/// - as an unprivileged uid, with operators in a group that owns the sticky, setgid drop
///   directories (the tmpfiles layout), the daemon works end to end, an operator cannot
///   delete or rename another operator's file, cannot write the daemon's own directories or
///   read its state, and the daemon creates files only under its spool and state.
extension DaemonEndToEndTests {
    @Suite(.enabled(if: runningAsRoot, "switching users and faking the service user need root"))
    struct Privilege {
        static let daemonUID: UInt32 = 61_701, operatorA: UInt32 = 61_702, operatorB: UInt32 = 61_703
        static let operatorsGID: UInt32 = 61_700

        @Test func rootIsRefusedWhileTheServiceUserExists() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let result = try await runDispatchd(["run", "--config", sandbox.configPath, "--log", "stderr"], in: sandbox,
                                                environment: ["DISPATCHD_SERVICE_USER": "root"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("refusing to run as root: the service user 'root' exists"), "\(result.stderr)")
            #expect(result.stderr.contains("--allow-root"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.state), "nothing is created before the refusal")
            #expect(!FileManager.default.fileExists(atPath: sandbox.active))
        }

        @Test func allowRootRunsAndWarns() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try WrappedDaemon(sandbox, name: "allow-root", arguments: ["--allow-root"],
                                           environment: ["DISPATCHD_SERVICE_USER": "root"])
            try await daemon.waitReady()
            #expect(daemon.log.contains("<4>running as root because --allow-root was given"), "\(daemon.log)")
            #expect(await daemon.stop() == 0)
        }

        @Test func rootWithoutAServiceUserRunsAndWarns() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            let daemon = try WrappedDaemon(sandbox, name: "no-user", environment: ["DISPATCHD_SERVICE_USER": "dispatchd-absent-7f3a"])
            try await daemon.waitReady()
            #expect(daemon.log.contains("<4>running as root (no 'dispatchd-absent-7f3a' user exists"), "\(daemon.log)")
            #expect(await daemon.stop() == 0)
        }

        @Test func unprivilegedDaemonWithOperatorGroupWorksEndToEnd() async throws {
            let sandbox = try DaemonSandbox()
            defer { sandbox.remove() }
            try installLayout(sandbox)
            let daemon = try WrappedDaemon(sandbox, name: "unprivileged",
                                           wrapper: ["/usr/bin/setpriv"] + identity(uid: Self.daemonUID, gid: Self.daemonUID, groups: [Self.operatorsGID]))
            try await daemon.waitReady()
            #expect(!daemon.log.contains("running as root"))

            let asA = identity(uid: Self.operatorA, gid: Self.operatorsGID)
            let asB = identity(uid: Self.operatorB, gid: Self.operatorsGID)
            let text = DaemonSandbox.incident(id: "PRIV-1", kind: "e2e-reassign")
            let drop = try await shell("""
                cd \(sandbox.incoming) && umask 027 && printf '%s' '\(text)' > .tmp/a.json && mv .tmp/a.json a.json \
                && printf 'half' > .tmp/mine.part
                """, as: asA)
            #expect(drop.status == 0, "operator A drops a file: \(drop.output)")
            #expect(await eventually { sandbox.processedFiles().count == 1 }, "\(daemon.log)")
            #expect(await eventually { (try? sandbox.messages(ofType: "order").map(\.incidentID)) == ["PRIV-1"] }, "\(daemon.log)")

            let staged = sandbox.incoming + "/.tmp/mine.part"
            let remove = try await shell("rm -f \(staged)", as: asB)
            let move = try await shell("mv \(staged) \(sandbox.incoming)/.tmp/stolen.part", as: asB)
            #expect(remove.status != 0 && move.status != 0, "the sticky bit protects A's file: \(remove.output) \(move.output)")
            #expect(owner(staged) == Self.operatorA)
            let intoActive = try await shell("touch \(sandbox.active)/forged.json", as: asB)
            #expect(intoActive.status != 0, "operators cannot write active/")
            let readState = try await shell("cat \(sandbox.state)/* > /dev/null", as: asB)
            #expect(readState.status != 0, "operators cannot read the state")
            let outsider = try await shell("touch \(sandbox.incoming)/outsider.json", as: identity(uid: 61_799, gid: 61_799))
            #expect(outsider.status != 0, "a user outside the operators group cannot drop")

            #expect(await daemon.stop() == 0)
            let strays = filesOwned(by: Self.daemonUID, under: sandbox.root).filter {
                $0 != sandbox.spool && $0 != sandbox.state && !$0.hasPrefix(sandbox.spool + "/") && !$0.hasPrefix(sandbox.state + "/")
            }
            #expect(strays.isEmpty, "the daemon wrote outside its spool and state: \(strays)")
            #expect(!filesOwned(by: Self.daemonUID, under: sandbox.state).isEmpty, "the daemon's state is its own")
        }

        /// The tmpfiles.d layout (systemd/dispatchd.tmpfiles) with test uids.
        func installLayout(_ sandbox: DaemonSandbox) throws {
            #expect(chmod(sandbox.root, 0o755) == 0)
            try FileManager.default.createDirectory(atPath: sandbox.state, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: sandbox.spool + "/commands/.tmp", withIntermediateDirectories: true)
            let entries: [(String, mode_t, UInt32, UInt32)] = [
                (sandbox.spool, 0o755, Self.daemonUID, Self.daemonUID),
                (sandbox.incoming, 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.incoming + "/.tmp", 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.acks, 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.acks + "/.tmp", 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.spool + "/commands", 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.spool + "/commands/.tmp", 0o3770, Self.daemonUID, Self.operatorsGID),
                (sandbox.state, 0o750, Self.daemonUID, Self.daemonUID),
            ]
            for (path, mode, uid, gid) in entries {
                guard chown(path, uid, gid) == 0, chmod(path, mode) == 0 else {
                    throw SandboxError("cannot set owner and mode of \(path): errno \(errno)")
                }
            }
        }

        func owner(_ path: String) -> UInt32? {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_uid : nil
        }

        func filesOwned(by uid: UInt32, under root: String) -> [String] {
            let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? []
            return paths.map { root + "/" + $0 }.filter { owner($0) == uid }
        }
    }
}

@Suite struct RootPolicyTests {
    @Test func decisions() {
        #expect(RootPolicy.decide(uid: 1000, serviceUser: "dispatchd", serviceUserExists: true, allowRoot: false) == .run)
        #expect(RootPolicy.decide(uid: 999, serviceUser: "dispatchd", serviceUserExists: false, allowRoot: false) == .run)
        guard case .refuse(let message) = RootPolicy.decide(uid: 0, serviceUser: "dispatchd", serviceUserExists: true, allowRoot: false) else {
            Issue.record("root with the service user present must be refused")
            return
        }
        #expect(message.contains("User=dispatchd") && message.contains("--allow-root"))
        guard case .runWithWarning = RootPolicy.decide(uid: 0, serviceUser: "dispatchd", serviceUserExists: true, allowRoot: true),
              case .runWithWarning = RootPolicy.decide(uid: 0, serviceUser: "dispatchd", serviceUserExists: false, allowRoot: false) else {
            Issue.record("--allow-root, or no service user, runs with a warning")
            return
        }
    }

    @Test func serviceUserComesFromTheEnvironmentOrDefaults() {
        #expect(RootPolicy.serviceUser(environment: [:]) == "dispatchd")
        #expect(RootPolicy.serviceUser(environment: ["DISPATCHD_SERVICE_USER": ""]) == "dispatchd")
        #expect(RootPolicy.serviceUser(environment: ["DISPATCHD_SERVICE_USER": "dispatch-svc"]) == "dispatch-svc")
    }
}
