import Dispatcher
import Foundation

/// `/metrics` in the Prometheus text exposition format 0.0.4 (SPEC §17). Every family has
/// HELP and TYPE; label values are escaped; every known state is written (zeros included) so
/// a series never disappears when its count falls to zero.
struct MetricsText {
    let snapshot: MetricsSnapshot
    let lastCommit: Date?
    let now: Date
    let boards: Int

    static let ackBuckets: [Double] = [30, 60, 120, 300, 600, 900, 1800, 3600]

    static func label(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    func render() -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ value: Double) { sample(name, [], value) }
        func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
            let text = labels.isEmpty ? "" : "{" + labels.map { "\($0.0)=\"\(Self.label($0.1))\"" }.joined(separator: ",") + "}"
            out += "\(name)\(text) \(Self.number(value))\n"
        }
        family("dispatchd_incidents", "gauge", "Incidents in the state by state.")
        for state in Self.merged(["active", "lifted", "closed"], snapshot.incidentsByState) {
            sample("dispatchd_incidents", [("state", state)], Double(snapshot.incidentsByState[state] ?? 0))
        }
        family("dispatchd_orders", "gauge", "Orders in the state by state.")
        for state in Self.merged(OrderRecord.State.allCases.map(\.rawValue), snapshot.ordersByState) {
            sample("dispatchd_orders", [("state", state)], Double(snapshot.ordersByState[state] ?? 0))
        }
        family("dispatchd_orders_overdue", "gauge", "Open orders whose next deadline has passed.")
        sample("dispatchd_orders_overdue", Double(snapshot.ordersOverdue))
        family("dispatchd_pending_demands", "gauge", "Demands waiting for a free team (shortfalls).")
        sample("dispatchd_pending_demands", Double(snapshot.pendingDemands))
        family("dispatchd_outbox_unpublished", "gauge", "Messages committed but not yet in the outgoing spool.")
        sample("dispatchd_outbox_unpublished", Double(snapshot.outboxUnpublished))
        family("dispatchd_outbox_oldest_unpublished_age_seconds", "gauge", "Age of the oldest unpublished message; 0 when none waits.")
        sample("dispatchd_outbox_oldest_unpublished_age_seconds",
               max(0, snapshot.outboxOldestUnpublished.map { now.timeIntervalSince($0).rounded() } ?? 0))
        family("dispatchd_inputs_total", "counter", "Input files taken in, by result.")
        for result in Self.merged(InputRecord.Outcome.allCases.map(\.rawValue), snapshot.inputsByOutcome) {
            sample("dispatchd_inputs_total", [("result", result)], Double(snapshot.inputsByOutcome[result] ?? 0))
        }
        family("dispatchd_escalations_total", "counter", "Escalation steps fired, by step.")
        for step in snapshot.escalationsByStep.keys.sorted() {
            sample("dispatchd_escalations_total", [("step", String(step))], Double(snapshot.escalationsByStep[step]!))
        }
        family("dispatchd_ack_latency_seconds", "histogram", "Time from an order's issue to its accept.")
        for bound in Self.ackBuckets {
            sample("dispatchd_ack_latency_seconds_bucket", [("le", Self.number(bound))],
                   Double(snapshot.ackLatencies.filter { $0 <= bound }.count))
        }
        sample("dispatchd_ack_latency_seconds_bucket", [("le", "+Inf")], Double(snapshot.ackLatencies.count))
        sample("dispatchd_ack_latency_seconds_sum", snapshot.ackLatencies.reduce(0, +))
        sample("dispatchd_ack_latency_seconds_count", Double(snapshot.ackLatencies.count))
        family("dispatchd_areas_in_emergency", "gauge", "Areas named in emergency mode, by response level.")
        for level in Self.merged(["I", "II", "III", "IV"], snapshot.areasInEmergencyByLevel) {
            sample("dispatchd_areas_in_emergency", [("response_level", level)], Double(snapshot.areasInEmergencyByLevel[level] ?? 0))
        }
        family("dispatchd_state_last_commit_timestamp_seconds", "gauge", "When the daemon last wrote the state database (Unix time).")
        sample("dispatchd_state_last_commit_timestamp_seconds", (lastCommit?.timeIntervalSince1970 ?? 0).rounded())
        family("dispatchd_console_boards", "gauge", "Boards following the live event stream.")
        sample("dispatchd_console_boards", Double(boards))
        return out
    }

    /// The known values, then any others found, in order.
    static func merged(_ known: [String], _ found: [String: Int]) -> [String] {
        known + found.keys.filter { !known.contains($0) }.sorted()
    }
}
