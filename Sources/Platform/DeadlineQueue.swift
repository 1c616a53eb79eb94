/// The pending deadlines of a scheduler: a binary min-heap ordered by (deadline, id) with lazy
/// deletion, plus a map from id to its current deadline.
///
/// Invariants:
/// - `pending[id]` is the one live deadline of `id`; a heap entry is live only if its deadline
///   equals `pending[id]`. Cancelling or rescheduling leaves stale heap entries, dropped when they
///   reach the top, and the heap is rebuilt when stale entries outnumber live ones.
/// - Memory per pending id: one heap entry (24 bytes), one map entry (~32 bytes with load
///   factor), plus the id's string storage (none for ids of 15 UTF-8 bytes or less).
/// - Deadlines are absolute wall-clock nanoseconds since the Unix epoch.
public struct DeadlineQueue: Sendable {
    struct Entry: Sendable {
        var deadline: Int64
        var id: String

        static func precedes(_ lhs: Entry, _ rhs: Entry) -> Bool {
            lhs.deadline != rhs.deadline ? lhs.deadline < rhs.deadline : lhs.id < rhs.id
        }
    }

    private var heap: [Entry] = []
    private var pending: [String: Int64] = [:]

    public init() {}

    public var count: Int { pending.count }

    /// Sets `id`'s deadline, replacing any earlier one.
    public mutating func schedule(id: String, at deadline: Int64) {
        if pending[id] == deadline { return }
        pending[id] = deadline
        push(Entry(deadline: deadline, id: id))
        compactIfNeeded()
    }

    /// Removes `id`; returns whether it was pending.
    @discardableResult
    public mutating func cancel(id: String) -> Bool {
        guard pending.removeValue(forKey: id) != nil else { return false }
        compactIfNeeded()
        return true
    }

    public func deadline(of id: String) -> Int64? { pending[id] }

    /// The earliest live deadline (drops stale entries from the top).
    public mutating func earliest() -> Int64? {
        dropStaleTop()
        return heap.first?.deadline
    }

    /// Removes and returns every id due at or before `now`, in (deadline, id) order.
    public mutating func popDue(upTo now: Int64) -> [(id: String, deadline: Int64)] {
        var due: [(id: String, deadline: Int64)] = []
        while let top = earliestEntry(), top.deadline <= now {
            popTop()
            pending.removeValue(forKey: top.id)
            due.append((top.id, top.deadline))
        }
        return due
    }

    private mutating func earliestEntry() -> Entry? {
        dropStaleTop()
        return heap.first
    }

    private mutating func dropStaleTop() {
        while let top = heap.first, pending[top.id] != top.deadline { popTop() }
    }

    private mutating func compactIfNeeded() {
        guard heap.count > 2 * pending.count + 64 else { return }
        heap = pending.map { Entry(deadline: $0.value, id: $0.key) }
        var index = heap.count / 2 - 1
        while index >= 0 {
            siftDown(index)
            index -= 1
        }
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Entry.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = heap.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var best = left
            if left + 1 < count, Entry.precedes(heap[left + 1], heap[left]) { best = left + 1 }
            guard Entry.precedes(heap[best], heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
