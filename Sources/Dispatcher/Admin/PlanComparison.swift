import Platform
import Rules

/// For `dispatchd check --diff OTHER --incidents DIR` (SPEC §18): one incident file planned
/// under the running config and under OTHER with the same decoder and `Matcher` as `plan`
/// (no open orders), and what differs, team by team.
public enum PlanComparison {
    /// What one config makes of the file: a plan, or why it is not dispatched or not an incident.
    public enum Outcome: Sendable, Equatable {
        case plan(rules: [String], responseLevel: String, teams: [Team], shortfalls: [String])
        case notDispatched(String)
        case refused(String)

        public struct Team: Sendable, Equatable, Hashable {
            public var teamID: String
            public var ruleID: String
            public var area: String
        }
    }

    public struct Difference: Sendable {
        public var file: String
        public var running: Outcome
        public var other: Outcome
    }

    public static func outcome(file: String, bytes: [UInt8], county: County) -> Outcome {
        do throws(InputError) {
            switch try InputDecoding.decode(fileName: file, bytes: bytes, county: county) {
            case .dispatch(let message, _):
                // As `dispatchd test` does: at the input's own `sent` time, through the verdict
                // the daemon and `plan` share.
                let (verdict, plan) = InputVerdict.plan(for: message, county: county, now: message.sent)
                if case .notDispatched(let reason) = verdict { return .notDispatched(reason.description) }
                return .plan(rules: plan.rules, responseLevel: plan.responseLevel?.name ?? "none",
                             teams: plan.assignments.map { Outcome.Team(teamID: $0.teamID, ruleID: $0.ruleID, area: county.areas[$0.area].path) },
                             shortfalls: plan.shortfalls.map { "\($0.demand.ruleID) \($0.selector) requested=\($0.requested) dispatched=\($0.dispatched)" })
            case .ignored(_, let reason, _):
                return .notDispatched(reason.description)
            }
        } catch {
            return .refused(error.described(file: file))
        }
    }

    /// Every file of `directory` (not hidden, sorted) whose outcome differs; throws when the
    /// directory cannot be listed. A file that cannot be read is reported as refused by both.
    public static func compare(directory: String, running: County, other: County) throws(SystemError) -> (files: Int, differences: [Difference]) {
        let entries = try SpoolFiles.list(directory).filter { $0.kind == .regular }.compactMap(\.name.string).sorted()
        var differences: [Difference] = []
        for name in entries {
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + name
            let limit = max(running.settings.maxInputBytes, other.settings.maxInputBytes)
            guard let bytes = try? LocalFiles.read(path, maxBytes: limit) else { continue }
            let before = outcome(file: path, bytes: bytes, county: running)
            let after = outcome(file: path, bytes: bytes, county: other)
            if !same(before, after) { differences.append(Difference(file: path, running: before, other: after)) }
        }
        return (entries.count, differences)
    }

    static func same(_ a: Outcome, _ b: Outcome) -> Bool {
        switch (a, b) {
        case (.plan(let r1, let l1, let t1, let s1), .plan(let r2, let l2, let t2, let s2)):
            return Set(r1) == Set(r2) && l1 == l2 && Set(t1) == Set(t2) && s1.sorted() == s2.sorted()
        default:
            return a == b
        }
    }
}
