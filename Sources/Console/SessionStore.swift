import Foundation
import Synchronization

/// Logged-in sessions and login throttling (SPEC §17).
///
/// Invariants: a session id and its CSRF token are 128 random bits each (`SystemRandomNumberGenerator`,
/// getrandom(2)); sessions live in memory only, so a console restart logs everybody out (the
/// board reconnects and asks for a login); five failed logins lock that login for a minute,
/// counted per login whatever the password, and a success clears the count.
public final class SessionStore: Sendable {
    public struct Session: Sendable, Equatable {
        public let id: String
        public let login: String
        public let csrf: String
        public var expires: Date
    }

    public static let maxFailures = 5
    public static let lockDuration: TimeInterval = 60
    public let lifetime: TimeInterval

    private struct Failures { var count: Int; var lockedUntil: Date? }
    private struct State {
        var sessions: [String: Session] = [:]
        var failures: [String: Failures] = [:]
    }
    private let state = Mutex(State())

    public init(lifetime: TimeInterval = 12 * 3600) {
        self.lifetime = lifetime
    }

    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let (a, b) = (generator.next() as UInt64, generator.next() as UInt64)
        return String(format: "%016llx%016llx", a, b)
    }

    /// Until when the login is locked, or nil.
    public func lockedUntil(login: String, now: Date) -> Date? {
        state.withLock { state in
            guard let until = state.failures[login]?.lockedUntil, until > now else { return nil }
            return until
        }
    }

    public func recordFailure(login: String, now: Date) {
        state.withLock { state in
            var entry = state.failures[login] ?? Failures(count: 0, lockedUntil: nil)
            if let until = entry.lockedUntil, until <= now { entry = Failures(count: 0, lockedUntil: nil) }
            entry.count += 1
            if entry.count >= Self.maxFailures { entry.lockedUntil = now.addingTimeInterval(Self.lockDuration) }
            state.failures[login] = entry
        }
    }

    public func create(login: String, now: Date) -> Session {
        let session = Session(id: Self.randomToken(), login: login, csrf: Self.randomToken(),
                              expires: now.addingTimeInterval(lifetime))
        state.withLock { state in
            state.failures[login] = nil
            state.sessions = state.sessions.filter { $0.value.expires > now }
            state.sessions[session.id] = session
        }
        return session
    }

    public func session(id: String, now: Date) -> Session? {
        state.withLock { state in
            guard let session = state.sessions[id] else { return nil }
            guard session.expires > now else { state.sessions[id] = nil; return nil }
            return session
        }
    }

    public func remove(id: String) {
        _ = state.withLock { $0.sessions.removeValue(forKey: id) }
    }
}
