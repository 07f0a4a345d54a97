import Testing
@testable import HWCheckCore

/// Every finding hwcheck can produce has a message and a remedy in every language it ships.
@Suite struct CatalogTests {
    static let findings: [RowCategory: [ReasonCode]] = [
        .dmi: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable],
        .disk: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .removable, .hotPlug, .hotPlugSlot, .hotPlugUnknown, .noDisk],
        .nic: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .noEligibleNIC, .nicRemovable, .nicDisabled],
    ]
    /// Every note a report can carry (NoteCode is what Note.code is made of).
    static let notes = NoteCode.allCases.map(\.rawValue)

    /// `hwcheck explain` covers every row, reason and note code, in both languages, with no template left open.
    @Test func explainCoversEveryCode() {
        let spec = Spec.builtIn()
        let codes = ReasonCode.allCases.map(\.rawValue) + NoteCode.allCases.map(\.rawValue) + spec.rows.map(\.id)
        #expect(Set(Explain.topics(spec)) == Set(codes))
        for code in codes {
            for language in Language.allCases {
                let text = Explain.render(code, spec: spec, language: language)
                #expect(text != nil, "explain \(code) --lang \(language)")
                #expect(text?.contains("{") == false, "explain \(code) --lang \(language): unfilled template")
            }
        }
    }

    @Test func everyReasonIsUsedSomewhere() {
        let used = Set(Self.findings.values.flatMap { $0 })
        #expect(used == Set(ReasonCode.allCases))
    }

    @Test(arguments: Self.findings.flatMap { category, reasons in reasons.map { "\(category.rawValue).\($0.rawValue)" } } + Self.notes.map { "note.\($0)" } + ["disk.virtio-empty", "dmi.device-tree-absent"])
    func bothLanguages(key: String) throws {
        let entry = try #require(Catalog.entry(key), "no catalog entry for \(key)")
        for language in Language.allCases {
            #expect(!entry.message.text(language).isEmpty, "\(key) message in \(language)")
            #expect(!entry.remedy.text(language).isEmpty, "\(key) remedy in \(language)")
        }
        // Chinese text is Chinese: at least one CJK character.
        #expect(entry.message.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
    }

    @Test func builtInSpecHasTheFourRows() {
        let spec = Spec.builtIn()
        #expect(spec.rows.map(\.id) == ["B1", "B2", "B3", "B4"])
        #expect(spec.rows.map(\.source) == [.productSerial, .systemDiskSerial, .boardSerial, .primaryNICAddress])
        #expect(spec.rows.allSatisfy { $0.windowsQuery != nil && !$0.title.zh.isEmpty })
    }

    @Test func specErrorsNameTheProblem() {
        #expect(throws: SpecError(origin: "t", problem: "not valid JSON")) { try Spec.decode(Array("{".utf8), origin: "t") }
        #expect(throws: SpecError(origin: "t", problem: "missing key \"rows\" in the top level")) {
            try Spec.decode(Array(#"{"specVersion":1,"name":"x","version":"1","placeholders":{"serial":[],"uuid":[],"mac":[],"rules":[]}}"#.utf8), origin: "t")
        }
    }
}
