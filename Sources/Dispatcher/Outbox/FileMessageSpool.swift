import Foundation
import Platform

/// The outgoing spool over the Platform layer: the outbox publisher's `MessageSpool`.
struct FileMessageSpool: MessageSpool {
    let layout: SpoolLayout

    func stage(name: String, bytes: [UInt8]) throws {
        try SpoolFiles.createStaged(layout.staging, FileName(name), bytes: bytes, syncDirectory: false)
    }

    func syncStaged() throws {
        try SpoolFiles.fsyncDirectory(layout.staging)
    }

    func isStaged(name: String) throws -> Bool {
        try SpoolFiles.exists(layout.staging, FileName(name))
    }

    func publish(names: [String]) throws {
        for name in names {
            let file = FileName(name)
            guard try SpoolFiles.exists(layout.staging, file) else { continue }
            if try SpoolFiles.move(file, from: layout.staging, to: layout.outgoing) == .destinationExists {
                throw SystemError(syscall: "renameat2", errno: EEXIST, path: layout.outgoing + "/" + name)
            }
        }
        try SpoolFiles.fsyncDirectory(layout.outgoing)
    }
}
