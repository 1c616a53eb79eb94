import Foundation
import Platform
import Rules

/// Drops an operator command into `commands/` the way SPEC §2 asks of every writer: the file
/// is written under `commands/.tmp/`, fsynced, and renamed into `commands/` without ever
/// replacing a file already there (a taken name gets a numbered suffix), then the directory is
/// fsynced. The CLI and the console write command files only through this.
public enum CommandDrop {
    /// Writes `command` and returns the name it was given in `commands/` (the name under which
    /// the daemon files it in `processed/YYYY-MM-DD/` or `rejected/`).
    @discardableResult
    public static func place(_ command: OperatorCommand, in layout: SpoolLayout,
                             timeZone: TimeZone = TimeZone(secondsFromGMT: 0)!) throws(SystemError) -> FileName {
        try place(OperatorCommandEncoder.encode(command, timeZone: timeZone),
                  as: OperatorCommandEncoder.fileName(for: command), in: layout)
    }

    /// Writes already encoded bytes under `name` (a leading `.` becomes `_`, so the daemon
    /// does not ignore the file).
    @discardableResult
    public static func place(_ bytes: [UInt8], as name: String, in layout: SpoolLayout) throws(SystemError) -> FileName {
        var candidate = FileName(name.hasPrefix(".") ? "_" + name.dropFirst() : name)
        while try SpoolFiles.writeDurably(layout.commands, candidate, bytes: bytes, tmpDirectory: layout.commandsStaging)
                == .destinationExists {
            candidate = try SpoolFiles.uniqueName(in: layout.commands, for: candidate)
        }
        return candidate
    }
}
