import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct SpoolMoveTests {
    @Test func moveNeverOverwrites() throws {
        let dir = TempDirectory()
        let incoming = dir.subdirectory("incoming")
        let active = dir.subdirectory("active")
        dir.write("a.json", "new", in: incoming)
        dir.write("a.json", "old", in: active)
        let outcome = try SpoolFiles.move(FileName("a.json"), from: incoming, to: active)
        #expect(outcome == .destinationExists)
        #expect(try String(contentsOfFile: active + "/a.json", encoding: .utf8) == "old")
        #expect(dir.names(in: incoming) == ["a.json"])
    }

    @Test func moveRenamesIntoPlace() throws {
        let dir = TempDirectory()
        let incoming = dir.subdirectory("incoming")
        let active = dir.subdirectory("active")
        dir.write("a.json", "body", in: incoming)
        #expect(try SpoolFiles.move(FileName("a.json"), from: incoming, to: active,
                                    newName: FileName("b.json")) == .moved)
        #expect(dir.names(in: incoming).isEmpty)
        #expect(try String(contentsOfFile: active + "/b.json", encoding: .utf8) == "body")
    }

    @Test func uniqueNameSuffixesBeforeExtension() throws {
        let dir = TempDirectory()
        #expect(try SpoolFiles.uniqueName(in: dir.path, for: FileName("x.json")) == FileName("x.json"))
        dir.write("x.json", "")
        dir.write("x.1.json", "")
        #expect(try SpoolFiles.uniqueName(in: dir.path, for: FileName("x.json"))
                == FileName("x.2.json"))
        dir.write("noext", "")
        #expect(try SpoolFiles.uniqueName(in: dir.path, for: FileName("noext"))
                == FileName("noext.1"))
    }

    @Test func moveUniqueNeverCollides() throws {
        let dir = TempDirectory()
        let rejected = dir.subdirectory("rejected")
        for index in 0..<5 {
            let source = dir.subdirectory("in\(index)")
            dir.write("same.json", "copy \(index)", in: source)
            let used = try SpoolFiles.moveUnique(FileName("same.json"), from: source, to: rejected)
            #expect(used == (index == 0 ? FileName("same.json")
                             : FileName("same.\(index).json")))
        }
        #expect(dir.names(in: rejected) == ["same.1.json", "same.2.json", "same.3.json",
                                            "same.4.json", "same.json"])
        let bodies = try dir.names(in: rejected).map {
            try String(contentsOfFile: rejected + "/" + $0, encoding: .utf8)
        }
        #expect(Set(bodies).count == 5)
    }

    @Test func linkFallbackMovesAndNeverOverwrites() throws {
        let dir = TempDirectory()
        let from = dir.subdirectory("from")
        let to = dir.subdirectory("to")
        dir.write("a.json", "a", in: from)
        dir.write("b.json", "b", in: from)
        dir.write("b.json", "kept", in: to)
        #expect(try SpoolFiles.move(FileName("a.json"), from: from, to: to, newName: nil,
                                    renameat2: nil) == .moved)
        #expect(try SpoolFiles.move(FileName("b.json"), from: from, to: to, newName: nil,
                                    renameat2: nil) == .destinationExists)
        #expect(dir.names(in: from) == ["b.json"])
        #expect(dir.names(in: to) == ["a.json", "b.json"])
        #expect(try String(contentsOfFile: to + "/b.json", encoding: .utf8) == "kept")
        #expect(try SpoolFiles.list(to).first?.linkCount == 1)
    }
}
