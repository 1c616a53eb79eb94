import Foundation
import Glibc
import Testing
@testable import Platform

@Suite struct SystemErrorTests {
    @Test func descriptionNamesCallPathReasonAndRemedy() {
        let error = SystemError(syscall: "open", errno: ENOSPC, path: "/var/spool/x")
        #expect(error.description.hasPrefix("open failed on '/var/spool/x': No space left on device"))
        #expect(error.description.contains("free space"))
        #expect(error.isTransient)
    }

    @Test func permissionIsNotDecidedAsTransient() {
        let error = SystemError(syscall: "rename", errno: EACCES, path: "/x")
        #expect(!error.isTransient)
        #expect(error.description.contains("ownership and mode"))
    }

    @Test func syscallWrapperThrowsWithErrno() {
        #expect(throws: SystemError(syscall: "open", errno: ENOENT, path: "/nonexistent/x")) {
            try Syscall.call("open", path: "/nonexistent/x") { open("/nonexistent/x", O_RDONLY) }
        }
    }

    @Test func toleratedErrnoReturnsNil() throws {
        let result = try Syscall.call("mkdir", path: "/", tolerating: [EEXIST]) { mkdir("/", 0o755) }
        #expect(result == nil)
    }
}

@Suite struct FileNameTests {
    @Test func escapesControlsAndInvalidUTF8ButKeepsChinese() {
        let name = FileName(bytes: Array("台风\n".utf8) + [0xFF, UInt8(ascii: "\\"), 0x01])
        #expect(name.escaped == "台风\\n\\xFF\\\\\\u{1}")
        #expect(name.string == nil)
        #expect(FileName("报告.json").string == "报告.json")
    }

    @Test func splitsStemAndExtension() {
        #expect(FileName("a.b.json").stemAndExtension.ext == Array(".json".utf8))
        #expect(FileName(".hidden").stemAndExtension.ext.isEmpty)
        #expect(FileName("plain").stemAndExtension.stem == Array("plain".utf8))
    }

    @Test func utcDayFormatting() {
        #expect(SpoolFiles.utcDay(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14")
        #expect(SpoolFiles.utcDay(Date(timeIntervalSince1970: 86_399.9)) == "1970-01-01")
    }
}
