import Rules

/// The role each §14 command needs in the console (SPEC §14, §17): cancel and close are for
/// commanders, every other command for operators and commanders. The commands themselves are
/// issue 10's `OperatorCommand`, written only through its encoder (`CommandDrop`).
extension OperatorCommand.Kind {
    public var requiredRole: ConsoleRole {
        switch self {
        case .cancel, .close: .commander
        default: .operator
        }
    }
}
