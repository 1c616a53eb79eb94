import Foundation
import Rules
import Testing

/// A throw-away county for end-to-end tests of the real `dispatchd` binary: a temp directory
/// holding a copy of the example county's config (`config/`), a `dispatchd.yaml` whose `spool`
/// and `state` point into the temp directory, and fast rules (deadlines of seconds) for kinds
/// `e2e` (reported when unanswered) and `e2e-reassign` (decline or silence re-dispatches).
///
/// Invariant: nothing outside `root` is ever written; `remove()` deletes it all.
final class DaemonSandbox: Sendable {
    let root: String
    var configDirectory: String { root + "/config" }
    var configPath: String { configDirectory + "/dispatchd.yaml" }
    var spool: String { root + "/spool" }
    var state: String { root + "/state" }
    var incoming: String { spool + "/incoming" }
    var acks: String { spool + "/acks" }
    var active: String { spool + "/active" }
    var outgoing: String { spool + "/outgoing" }
    var rejected: String { spool + "/rejected" }
    var processed: String { spool + "/processed" }

    /// The repository checkout, found from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Rules appended to the example county's: the live escalation cases.
    static let fastRules = """

    # ---- end-to-end test rules: deadlines of seconds ----
    - id: e2e-fast
      when: {kind: e2e}
      response: IV
      mobilize:
        - {capability: notification, count: 1, within: district}
      ack_within: 3s
      escalate:
        - {after: 3s, to: town}
        - {after: 4s, to: district}
      on_unacknowledged: report
      instructions: "{area_name}{incident_title}：请{team_name}在{ack_deadline}前回复确认。"

    - id: e2e-reassign
      when: {kind: e2e-reassign}
      response: IV
      mobilize:
        - {capability: notification, count: 1, within: district}
      ack_within: 30s
      escalate:
        - {after: 30s, to: town}
      on_unacknowledged: reassign

    """

    init(maxInputBytes: Int = 1_048_576, rescanInterval: String = "30s") throws {
        let template = FileManager.default.temporaryDirectory.path + "/dispatchd-e2e-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw SandboxError("cannot create a temp directory from \(template): errno \(errno)")
        }
        root = String(cString: made)
        let files = FileManager.default
        try files.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        for name in ["areas.yaml", "teams.yaml", "duty.yaml", "rules.yaml"] {
            try files.copyItem(atPath: DaemonSandbox.repository + "/config/" + name, toPath: configDirectory + "/" + name)
        }
        let rules = try String(contentsOfFile: configDirectory + "/rules.yaml", encoding: .utf8)
        try write(configDirectory + "/rules.yaml", rules + DaemonSandbox.fastRules)
        try writeMainConfig(maxInputBytes: maxInputBytes, rescanInterval: rescanInterval)
        for directory in [incoming + "/.tmp", acks + "/.tmp"] {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    func writeMainConfig(maxInputBytes: Int = 1_048_576, rescanInterval: String = "30s") throws {
        try write(configPath, """
        spool: \(spool)
        state: \(state)
        areas: areas.yaml
        teams: teams.yaml
        duty: duty.yaml
        rules: rules.yaml
        max_input_bytes: \(maxInputBytes)
        rescan_interval: \(rescanInterval)
        timezone: Asia/Shanghai
        kinds: [landslide, drill, e2e, e2e-reassign]
        seasons:
          flood-season: {from: "04-15", to: "10-15"}
          fire-season: {from: "10-01", to: "04-30"}
        postures:
          IV: "村居防汛防风责任人在岗"
          II: "全体村居干部24小时值班"
          I: "全区总动员"

        """)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    // MARK: Dropping inputs

    /// Drops an input the way writers must (SPEC §2): write under `.tmp/`, then rename in.
    func drop(_ name: String, _ bytes: [UInt8], into directory: String? = nil) throws {
        let target = directory ?? incoming
        let staged = target + "/.tmp/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: staged))
        guard rename(staged, target + "/" + name) == 0 else {
            throw SandboxError("rename \(staged) -> \(target)/\(name) failed: errno \(errno)")
        }
    }

    func drop(_ name: String, _ text: String) throws { try drop(name, Array(text.utf8)) }

    /// Drops an acknowledgement (SPEC §7) for `orderID`.
    func dropAck(_ orderID: String, status: String, name: String? = nil) throws {
        let text = #"{"order_id": "\#(orderID)", "status": "\#(status)", "by": "张三", "at": "2026-01-01T09:00:00+08:00"}"#
        try drop(name ?? "ack-\(orderID)-\(status).json", Array(text.utf8), into: acks)
    }

    /// A native incident (SPEC §3.1).
    static func incident(id: String, kind: String, level: String = "blue", area: String = "gaoming/yanghe/shishui",
                         msgType: String = "alert", sent: String = "2026-01-01T09:00:00+08:00",
                         title: String = "端到端测试", exercise: Bool = false) -> String {
        """
        {"id": "\(id)", "msg_type": "\(msgType)", "kind": "\(kind)", "level": "\(level)", "area": "\(area)",
         "title": "\(title)", "sent": "\(sent)", "exercise": \(exercise)}
        """
    }

    // MARK: Reading the spool

    /// Plain file names in `directory` (dot files excluded), sorted.
    func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Every input filed under `processed/YYYY-MM-DD/`, as `day/name`.
    func processedFiles() -> [String] {
        names(in: processed).flatMap { day in names(in: processed + "/" + day).map { day + "/" + $0 } }
    }

    func rejectedInputs() -> [String] { names(in: rejected).filter { !$0.hasSuffix(".error") } }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func bytes(_ path: String) -> [UInt8] { (try? Array(Data(contentsOf: URL(fileURLWithPath: path)))) ?? [] }

    /// The messages in `outgoing/`, in SEQ order.
    func messages() throws -> [OutgoingFile] {
        try names(in: outgoing).filter { $0.hasSuffix(".json") }.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: outgoing + "/" + name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SandboxError("\(outgoing)/\(name) is not a JSON object")
            }
            return OutgoingFile(name: name, fields: object)
        }
    }

    func messages(ofType type: String) throws -> [OutgoingFile] { try messages().filter { $0.type == type } }
}

/// One message file of `outgoing/` (SPEC §6).
struct OutgoingFile: @unchecked Sendable {
    let name: String
    let fields: [String: Any]

    var type: String { fields["type"] as? String ?? "" }
    var seq: Int { fields["seq"] as? Int ?? -1 }
    var orderID: String { fields["order_id"] as? String ?? "" }
    var incidentID: String { fields["incident_id"] as? String ?? "" }
    subscript(_ key: String) -> Any? { fields[key] }
    func string(_ key: String) -> String? { fields[key] as? String }
    /// The SEQ from the file name (`SEQ-TYPE-ID.json`).
    var nameSeq: Int? { Int(name.prefix(20)) }
}

struct SandboxError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 20 ms until it holds or `timeout` passes (the only way these tests
/// wait for the daemon: never a fixed sleep). Returns whether it held.
func eventually(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
