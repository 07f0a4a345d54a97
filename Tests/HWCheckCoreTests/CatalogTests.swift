import Foundation
import Testing
@testable import HWCheckCore

/// Every finding hwcheck can produce has a message and a remedy in every language it ships.
@Suite struct CatalogTests {
    static let findings: [RowCategory: [ReasonCode]] = [
        .dmi: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable],
        .disk: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .removable, .hotPlug, .hotPlugSlot, .hotPlugUnknown, .noDisk, .windowsPlaceholder,
                .hiddenDisks, .windowsNotRecorded],
        .nic: [.empty, .absent, .placeholder, .unreadable, .sourceUnavailable, .noEligibleNIC, .nicRemovable, .nicHotPlugSlot,
               .nicDisabled, .hotPlugUnknown],
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

    @Test(arguments: Self.findings.flatMap { category, reasons in reasons.map { "\(category.rawValue).\($0.rawValue)" } } + Self.notes.map { "note.\($0)" } + ["disk.virtio-empty", "dmi.device-tree-absent",
                                 "disk.recording-source-unavailable", "nic.recording-source-unavailable",
                                 "note.root-not-on-disk.no-disk", "note.no-root-mount.no-disk", "note.root-on-removable-disk.no-disk",
                                 "disk.not-recorded-source-unavailable", "disk.rst-remapped-nvme-hidden-disks",
                                 "disk.vmd-without-driver-hidden-disks", "disk.controller-without-driver-hidden-disks",
                                 "disk.hot-plug.no-port",
                                 "note.nvme-controller-serial.empty",
                                 "disk.unreadable.root-mount", "disk.hot-plug.members",
                                 "disk.rst-remapped-nvme-beside-hidden-disks", "disk.vmd-without-driver-beside-hidden-disks",
                                 "disk.controller-without-driver-beside-hidden-disks",
                                 "note.root-mount-unreadable.no-disk", "note.root-mount-unreadable.hidden-disks",
                                 "note.root-on-removable-disk.hidden-disks", "note.root-not-on-disk.hidden-disks",
                                 "note.no-root-mount.hidden-disks", "note.hidden-disks-present.rst-remapped-nvme",
                                 "note.hidden-disks-present.vmd-without-driver"])
    func bothLanguages(key: String) throws {
        let entry = try #require(Catalog.entry(key), "no catalog entry for \(key)")
        for language in Language.allCases {
            #expect(!entry.message.text(language).isEmpty, "\(key) message in \(language)")
            #expect(!entry.remedy.text(language).isEmpty, "\(key) remedy in \(language)")
        }
        // Chinese text is Chinese: at least one CJK character.
        #expect(entry.message.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) })
    }

    /// Detail texts (why a field is empty, unreadable, a placeholder…) are Chinese in Chinese: every entry has
    /// both languages, the Chinese one with Chinese in it, and no path relative to the root.
    @Test(arguments: DetailText.examples)
    func everyDetailInBothLanguages(detail: DetailText) {
        #expect(!detail.en.isEmpty)
        #expect(detail.zh != detail.en, "\(detail.en): no Chinese text")
        #expect(detail.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(detail.en): \(detail.zh)")
        for text in [detail.en, detail.zh] {
            #expect(!text.contains(" sys/") && !text.contains(" run/") && !text.contains(" proc/"), "relative path in \(text)")
        }
    }

    /// A Chinese report of a machine without DMI says so in Chinese, paths from "/".
    @Test func chineseMessagesCarryChineseDetailsOnAnEmptyRoot() throws {
        // An empty root: no /sys/class/dmi/id at all.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-empty-root-\(getpid())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let inventory = try collectInventory(Machine.recorded(SystemRoot(path: root.path)), spec: Spec.builtIn())
        let report = Report(spec: Spec.builtIn(), inventory: inventory)
        let b1 = report.results[0]
        let zh = report.findings(b1, language: .zh).map(\.message).joined()
        #expect(zh.contains("没有 DMI/SMBIOS 表：/sys/class/dmi/id 不存在"), "\(zh)")
        #expect(!zh.contains("no DMI/SMBIOS table"))
        let en = report.findings(b1, language: .en).map(\.message).joined()
        #expect(en.contains("no DMI/SMBIOS table: /sys/class/dmi/id does not exist"), "\(en)")
    }

    /// Every cause of an unknown hot-plug state has its own step for each kind of port, in both languages, and no
    /// hot-plug-unknown remedy asks for root when root would not help.
    @Test(arguments: [HotPlugUnknownCause.notRoot, .lockdown, .notRecorded, .unreadable, .portNotNamed, .invalidValue])
    func hotPlugUnknownRemedyNamesItsCause(cause: HotPlugUnknownCause) {
        for via in ["ahci-port", "pcie-slot"] {
            for language in Language.allCases {
                let facts = Catalog.hotPlugFacts(cause: cause.rawValue, via: via, language: language)
                #expect(facts["hotPlugCauseStep"]?.isEmpty == false)
                #expect(facts["hotPlugCheck"]?.isEmpty == false)
            }
            let english = Catalog.hotPlugFacts(cause: cause.rawValue, via: via, language: .en)
            #expect(english["hotPlugCauseStep"]?.contains("as root (sudo hwcheck)") == (cause == .notRoot))
            #expect(english["hotPlugCheck"]?.contains(via == "ahci-port" ? "SATA port {port}" : "PCIe hot-plug") == true)
        }
        #expect(Catalog.hotPlugFacts(cause: "lockdown", via: "ahci-port", language: .en)["hotPlugCauseStep"]?.contains("locked down") == true)
        #expect(Catalog.hotPlugFacts(cause: "not-recorded", via: "pcie-slot", language: .en)["hotPlugCauseStep"]?.contains("recording") == true)
    }

    /// A SATA port without a number is named by libata's names and why its number is missing, never "{port}".
    @Test func portlessSATAWording() {
        for language in Language.allCases {
            let check = Catalog.hotPlugFacts(cause: "not-recorded", via: "ahci-port", portKnown: false, language: language)["hotPlugCheck"] ?? ""
            #expect(check.contains("{sataPortName}") && check.contains("{portUnknownWhy}"))
            #expect(!check.contains("{port}") && !check.contains("{portFromOne}"))
            let entry = Catalog.entry("disk.hot-plug.no-port")
            for text in [entry?.message.text(language), entry?.remedy.text(language)] {
                #expect(text?.contains("{port}") == false && text?.contains("{portFromOne}") == false)
            }
        }
        let withATA = Catalog.sataPortUnnamed(ata: "ata3", scsiHost: "host2", language: .en)
        #expect(withATA["sataPortName"] == "ata3, SCSI host2")
        #expect(withATA["portUnknownWhy"]?.contains("ata3/ata_port/ata3/port_no") == true)
        let oldKernel = Catalog.sataPortUnnamed(ata: nil, scsiHost: "host0", language: .zh)
        #expect(oldKernel["sataPortName"] == "SCSI host0")
        #expect(oldKernel["portUnknownWhy"]?.contains("ataN") == true)
    }

    /// An eSATA port (ESP with SXS, no HPCP) is called external, not hot-plug capable.
    @Test func hotPlugKindFollowsTheBits() {
        #expect(Catalog.hotPlugKind(detail: "PxCMD.HPCP", language: .en) == "hot-plug capable")
        #expect(Catalog.hotPlugKind(detail: "PxCMD.HPCP, PxCMD.ESP with CAP.SXS", language: .en) == "hot-plug capable")
        #expect(Catalog.hotPlugKind(detail: "PxCMD.ESP with CAP.SXS", language: .en) == "an external (eSATA) port")
        #expect(Catalog.hotPlugKind(detail: "PxCMD.ESP with CAP.SXS", language: .zh) == "是外置（eSATA）端口")
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
