import HeapModule

/// The pending deadlines of a scheduler: swift-collections' `Heap` of (deadline, id) entries
/// with lazy deletion, plus a map from id to its current deadline.
///
/// Invariants:
/// - `pending[id]` is the one live deadline of `id`; a heap entry is live only if its deadline
///   equals `pending[id]`. Cancelling or rescheduling leaves stale heap entries, dropped when they
///   reach the top, and the heap is rebuilt when stale entries outnumber live ones.
/// - Memory per pending id: one heap entry (8 bytes and the id), one map entry (the id and 8
///   bytes, at the dictionary's load factor), plus whatever storage the id has of its own (an
///   integer or a short string has none).
/// - Deadlines are absolute wall-clock nanoseconds since the Unix epoch; ties are ordered by id.
/// - `@inlinable` throughout, so the client's id type is specialized into it (unspecialized, the
///   id's hashing and comparing went through witness tables and generic metadata: a quarter of
///   a restart with 100,000 open orders).
public struct DeadlineQueue<ID: Hashable & Comparable & Sendable>: Sendable {
    @usableFromInline
    struct Entry: Comparable, Sendable {
        @usableFromInline var deadline: Int64
        @usableFromInline var id: ID

        @inlinable
        init(deadline: Int64, id: ID) {
            self.deadline = deadline
            self.id = id
        }

        @inlinable
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.deadline != rhs.deadline ? lhs.deadline < rhs.deadline : lhs.id < rhs.id
        }
    }

    @usableFromInline var heap = Heap<Entry>()
    @usableFromInline var pending: [ID: Int64] = [:]

    @inlinable
    public init() {}

    @inlinable
    public var count: Int { pending.count }

    /// Adds many deadlines at once (start-up): one heap build instead of one sift per id.
    @inlinable
    public mutating func schedule(_ batch: some Sequence<(id: ID, deadline: Int64)>) {
        for (id, deadline) in batch { pending[id] = deadline }
        heap = Heap(pending.lazy.map { Entry(deadline: $0.value, id: $0.key) })
    }

    /// Sets `id`'s deadline, replacing any earlier one.
    @inlinable
    public mutating func schedule(id: ID, at deadline: Int64) {
        if pending[id] == deadline { return }
        pending[id] = deadline
        heap.insert(Entry(deadline: deadline, id: id))
        compactIfNeeded()
    }

    /// Removes `id`; returns whether it was pending.
    @inlinable @discardableResult
    public mutating func cancel(id: ID) -> Bool {
        guard pending.removeValue(forKey: id) != nil else { return false }
        compactIfNeeded()
        return true
    }

    @inlinable
    public func deadline(of id: ID) -> Int64? { pending[id] }

    /// The earliest live deadline (drops stale entries from the top).
    @inlinable
    public mutating func earliest() -> Int64? {
        dropStaleTop()
        return heap.min?.deadline
    }

    /// Removes and returns every id due at or before `now`, in (deadline, id) order.
    @inlinable
    public mutating func popDue(upTo now: Int64) -> [(id: ID, deadline: Int64)] {
        var due: [(id: ID, deadline: Int64)] = []
        while true {
            dropStaleTop()
            guard let top = heap.min, top.deadline <= now else { break }
            heap.removeMin()
            pending.removeValue(forKey: top.id)
            due.append((top.id, top.deadline))
        }
        return due
    }

    @inlinable
    mutating func dropStaleTop() {
        while let top = heap.min, pending[top.id] != top.deadline { heap.removeMin() }
    }

    @inlinable
    mutating func compactIfNeeded() {
        guard heap.count > 2 * pending.count + 64 else { return }
        heap = Heap(pending.lazy.map { Entry(deadline: $0.value, id: $0.key) })
    }
}
