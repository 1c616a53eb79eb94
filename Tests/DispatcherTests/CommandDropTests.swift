import Foundation
import Platform
import Rules
import Testing
@testable import Dispatcher

@Suite struct CommandDropTests {
    @Test func dropsAtomicallyIntoCommandsAndNeverReplacesAFile() throws {
        var template = Array("/tmp/command-drop-XXXXXX".utf8CString)
        let root = String(cString: try #require(mkdtemp(&template)))
        defer { try? FileManager.default.removeItem(atPath: root) }
        let layout = SpoolLayout(spool: root + "/spool", state: root + "/state")
        try layout.ensureExists()
        let command = OperatorCommand(.standdown(orderID: "GM-1-o1", reason: "道路中断"), by: "王强",
                                      at: Date(timeIntervalSince1970: 1_725_585_120), via: "cli")
        let first = try CommandDrop.place(command, in: layout)
        let second = try CommandDrop.place(command, in: layout)
        #expect(first.escaped == "cmd-standdown-GM-1-o1-1725585120000.json")
        #expect(second != first)
        let names = try FileManager.default.contentsOfDirectory(atPath: layout.commands).sorted()
        #expect(names == [".tmp", first.escaped, second.escaped].sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.commandsStaging).isEmpty)
        let bytes = try #require(FileManager.default.contents(atPath: layout.commands + "/" + first.escaped))
        #expect(try OperatorCommandDecoder.decode(Array(bytes)) == command)
    }
}
