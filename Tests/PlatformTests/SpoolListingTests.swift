import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct SpoolListingTests {
    @Test func listsWithLstatFactsAndSkipsIgnoredNames() throws {
        let dir = TempDirectory()
        dir.write("b.json", "{}")
        dir.write(".hidden", "x")
        dir.write("upload.tmp", "x")
        dir.write("upload.part", "x")
        #expect(symlink("/etc/passwd", dir.path + "/link.json") == 0)
        #expect(mkfifo(dir.path + "/pipe", 0o600) == 0)
        _ = dir.subdirectory("sub")

        let entries = try SpoolFiles.list(dir.path)
        #expect(entries.map(\.name.escaped) == ["b.json", "link.json", "pipe", "sub"])
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name.escaped, $0) })
        #expect(byName["b.json"]?.kind == .regular)
        #expect(byName["b.json"]?.size == 2)
        #expect(byName["b.json"]?.linkCount == 1)
        #expect(byName["b.json"]?.ownerUID == currentUID())
        #expect(byName["link.json"]?.kind == .symlink)
        #expect(byName["pipe"]?.kind == .fifo)
        #expect(byName["sub"]?.kind == .directory)
        #expect(abs((byName["b.json"]?.modificationTime ?? 0) - Date().timeIntervalSince1970) < 60)
    }

    @Test func addressesOddNamesLosslessly() throws {
        let dir = TempDirectory()
        let odd = FileName(bytes: Array("in\ncident".utf8) + [0xFE, 0x07])
        try SpoolFiles.writeDurably(dir.path, odd, bytes: Array("x".utf8))
        let entries = try SpoolFiles.list(dir.path)
        #expect(entries.map(\.name) == [odd])
        #expect(entries[0].name.escaped == "in\\ncident\\xFE\\u{7}")
        let input = try SpoolFiles.readInput(dir.path, entries[0].name, maxBytes: 10)
        #expect(input.bytes == Array("x".utf8))
    }

    @Test func missingDirectoryIsASystemError() {
        #expect(throws: SystemError.self) { try SpoolFiles.list("/nonexistent-dispatchd-dir") }
    }

    @Test func ensureDirectoryCreatesParentsAndDatedSubdirectory() throws {
        let dir = TempDirectory()
        let nested = dir.path + "/a/b/c"
        try SpoolFiles.ensureDirectory(nested, mode: 0o750)
        try SpoolFiles.ensureDirectory(nested, mode: 0o750)
        #expect(try SpoolFiles.exists(dir.path + "/a/b", FileName("c")))
        let dated = try SpoolFiles.datedSubdirectory(dir.path + "/processed",
                                                     date: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(dated == dir.path + "/processed/2023-11-14")
        #expect(dir.names(in: dir.path + "/processed") == ["2023-11-14"])
    }
}
