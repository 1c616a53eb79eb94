import Foundation
import Testing
@testable import Rules

/// The safe XML reader: well-formed subset, namespaces, encodings, and refusal of DTDs,
/// undefined entities and hostile nesting, each with a position.
@Suite struct CAPXMLReaderTests {
    func parse(_ text: String) throws(InputError) -> XMLElement { try XMLReader.parse(Array(text.utf8)) }

    func refusal(_ bytes: [UInt8]) -> InputError? {
        do { _ = try XMLReader.parse(bytes); return nil } catch { return error }
    }

    @Test func readsElementsAttributesTextCDATAAndReferences() throws {
        let root = try parse("""
            <?xml version="1.0"?>
            <!-- leading comment --><?pi ignored?>
            <a x='1' y="&lt;2&gt;"><b>台风 &amp; 暴雨&#x4E2D;&#65;</b><c><![CDATA[<raw> & ]]></c><d/></a>
            """)
        #expect(root.localName == "a")
        #expect(root.attributes == [.init(name: "x", value: "1"), .init(name: "y", value: "<2>")])
        #expect(root.children.map(\.localName) == ["b", "c", "d"])
        #expect(root.children[0].text == "台风 & 暴雨中A")
        #expect(root.children[1].text == "<raw> & ")
        #expect(root.children[0].line == 3)
    }

    @Test func resolvesNamespacePrefixesAndDefaults() throws {
        let root = try parse("""
            <cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><cap:sender>s</cap:sender><x xmlns="urn:other"/></cap:alert>
            """)
        #expect(root.namespace == "urn:oasis:names:tc:emergency:cap:1.2")
        #expect(root.localName == "alert")
        #expect(root.children[0].namespace == "urn:oasis:names:tc:emergency:cap:1.2")
        #expect(root.children[1].namespace == "urn:other")
        let undeclared = try #require(refusal(Array("<p:a/>".utf8)))
        #expect(undeclared.message.contains("prefix \"p\""))
    }

    @Test func refusesBillionLaughsAtTheDoctype() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <alert>&lol9;</alert>
            """
        let error = try #require(refusal(Array(bomb.utf8)))
        #expect(error.message.hasPrefix("DTDs are not accepted"))
        #expect(error.line == 2 && error.column == 1)
    }

    @Test func refusesUndefinedEntityEvenWithoutDoctype() throws {
        let error = try #require(refusal(Array("<a>\n  x&xxe;</a>".utf8)))
        #expect(error.message.contains("entity &xxe; is not defined"))
        #expect(error.line == 2 && error.column == 4)
    }

    @Test func refusesDeepNestingAndManyAttributes() throws {
        let deep = String(repeating: "<a>", count: 65) + String(repeating: "</a>", count: 65)
        let error = try #require(refusal(Array(deep.utf8)))
        #expect(error.message == "elements are nested deeper than 64 levels")
        #expect(error.column == 193)
        let attributes = "<a " + (0..<65).map { "a\($0)='x'" }.joined(separator: " ") + "/>"
        #expect(refusal(Array(attributes.utf8))?.message.contains("more than 64 attributes") == true)
    }

    @Test func reportsMismatchedTagsAndTruncation() throws {
        let mismatch = try #require(refusal(Array("<a>\n<b></a>".utf8)))
        #expect(mismatch.description == "2:4: the end tag </a> does not match <b> opened at 2:1; close elements in the order they were opened")
        #expect(refusal(Array("<a><b>".utf8))?.message.contains("ends inside <b>") == true)
        #expect(refusal(Array("<a/><b/>".utf8))?.message == "content after the end of the root element")
    }

    @Test func readsDeclaredEncodings() throws {
        let latin1: [UInt8] = Array("<?xml version='1.0' encoding='ISO-8859-1'?><a>Usulut".utf8) + [0xE1] + Array("n</a>".utf8)
        #expect(try XMLReader.parse(latin1).text == "Usulután")
        let cp1252: [UInt8] = Array("<?xml version='1.0' encoding='windows-1252'?><a>".utf8) + [0x80, 0x93] + Array("</a>".utf8)
        #expect(try XMLReader.parse(cp1252).text == "€“")
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<a>台风</a>".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try XMLReader.parse(utf16).text == "台风")
        let ebcdic = try #require(refusal(Array("<?xml version='1.0' encoding='EBCDIC'?><a/>".utf8)))
        #expect(ebcdic.message == "unsupported encoding \"ebcdic\" in the XML declaration")
        let badUTF8 = try #require(refusal(Array("<a>\nx".utf8) + [0xFF] + Array("</a>".utf8)))
        #expect(badUTF8.message == "invalid UTF-8 byte sequence" && badUTF8.line == 2 && badUTF8.column == 2)
    }

    @Test func skippedElementsKeepNeitherTextNorChildren() throws {
        let big = String(repeating: "QUJD", count: 10_000)
        let root = try XMLReader.parse(Array("<a><resource><derefUri>\(big)</derefUri></resource><Signature><x>1</x></Signature></a>".utf8),
                                       skipping: ["derefUri", "Signature"])
        #expect(root.children[0].children[0].text == "")
        #expect(root.children[1].children.isEmpty)
    }
}
