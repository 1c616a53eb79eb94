import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct DurableWriteTests {
    @Test func writeDurablyLeavesNoTempFile() throws {
        let dir = TempDirectory()
        let tmp = dir.subdirectory(".tmp")
        try SpoolFiles.writeDurably(dir.path, FileName("m.json"), bytes: Array("{}".utf8),
                                    tmpDirectory: tmp)
        try SpoolFiles.writeDurably(dir.path, FileName("n.json"), bytes: Array("[]".utf8))
        #expect(dir.names() == [".tmp", "m.json", "n.json"])
        #expect(dir.names(in: tmp).isEmpty)
        #expect(try String(contentsOfFile: dir.path + "/m.json", encoding: .utf8) == "{}")
    }

    @Test func writeDurablyDoesNotReplaceAndCleansUp() throws {
        let dir = TempDirectory()
        dir.write("m.json", "original")
        let outcome = try SpoolFiles.writeDurably(dir.path, FileName("m.json"),
                                                  bytes: Array("other".utf8))
        #expect(outcome == .destinationExists)
        #expect(dir.names() == ["m.json"])
        #expect(try String(contentsOfFile: dir.path + "/m.json", encoding: .utf8) == "original")
    }

    @Test func errorCompanionIsWrittenBesideTheInput() throws {
        let dir = TempDirectory()
        let name = try SpoolFiles.writeErrorFile(dir.path, forName: FileName("bad.json"),
                                                 text: "bad.json:1:2: expected '}'")
        #expect(name == FileName("bad.json.error"))
        let again = try SpoolFiles.writeErrorFile(dir.path, forName: FileName("bad.json"),
                                                  text: "second")
        #expect(again == FileName("bad.json.1.error"))
        #expect(try String(contentsOfFile: dir.path + "/bad.json.error", encoding: .utf8)
                == "bad.json:1:2: expected '}'")
    }

    @Test func errorCompanionShortensA250ByteName() throws {
        let dir = TempDirectory()
        // 83 three-byte characters + ".x" = 251 bytes: NAME.error would be 257 bytes.
        let long = FileName(String(repeating: "灾", count: 83) + ".x")
        #expect(long.bytes.count == 251)
        let sibling = FileName(String(repeating: "灾", count: 83) + ".y")
        let first = try SpoolFiles.writeErrorFile(dir.path, forName: long, text: "reason")
        let second = try SpoolFiles.writeErrorFile(dir.path, forName: sibling, text: "reason")
        #expect(first.bytes.count <= 255 - 6)
        #expect(first.string != nil)
        #expect(first.hasSuffix(".error"))
        #expect(first != second)
        #expect(dir.names().count == 2)
        // Short names are untouched.
        #expect(SpoolFiles.errorCompanionName(for: FileName("a")) == FileName("a.error"))
    }

    @Test func stagedPublishIsIdempotent() throws {
        let dir = TempDirectory()
        let staging = dir.subdirectory(".staging")
        let outgoing = dir.path
        let name = FileName("00000000000000000001-order-O1.json")
        let body = Array("{\"seq\":1}".utf8)
        try SpoolFiles.createStaged(staging, name, bytes: body)
        try SpoolFiles.createStaged(staging, name, bytes: body)  // recovery repeats: fine
        #expect(throws: SystemError.self) {
            try SpoolFiles.createStaged(staging, name, bytes: Array("other".utf8))
        }
        #expect(try SpoolFiles.publish(name, from: staging, to: outgoing))
        #expect(try SpoolFiles.exists(outgoing, name))
        #expect(try !SpoolFiles.exists(staging, name))
        #expect(dir.names(in: staging).isEmpty)  // no temp file left by the refused rewrite
        // Repeating after a crash: the staged file is gone, so it was already published.
        #expect(try !SpoolFiles.publish(name, from: staging, to: outgoing))
        #expect(dir.names(in: outgoing) == [".staging", name.string!])
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: outgoing + "/" + name.string!)))
                == body)
    }
}

@Suite struct OverwriteInPlaceTests {
    @Test func createsThenOverwritesTheSameFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatchd-hwm-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = FileName(".seq-high-water")
        try SpoolFiles.overwriteInPlace(directory, name, bytes: Array("00000000000000000007\n".utf8))
        let inode = try FileManager.default.attributesOfItem(atPath: directory + "/.seq-high-water")[.systemFileNumber] as? UInt64
        try SpoolFiles.overwriteInPlace(directory, name, bytes: Array("00000000000000001234\n".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/.seq-high-water")
        #expect(attributes[.systemFileNumber] as? UInt64 == inode, "overwritten in place, not replaced")
        #expect(try SpoolFiles.readSmallFile(directory, name, maxBytes: 64) == Array("00000000000000001234\n".utf8))
        try SpoolFiles.overwriteInPlace(directory, name, bytes: Array("9\n".utf8))
        #expect(try SpoolFiles.readSmallFile(directory, name, maxBytes: 64) == Array("9\n".utf8), "a shorter record truncates")
    }
}
