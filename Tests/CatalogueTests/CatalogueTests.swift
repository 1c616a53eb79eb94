import Catalogue
import Testing

/// The catalogue stays complete: every key has a text in every language, with the same
/// placeholders, and the locale rule of SPEC §10 picks the language.
@Suite struct CatalogueTests {
    @Test(arguments: Language.allCases)
    func everyKeyHasATextInEveryLanguage(_ language: Language) {
        let table = Catalogue.table(language)
        let missing = TextKey.allCases.filter { (table[$0] ?? "").isEmpty }
        #expect(missing.isEmpty, "\(language) lacks \(missing.map(\.rawValue))")
    }

    @Test func bothLanguagesUseTheSamePlaceholders() {
        for key in TextKey.allCases {
            let english = Catalogue.placeholders(in: Catalogue(.english).template(key))
            let chinese = Catalogue.placeholders(in: Catalogue(.chinese).template(key))
            #expect(english == chinese, "\(key.rawValue): en \(english.sorted()) zh \(chinese.sorted())")
            if let highest = english.max() { #expect(english == Set(1...highest), "\(key.rawValue) skips a placeholder") }
        }
    }

    @Test func chineseTextsAreChinese() {
        // Every Chinese text that has words has Chinese words (a copied English text would slip through otherwise).
        for key in TextKey.allCases {
            let text = Catalogue(.chinese).template(key)
            let hasLatinWords = text.unicodeScalars.contains { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
            let hasChinese = text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            let latinOnly = hasLatinWords && !hasChinese
            let allowedLatin: Set<TextKey> = [.statusCannotRead]   // the command's own name, then the error
            #expect(!latinOnly || allowedLatin.contains(key), "\(key.rawValue) is not translated: \(text)")
        }
    }

    @Test func placeholdersAreFilledInOrderAndMayMove() {
        #expect(Catalogue(.english)(.ackDropped, "o1", "accept", "/spool/acks/a.json") == "acknowledged o1 (accept) as /spool/acks/a.json")
        #expect(Catalogue(.chinese)(.overdue, "12s") == "已超时 12s")
        #expect(Catalogue(.english)(.none) == "-")
    }

    @Test func theFirstSetLocaleVariableDecides() {
        #expect(Language.from(environment: [:]) == .english)
        #expect(Language.from(environment: ["LANG": "zh_CN.UTF-8"]) == .chinese)
        #expect(Language.from(environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.from(environment: ["LC_ALL": "", "LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == .chinese)
        #expect(Language.from(environment: ["LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"]) == .english)
        #expect(Language.from(environment: ["LANG": "POSIX"]) == .english)
        #expect(Language.from(environment: ["LANG": "zh"]) == .chinese)
    }
}
