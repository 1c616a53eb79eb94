import Dispatcher
import Foundation
import Rules

/// What the board shows, computed from one `StatusSnapshot` read: pure, no I/O.
///
/// Order: incidents by urgency (response level, then warning level, then newest); orders
/// overdue first, then escalated, then by deadline, grouped by town (the area at depth 1
/// above the order's area, the root itself for district-wide orders).
public struct BoardModel: Sendable {
    public struct TownGroup: Sendable {
        public let town: String
        public let orders: [OrderRecord]
    }

    public let snapshot: StatusSnapshot
    public let county: County
    public let now: Date
    public let incidents: [IncidentRecord]
    public let orderGroups: [TownGroup]
    public let overdueCount: Int

    public init(snapshot: StatusSnapshot, county: County, now: Date) {
        self.snapshot = snapshot
        self.county = county
        self.now = now
        self.incidents = snapshot.incidents.sorted { a, b in
            let ra = a.response.map { 5 - $0.rawValue } ?? 0, rb = b.response.map { 5 - $0.rawValue } ?? 0
            if ra != rb { return ra > rb }
            let wa = a.warningLevel?.rawValue ?? 0, wb = b.warningLevel?.rawValue ?? 0
            if wa != wb { return wa > wb }
            return a.lastSent > b.lastSent
        }
        func rank(_ order: OrderRecord) -> Int {
            if let deadline = order.nextDeadline, deadline < now { return 0 }
            if order.state == .escalated { return 1 }
            return 2
        }
        let sorted = snapshot.openOrders.sorted { a, b in
            let (x, y) = (rank(a), rank(b))
            if x != y { return x < y }
            return (a.nextDeadline ?? .distantFuture) < (b.nextDeadline ?? .distantFuture)
        }
        var groups: [String: [OrderRecord]] = [:]
        var firstSeen: [String] = []
        for order in sorted {
            let town = Self.townName(of: order.areaPath, in: county)
            if groups[town] == nil { firstSeen.append(town) }
            groups[town, default: []].append(order)
        }
        self.orderGroups = firstSeen.map { TownGroup(town: $0, orders: groups[$0]!) }
        self.overdueCount = sorted.filter { rank($0) == 0 }.count
    }

    static func townName(of path: String, in county: County) -> String {
        guard let index = county.areas.indexByPath[path] else { return path }
        let lineage = county.areas.lineage(of: index)
        let town = county.areas[index].depth >= 1 ? lineage.first { county.areas[$0].depth == 1 } : nil
        return county.areas[town ?? index].name
    }

    public func teamName(_ id: String) -> String { county.team(id: id)?.name ?? id }

    public func areaName(_ path: String) -> String {
        county.areas.indexByPath[path].map { county.areas.fullName(of: $0) } ?? path
    }

    /// The area's name below its town (`石水村 第一网格`), or its own name for a town or the root.
    public func placeName(_ path: String) -> String {
        guard let index = county.areas.indexByPath[path] else { return path }
        let below = county.areas.lineage(of: index).reversed().filter { county.areas[$0].depth >= 2 }
        return below.isEmpty ? county.areas[index].name : below.map { county.areas[$0].name }.joined(separator: " ")
    }

    public func isOverdue(_ order: OrderRecord) -> Bool { order.nextDeadline.map { $0 < now } ?? false }
}
