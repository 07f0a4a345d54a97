import Testing
@testable import HWCheckCore

/// The serial Windows sends for an NVMe namespace (README "Windows forms").
@Suite struct WindowsFormTests {
    static func field(_ text: String?) -> Field {
        guard let text else { return .absent("sys/block/nvme0n1/x") }
        return Field.classify(text, source: "sys/block/nvme0n1/x", kind: .serial, placeholders: .none)
    }

    static func serial(eui: String?, nguid: String?) -> WindowsSerial {
        WindowsForm.nvmeSerial(eui: field(eui), nguid: field(nguid), placeholders: Spec.builtIn().placeholders)
    }

    /// EUI-64 only, NGUID only, both (NGUID wins), neither (uncertain), as sysfs prints them.
    @Test func namespaceIdentifierCases() {
        #expect(Self.serial(eui: "00 25 38 46 31 40 f1 1c\n", nguid: nil)
            == WindowsSerial(value: "0025_3846_3140_F11C.", rule: "nvme-eui64"))
        #expect(Self.serial(eui: nil, nguid: "00000000-0000-0001-00a0-7519257d4e36\n")
            == WindowsSerial(value: "0000_0000_0000_0001_00A0_7519_257D_4E36.", rule: "nvme-nguid"))
        #expect(Self.serial(eui: "ac e4 2e 00 12 34 56 78", nguid: "ace42e00-1234-5678-ace4-2e0000000002")
            == WindowsSerial(value: "ACE4_2E00_1234_5678_ACE4_2E00_0000_0002.", rule: "nvme-nguid"))
        let neither = Self.serial(eui: nil, nguid: nil)
        #expect(neither.uncertain && neither.rule == "nvme-no-namespace-id")
    }

    /// Older kernels printed `eui` with dashes ("%8phd"); text that is not 8 bytes of hex gives no form.
    @Test func olderAndMalformedAttributes() {
        #expect(Self.serial(eui: "00-25-38-46-31-40-f1-1c", nguid: nil).value == "0025_3846_3140_F11C.")
        #expect(Self.serial(eui: "00 25 38", nguid: nil).uncertain)
        #expect(Self.serial(eui: "zz 25 38 46 31 40 f1 1c", nguid: nil).uncertain)
        #expect(Self.serial(eui: "", nguid: nil).uncertain)
    }

    /// An unprogrammed identifier is junk in its Windows form.
    @Test func placeholderForms() {
        #expect(Self.serial(eui: "ff ff ff ff ff ff ff ff", nguid: nil).placeholder == "rule: repeated-character")
        #expect(Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil).placeholder == nil)
    }

    /// Case, separators and the trailing "." do not matter when serials are compared.
    @Test func serialKeys() {
        let key = WindowsForm.serialKey("0025_3846_3140_F11C.")
        #expect(key == "002538463140F11C")
        for form in ["0025_3846_3140_f11c.", " 0025-3846-3140-F11C ", "002538463140f11c", "0025 3846 3140 F11C."] {
            #expect(WindowsForm.serialKey(form) == key, "\(form)")
        }
        #expect(WindowsForm.serialKey("S4EVNX0M612345K") == "S4EVNX0M612345K")
    }

    /// The B2 row fails on a junk Windows form even though Linux sees a serial; an uncertain form only adds a note.
    @Test func evaluationFollowsTheWindowsForm() throws {
        var disk = DiskInfo(name: "nvme0n1", devicePath: "sys/block/nvme0n1", transport: "nvme",
                            model: Self.field("SSD"), serial: Self.field("AA230912345678"), sizeBytes: nil,
                            removableMedia: false, removableVia: nil, udevInitialized: true, hotPlug: .notApplicable, aliases: [],
                            namespaceIDs: NVMeNamespaceIDs(eui64: Self.field("ff ff ff ff ff ff ff ff"), nguid: Self.field(nil)),
                            windowsSerial: Self.serial(eui: "ff ff ff ff ff ff ff ff", nguid: nil))
        let row = try #require(Spec.builtIn().rows.first { $0.id == "B2" })
        let failing = Evaluator().evaluateDisk(row, disk: disk)
        #expect(failing.status == .fail && failing.reasons == [.windowsPlaceholder])
        #expect(failing.facts["windowsValue"] == "FFFF_FFFF_FFFF_FFFF.")

        disk.windowsSerial = Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil)
        #expect(Evaluator().evaluateDisk(row, disk: disk).status == .pass)

        disk.windowsSerial = Self.serial(eui: nil, nguid: nil)
        let uncertain = Evaluator().evaluateDisk(row, disk: disk)
        #expect(uncertain.status == .pass && uncertain.windowsSerial?.uncertain == true)
    }

    /// Redaction keeps the identifiers' shape and derives the Windows form from the tokens again.
    @Test func redactionRewritesNamespaceIdentifiers() {
        let redactor = Redactor(salt: "pepper")
        let token = redactor.hexToken("00 25 38 46 31 40 f1 1c")
        #expect(token.count == 23 && token.split(separator: " ").count == 8 && token != "00 25 38 46 31 40 f1 1c")
        #expect(redactor.hexToken("00 25 38 46 31 40 f1 1c") == token)
        let uuid = redactor.hexToken("00000000-0000-0001-00a0-7519257d4e36")
        #expect(uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])

        let disk = DiskInfo(name: "nvme0n1", devicePath: "sys/block/nvme0n1", transport: "nvme",
                            model: Self.field("SSD"), serial: Self.field("S4EVNX0M612345K"), sizeBytes: nil,
                            removableMedia: false, removableVia: nil, udevInitialized: true, hotPlug: .notApplicable, aliases: [],
                            namespaceIDs: NVMeNamespaceIDs(eui64: Self.field("00 25 38 46 31 40 f1 1c"), nguid: Self.field(nil)),
                            windowsSerial: Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil))
        let inventory = Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [disk],
                                  systemDisk: SystemDiskChoice(method: .rootMount, disk: "nvme0n1", rootDisks: ["nvme0n1"]),
                                  nics: [], udevDatabase: true)
        let redacted = redactor.redact(inventory).disks[0]
        #expect(redacted.namespaceIDs?.eui64.value == token)
        let expected = WindowsForm.grouped(String(token.filter(\.isHexDigit)).uppercased())
        #expect(redacted.windowsSerial?.value == expected)
        #expect(redacted.windowsSerial?.value != "0025_3846_3140_F11C.")
        let substitutions = Dictionary(uniqueKeysWithValues: redactor.substitutions(for: inventory).map { ($0.from, $0.to) })
        #expect(substitutions["00 25 38 46 31 40 f1 1c"] == token)
        #expect(substitutions["002538463140f11c"] == String(token.filter(\.isHexDigit)))
    }
}
