import Foundation

/// The county the daemon benchmarks run on, written as SPEC §4 config files into a work
/// directory: a district of 10 towns × 10 villages, one grid team per village with room for
/// 5,000 concurrent orders, one duty post, and two rules:
/// - `bench-storm` (any storm ≥ blue): one `notification` team, so every storm incident
///   causes exactly one order (burst and latency);
/// - `bench-typhoon` (any typhoon ≥ blue): ten `patrol` teams (restart: 10,000 incidents give
///   100,000 open orders).
/// Deadlines are hours away, so no escalation fires during a run.
///
/// Invariant: the spool and state live inside `directory`, so the daemon, the disk-limit loop
/// and the benchmark's own files share one filesystem.
struct BenchCounty {
    static let towns = 10
    static let villagesPerTown = 10
    let directory: String

    var configPath: String { directory + "/config/dispatchd.yaml" }
    var spool: String { directory + "/spool" }
    var state: String { directory + "/state" }
    var incoming: String { spool + "/incoming" }
    var incomingStaging: String { spool + "/incoming/.tmp" }
    var outgoing: String { spool + "/outgoing" }

    /// Writes the five config files; the daemon creates the spool and state itself.
    func write() throws {
        let config = directory + "/config"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        let files = [("dispatchd.yaml", mainFile), ("areas.yaml", areasFile), ("teams.yaml", teamsFile),
                     ("duty.yaml", dutyFile), ("rules.yaml", rulesFile)]
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: config + "/" + name), options: .atomic)
        }
    }

    /// The area path of village `index` (wrapping over all villages).
    static func village(_ index: Int) -> String {
        let village = index % (towns * villagesPerTown)
        return "bench/t\(village / villagesPerTown)/v\(village % villagesPerTown)"
    }

    /// A native incident (SPEC §3.1) as raw bytes; `kind` picks the rule (`storm` or `typhoon`).
    static func incident(id: String, kind: String, area: String, sent: Date) -> [UInt8] {
        Array("""
            {"id": "\(id)", "kind": "\(kind)", "level": "blue", "area": "\(area)", "title": "基准测试暴雨蓝色预警",
             "description": "dispatchd-bench", "sent": "\(rfc3339(sent))", "source": "dispatchd-bench"}

            """.utf8)
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'"
        return formatter.string(from: date)
    }

    private var mainFile: String {
        """
        spool: ../spool
        state: ../state
        areas: areas.yaml
        teams: teams.yaml
        duty: duty.yaml
        rules: rules.yaml
        rescan_interval: 1h
        timezone: Asia/Shanghai

        """
    }

    private var areasFile: String {
        var text = "id: bench\nname: 基准区\nchildren:\n"
        for town in 0..<Self.towns {
            text += "  - id: t\(town)\n    name: 第\(town)镇\n    children:\n"
            for village in 0..<Self.villagesPerTown {
                text += "      - {id: v\(village), name: 第\(town)镇第\(village)村}\n"
            }
        }
        return text
    }

    private var teamsFile: String {
        var text = ""
        for index in 0..<(Self.towns * Self.villagesPerTown) {
            text += """
                - id: grid-\(index)
                  name: 第\(index)网格员
                  kind: grid
                  capabilities: [notification, patrol]
                  area: \(Self.village(index))
                  capacity: 5000
                  leader: 网格长\(index)
                  contact: "1380000\(String(format: "%04d", index))"

                """
        }
        return text
    }

    private var dutyFile: String {
        "- {id: bench-duty, name: 基准区应急值班室, area: bench, contact: \"0757-88800000\"}\n"
    }

    private var rulesFile: String {
        """
        - id: bench-storm
          when: {kind: storm, level: ">= blue"}
          response: IV
          mobilize:
            - {capability: notification, count: 1}
          ack_within: 6h
          escalate:
            - {after: 6h, to: bench-duty}
            - {after: 8h, to: bench-duty}
          on_unacknowledged: report
          instructions: "{area_name}{incident_title}：请{team_name}立即巡查，{ack_deadline}前回复确认。"
        - id: bench-typhoon
          when: {kind: typhoon, level: ">= blue"}
          response: III
          mobilize:
            - {capability: patrol, count: 10}
          ack_within: 6h
          escalate:
            - {after: 6h, to: bench-duty}
            - {after: 8h, to: bench-duty}
          on_unacknowledged: report
          instructions: "{area_name}{incident_title}：请{team_name}下沉村居，{ack_deadline}前回复确认。"

        """
    }
}
