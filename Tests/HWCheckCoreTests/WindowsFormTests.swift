import Testing
@testable import HWCheckCore

/// The serial Windows sends for an NVMe namespace (README "Windows forms").
@Suite struct WindowsFormTests {
    static func field(_ text: String?) -> Field {
        guard let text else { return .absent("sys/block/nvme0n1/x") }
        return Field.classify(text, source: "sys/block/nvme0n1/x", kind: .serial, placeholders: .none)
    }

    /// The `wwid` a kernel since 4.6 writes for these ids (drivers/nvme/host/sysfs.c wwid_show): NGUID, else EUI-64,
    /// else "nvme." with the controller's vendor, serial and model in hex and the namespace id.
    static func kernelWWID(eui: String?, nguid: String?) -> String {
        let bare = { (text: String) in String(text.lowercased().filter(\.isHexDigit)) }
        if let nguid { return "eui." + bare(nguid) }
        if let eui { return "eui." + bare(eui) }
        return "nvme.144d-4141323330393132333435363738-4e564d6520535344-00000001"
    }

    static func ids(eui: String?, nguid: String?, wwid: String?? = .none) -> NVMeNamespaceIDs {
        NVMeNamespaceIDs(eui64: field(eui), nguid: field(nguid), wwid: field(wwid ?? kernelWWID(eui: eui, nguid: nguid)))
    }

    /// The Windows serial from `eui` and `nguid`, with the `wwid` the kernel writes for them unless one is given
    /// (`wwid: .some(nil)`: not recorded).
    static func serial(eui: String?, nguid: String?, wwid: String?? = .none) -> WindowsSerial {
        WindowsForm.nvmeSerial(ids(eui: eui, nguid: nguid, wwid: wwid), placeholders: Spec.builtIn().placeholders)
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
        let noIDs = Self.kernelWWID(eui: nil, nguid: nil)
        #expect(Self.serial(eui: "00 25 38", nguid: nil, wwid: noIDs).uncertain)
        #expect(Self.serial(eui: "zz 25 38 46 31 40 f1 1c", nguid: nil, wwid: noIDs).uncertain)
        #expect(Self.serial(eui: "", nguid: nil, wwid: noIDs).uncertain)
    }

    /// `wwid` tells a zero identifier from one the recording lacks (review item 4): kernels 4.6 to 4.12 have no
    /// `nguid` file but name the NGUID in `wwid` (it wins over the EUI-64); without `wwid` nothing is concluded from
    /// missing files; "nvme." (no ids, or ids the kernel ignored as bogus) and "uuid." without `nguid` leave the
    /// EUI-64 or nothing.
    @Test func wwidDecidesWhatTheKernelSaw() {
        let oldKernel = Self.serial(eui: "ac-e4-2e-00-12-34-56-78", nguid: nil, wwid: "eui.ace42e0012345678ace42e0000000002")
        #expect(oldKernel == WindowsSerial(value: "ACE4_2E00_1234_5678_ACE4_2E00_0000_0002.", rule: "nvme-nguid"))
        #expect(Self.serial(eui: nil, nguid: nil, wwid: "eui.002538463140f11c")
            == WindowsSerial(value: "0025_3846_3140_F11C.", rule: "nvme-eui64"))

        let gap = Self.serial(eui: nil, nguid: nil, wwid: .some(nil))
        #expect(gap.uncertain && gap.notRecorded && gap.rule == "nvme-ids-not-recorded")
        let euiOnly = Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil, wwid: .some(nil))
        #expect(euiOnly.notRecorded, "an NGUID the recording lacks would win over this EUI-64")
        #expect(Self.serial(eui: nil, nguid: "00000000-0000-0001-00a0-7519257d4e36", wwid: .some(nil)).value
            == "0000_0000_0000_0001_00A0_7519_257D_4E36.")
        #expect(Self.serial(eui: nil, nguid: nil, wwid: "garbage").notRecorded)

        let bogus = Self.serial(eui: nil, nguid: nil)
        #expect(bogus.uncertain && !bogus.notRecorded && bogus.rule == "nvme-no-namespace-id")
        let uuidOnly = Self.serial(eui: nil, nguid: nil, wwid: "uuid.1b4e28ba-2fa1-11d2-883f-0016d3cca427")
        #expect(uuidOnly.rule == "nvme-no-namespace-id")
        #expect(Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil, wwid: "uuid.1b4e28ba-2fa1-11d2-883f-0016d3cca427").value
            == "0025_3846_3140_F11C.")
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
                            namespaceIDs: Self.ids(eui: "ff ff ff ff ff ff ff ff", nguid: nil),
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

        // A junk Windows form fails even when Linux sees no serial at all.
        disk.serial = Self.field("")
        disk.windowsSerial = Self.serial(eui: "ff ff ff ff ff ff ff ff", nguid: nil)
        #expect(Evaluator().evaluateDisk(row, disk: disk).reasons == [.windowsPlaceholder])
    }

    /// Review item 2: B2 is judged on the Windows form where it is known, so a junk controller serial does not fail
    /// the row when Windows sends a good EUI-64; its own reasons stay beside (`linuxReasons`) and a note names it.
    @Test func aKnownWindowsFormDecidesTheRow() throws {
        let row = try #require(Spec.builtIn().rows.first { $0.id == "B2" })
        let placeholders = Spec.builtIn().placeholders
        var disk = DiskInfo(name: "nvme0n1", devicePath: "sys/block/nvme0n1", transport: "nvme",
                            model: Self.field("SSD"),
                            serial: Field.classify("0000000000000000", source: "sys/block/nvme0n1/device/serial", kind: .serial, placeholders: placeholders),
                            sizeBytes: nil, removableMedia: false, removableVia: nil, udevInitialized: true, hotPlug: .notApplicable,
                            aliases: [], namespaceIDs: Self.ids(eui: "00 25 38 46 31 40 f1 1c", nguid: nil),
                            windowsSerial: Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil))
        #expect(disk.serial.state == .placeholder)
        let judged = Evaluator().evaluateDisk(row, disk: disk)
        #expect(judged.status == .pass && judged.reasons.isEmpty)
        #expect(judged.linuxReasons == [.placeholder])
        let inventory = Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [disk],
                                  systemDisk: SystemDiskChoice(method: .rootMount, disk: "nvme0n1", rootDisks: ["nvme0n1"]),
                                  nics: [], udevDatabase: true)
        let notes = Report.notes(inventory: inventory, results: [judged])
        let note = try #require(notes.first { $0.code == .nvmeControllerSerial })
        #expect(note.facts["serial"] == "0000000000000000" && note.facts["windowsValue"] == "0025_3846_3140_F11C.")

        // Both junk: the row fails on the Windows form; the note (which would point at that form) is not given.
        var bothJunk = disk
        bothJunk.windowsSerial = Self.serial(eui: "ff ff ff ff ff ff ff ff", nguid: nil)
        let failing = Evaluator().evaluateDisk(row, disk: bothJunk)
        #expect(failing.reasons == [.windowsPlaceholder] && failing.linuxReasons == [.placeholder])
        #expect(!Report.notes(inventory: inventory, results: [failing]).contains { $0.code == .nvmeControllerSerial })

        // Without a known Windows form the controller serial decides, as before.
        disk.windowsSerial = Self.serial(eui: nil, nguid: nil)
        let uncertain = Evaluator().evaluateDisk(row, disk: disk)
        #expect(uncertain.status == .fail && uncertain.reasons == [.placeholder] && uncertain.linuxReasons == nil)

        // Identifiers not recorded: the row is unknown, and the recording-gap note names the missing wwid.
        disk.serial = Self.field("S4EVNX0M612345K")
        disk.windowsSerial = Self.serial(eui: "00 25 38 46 31 40 f1 1c", nguid: nil, wwid: .some(nil))
        let gap = Evaluator().evaluateDisk(row, disk: disk)
        #expect(gap.status == .unknown && gap.reasons == [.windowsNotRecorded])
        var gapInventory = inventory
        gapInventory.disks = [disk]
        #expect(Report.recordingGaps(gapInventory) == ["sys/class/block/nvme0n1/wwid"])
        #expect(!Report.notes(inventory: gapInventory, results: [gap]).contains { $0.code == .windowsValueUncertain })
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
                            namespaceIDs: Self.ids(eui: "00 25 38 46 31 40 f1 1c", nguid: nil),
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
        // `wwid` gets the same digits as `eui`, so the Windows form derived from either stays one.
        #expect(redacted.namespaceIDs?.wwid.value == "eui." + String(token.filter(\.isHexDigit)))
        #expect(substitutions["eui.002538463140f11c"] == "eui." + String(token.filter(\.isHexDigit)))
    }

    /// A "nvme." wwid holds the controller serial in hex: a redacted bundle must not carry it.
    @Test func redactionHidesTheSerialInAnNVMeWWID() {
        let redactor = Redactor(salt: "pepper")
        let wwid = "nvme.144d-4141323330393132333435363738-4e564d6520535344-00000001"
        let ids = Self.ids(eui: nil, nguid: nil, wwid: wwid)
        let redacted = redactor.redact(ids).wwid.value ?? ""
        #expect(redacted.hasPrefix("nvme.") && redacted != wwid)
        #expect(redacted.split(separator: "-").map(\.count) == wwid.split(separator: "-").map(\.count))
        #expect(WindowsForm.nvmeSerial(redactor.redact(ids), placeholders: .none).rule == "nvme-no-namespace-id")
        // An NGUID known only from wwid (kernels 4.6 to 4.12) redacts as the `nguid` file would on a newer kernel.
        let old = redactor.redact(Self.ids(eui: nil, nguid: nil, wwid: "eui.000000000000000100a07519257d4e36"))
        let new = redactor.redact(Self.ids(eui: nil, nguid: "00000000-0000-0001-00a0-7519257d4e36"))
        #expect(WindowsForm.nvmeSerial(old, placeholders: .none).value == WindowsForm.nvmeSerial(new, placeholders: .none).value)
    }
}
