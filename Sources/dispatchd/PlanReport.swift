import Catalogue
import Foundation
import Dispatcher
import Rules

/// Renders a `Plan` for people (aligned tables) and for scripts (`--json`, SPEC §10).
struct PlanReport {
    let county: County
    let message: IncidentMessage
    let plan: Plan
    /// The CAP mapping, printed before the plan, when the input was CAP.
    var cap: CAPMapping? = nil
    /// What the daemon would decide before choosing teams (shared with it: `InputVerdict`).
    var verdict: InputVerdict = .dispatch

    private var duty: DutyDirectory { DutyDirectory(areas: county.areas, posts: county.dutyPosts) }

    struct Row {
        var assignment: Assignment
        var team: Team
        var rule: Rule
        var chain: [ResolvedEscalationStep]
    }

    var rows: [Row] {
        let matcher = Matcher(county: county)
        return plan.assignments.compactMap { assignment in
            guard let team = county.team(id: assignment.teamID), let rule = county.rule(id: assignment.ruleID) else { return nil }
            return Row(assignment: assignment, team: team, rule: rule,
                       chain: matcher.escalationChain(rule: rule, teamArea: team.area, incidentArea: assignment.area))
        }
    }

    func postName(_ id: String) -> String {
        duty.post(id: id).map { duty.posts[$0].name } ?? id
    }

    /// The demand as `--json` has always written it (never localized).
    func demandText(_ rule: Rule, _ index: Int) -> String {
        guard index < rule.mobilize.count else { return "?" }
        let demand = rule.mobilize[index]
        return "\(demand.selector) ×\(demand.count)" + (demand.within.map { " within \($0)" } ?? "")
    }

    /// The demand for people, in the catalogue's language.
    func humanDemandText(_ rule: Rule, _ index: Int) -> String {
        guard index < rule.mobilize.count else { return "?" }
        let demand = rule.mobilize[index]
        return texts.selector("\(demand.selector)") + " ×\(demand.count)" + (demand.within.map { texts(.planWithin, "\($0)") } ?? "")
    }

    func text() -> String {
        var out = cap.map { $0.lines().joined(separator: "\n") + "\n\n" } ?? ""
        out += texts(.planIncident, message.incidentID, message.msgType.rawValue, message.kind ?? texts(.planNoKind), message.level.name)
        if !message.title.isEmpty { out += "  \(message.title)" }
        out += "\n"
        let areaNames = plan.areas.map { "\(county.areas.fullName(of: $0)) (\(county.areas[$0].path))" }
        out += texts(.planAreas, areaNames.isEmpty ? texts(.planNoAreas) : areaNames.joined(separator: ", ")) + "\n"
        if case .notDispatched(let reason) = verdict {
            out += texts(.planNotDispatched, "\(reason)") + "\n"
            return out
        }
        if !plan.unresolvedAreas.isEmpty {
            out += texts(.planOutside, plan.unresolvedAreas.joined(separator: ", ")) + "\n"
        }
        if plan.rules.isEmpty {
            out += texts(.planNoRule) + "\n"
            return out
        }
        let ruleList = plan.rules.compactMap { county.rule(id: $0) }.map { "\($0.id) (\($0.response.name))" }
        out += texts(.planRules, ruleList.joined(separator: ", ")) + "\n"
        if let level = plan.responseLevel {
            out += texts(.planResponseLevel, level.name)
            if let posture = county.settings.postures[level] { out += texts(.planPosture, posture) }
            out += "\n"
        }
        if message.exercise { out += texts(.planExercise) + "\n" }
        out += "\n"
        var table = TextTable(texts.columns(.columnRule, .columnDemand, .columnTeam, .columnFrom, .columnKm, .columnAck, .columnEscalation))
        for row in rows {
            let ring = texts(.planRing, "\(row.assignment.ring)", county.areas[row.assignment.ringArea].name)
            let km = row.assignment.distanceKm.map { String(format: "%.1f", $0) } ?? "-"
            let chain = row.chain.map { "+\($0.after) \(postName($0.dutyPostID))" }.joined(separator: " → ")
            table.add([row.rule.id, humanDemandText(row.rule, row.assignment.demand.demandIndex) + " @" + county.areas[row.assignment.area].name,
                       "\(row.team.name) (\(row.team.id))", ring, km, "+\(row.rule.ackWithin)",
                       chain.isEmpty ? "-" : chain])
        }
        out += table.render()
        if !plan.shortfalls.isEmpty {
            out += "\n" + texts(.planShortfalls) + "\n"
            var shortfalls = TextTable(texts.columns(.columnRule, .columnDemand, .columnArea, .columnRequested, .columnAvailable, .columnDutyPost))
            for shortfall in plan.shortfalls {
                let post = duty.post(serving: shortfall.area).map { duty.posts[$0].name } ?? "-"
                shortfalls.add([shortfall.demand.ruleID, texts.selector("\(shortfall.selector)"), county.areas.fullName(of: shortfall.area),
                                "\(shortfall.requested)", "\(shortfall.dispatched)", post])
            }
            out += shortfalls.render()
        }
        return out
    }

    func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("incident_id", .string(message.incidentID)),
            ("msg_type", .string(message.msgType.rawValue)),
            ("kind", .optional(message.kind)),
            ("level", .string(message.level.name)),
            ("exercise", .bool(message.exercise)),
            ("dispatch", .bool(verdict == .dispatch)),
            ("reason", { if case .notDispatched(let reason) = verdict { .string(reason.description) } else { .null } }()),
            ("areas", .array(plan.areas.map { .string(county.areas[$0].path) })),
            ("unresolved_areas", .array(plan.unresolvedAreas.map { .string($0) })),
            ("rules", .array(plan.rules.map { .string($0) })),
            ("response_level", .optional(plan.responseLevel?.name)),
            ("posture", .optional(plan.responseLevel.flatMap { county.settings.postures[$0] })),
            ("orders", .array(rows.map { row in
                .object([
                    ("team_id", .string(row.team.id)),
                    ("team_name", .string(row.team.name)),
                    ("rule_id", .string(row.rule.id)),
                    ("demand", .string(demandText(row.rule, row.assignment.demand.demandIndex))),
                    ("area", .string(county.areas[row.assignment.area].path)),
                    ("area_name", .string(county.areas.fullName(of: row.assignment.area))),
                    ("ring", .number(row.assignment.ring)),
                    ("ring_area", .string(county.areas[row.assignment.ringArea].path)),
                    ("distance_km", row.assignment.distanceKm.map { .number($0) } ?? .null),
                    ("ack_within", .string(row.rule.ackWithin.description)),
                    ("escalation", .array(row.chain.map { step in
                        .object([("step", .number(step.step)), ("after", .string(step.after.description)),
                                 ("duty_post", .string(step.dutyPostID)), ("duty_post_name", .string(postName(step.dutyPostID)))])
                    })),
                ])
            })),
            ("shortfalls", .array(plan.shortfalls.map { shortfall in
                .object([
                    ("rule_id", .string(shortfall.demand.ruleID)),
                    ("demand", .string("\(shortfall.selector)")),
                    ("area", .string(shortfall.demand.areaPath)),
                    ("requested", .number(shortfall.requested)),
                    ("dispatched", .number(shortfall.dispatched)),
                    ("duty_post", .optional(duty.post(serving: shortfall.area).map { duty.posts[$0].id })),
                ])
            })),
        ]
        if let cap { members.append(("cap", cap.json())) }
        return .object(members)
    }
}
