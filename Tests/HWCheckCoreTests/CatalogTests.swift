import Testing
@testable import HWCheckCore

/// Every finding hwcheck can produce has a message and a remedy in every language it ships.
@Suite struct CatalogTests {
    static let findings: [RowCategory: [ReasonCode]] = [
        .dmi: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable],
        .disk: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .removable, .hotPlug, .hotPlugSlot, .hotPlugUnknown, .noDisk, .windowsPlaceholder],
        .nic: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .noEligibleNIC, .nicRemovable, .nicDisabled],
    ]
    static let notes = ["needs-root", "no-dmi", "device-tree-board", "no-udev-database", "root-on-removable-disk", "root-not-on-disk",
                        "no-root-mount", "current-mac", "system-disk-members", "serial-shared", "nic-admin-down", "hypervisor-mac",
                        "recording-gap", "hypervisor-disk-serial", "windows-value-uncertain"]

    @Test func everyReasonIsUsedSomewhere() {
        let used = Set(Self.findings.values.flatMap { $0 })
        #expect(used == Set(ReasonCode.allCases))
    }

    @Test(arguments: Self.findings.flatMap { category, reasons in reasons.map { "\(category.rawValue).\($0.rawValue)" } } + Self.notes.map { "note.\($0)" } + ["disk.virtio-empty", "dmi.device-tree-absent",
                                 "disk.recording-source-unavailable", "nic.recording-source-unavailable",
                                 "note.root-not-on-disk.no-disk", "note.no-root-mount.no-disk"])
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
