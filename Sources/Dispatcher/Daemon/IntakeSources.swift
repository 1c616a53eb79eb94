import Foundation
import Logging
import Platform
import Rules

/// Where each kind of input is dropped and claimed (SPEC §2): incidents in `incoming/`, acks
/// in `acks/`, operator commands in `commands/`; each claimed into its own directory under
/// `active/`, so a restart knows what each leftover file is.
extension SpoolLayout {
    func dropDirectory(for source: Intake.Source) -> String {
        switch source {
        case .incident: incoming
        case .ack: acks
        case .command: commands
        }
    }

    func activeDirectory(for source: Intake.Source) -> String {
        switch source {
        case .incident: active
        case .ack: activeAcks
        case .command: activeCommands
        }
    }

    /// The drop directory `directory` is, for inotify events.
    func source(ofDropDirectory directory: String) -> Intake.Source {
        directory == acks ? .ack : directory == commands ? .command : .incident
    }
}

extension Intake.Source {
    /// A short prefix keeping queued names of different drop directories apart.
    var queueTag: String {
        switch self {
        case .incident: "i/"
        case .ack: "a/"
        case .command: "c/"
        }
    }
}

/// The authorization check of SPEC §14: by the owner uid of the claimed file.
struct IntakeAuthorization {
    let daemonUID: UInt32 = currentUID()

    /// The refusal text when the owner of a file may not do what it asks; nil when allowed
    /// (always, without `authorization:` in the config).
    func refusal(for decoded: InputDecoding.Decoded, ownerUID: UInt32?, county: County, logger: Logger) -> String? {
        guard let authorization = county.settings.authorization else { return nil }
        let role: Authorization.Role
        let what: String
        switch decoded {
        case .incident, .ignoredIncident:
            (role, what) = (.operators, "an incident")
        case .ack:
            (role, what) = (.operators, "an acknowledgement")
        case .command(let command):
            (role, what) = (Authorization.role(for: command.kind), "a `\(command.kind.rawValue)` command")
        }
        guard let uid = ownerUID else { return nil }
        let member = UserAccounts.member(uid: uid)
        if authorization.permits(uid: uid, groups: member.groups, role: role, daemonUID: daemonUID) { return nil }
        let user = member.name.map { "user '\($0)'" } ?? "no user account"
        let groups = authorization.groups(granting: role)
        let groupText = groups.isEmpty ? "none is configured" : groups.joined(separator: ", ")
        logger.warning("input refused: its owner is not authorized", metadata: [
            "event": "input_unauthorized", "uid": "\(uid)", "user": "\(member.name ?? "-")", "role": "\(role.rawValue)"])
        return "not authorized: the file is owned by uid \(uid) (\(user)), and \(what) needs the \(role.rawValue) role "
            + "(groups: \(groupText)); add the user to one of these groups (`usermod -aG GROUP USER`) "
            + "or have an authorized person drop it"
    }
}
