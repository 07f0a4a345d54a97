import HWCheckCore
import Testing
@testable import HWCheckFleet

/// Server records carry what Windows sent; reports carry what Linux read (and the Windows form beside it).
@Suite struct WindowsFormTraceTests {
    static let fleet = [
        // NVMe with an EUI-64: Windows sends the EUI form, Linux shows the controller serial.
        SyntheticDevice(hostId: "4c4c4544-004d-3510-8052-b4c04f574e32", b1: "MXL4071ABC", b2: "S4EVNX0M612345K", b3: "PXXTR0A8J1B2C3",
                        b4: "3c:18:a0:5e:71:c2", windowsB2: "0025_3846_3140_F11C."),
        // NVMe with an NGUID.
        SyntheticDevice(hostId: "6b1c7a3e-2f44-11ef-9a1b-3cecef102030", b1: "PC1ABCDE", b2: "22163B8E4F21", b3: "L1HF01X00AB",
                        b4: "3c:ec:ef:10:20:30", windowsB2: "0000_0000_0000_0001_00A0_7519_257D_4E36."),
        // SATA: one form.
        SyntheticDevice(hostId: "9d2e6f10-5a3b-11ee-8c99-0242ac120002", b1: "4CE312XYZ9", b2: "WD-WMC1T2351095", b3: "PGWRT0C8J3K4L5",
                        b4: "3c:18:a0:5e:71:d4"),
        // Another NVMe of the same model line, to make sure near values do not match.
        SyntheticDevice(hostId: "11111111-2222-3333-4444-555555555555", b1: "OTHER", b2: "S4EVNX0M612346K", b3: "MB-1",
                        b4: "00:11:22:33:44:55", windowsB2: "0025_3846_3140_F11D."),
    ]

    /// Each record, written the way Windows prints its fields, finds its device alone.
    @Test func windowsFormsTraceUniquely() throws {
        let result = try analyse(Self.fleet.map { $0.json() }.joined())
        let tracer = Tracer(devices: result.devices)
        let records = """
            id,hostId,biosSerial,boardSerial,diskSerial,mac
            eui,,,,0025_3846_3140_F11C.,
            nguid,,,,0000_0000_0000_0001_00a0_7519_257d_4e36,
            wmic,9D2E6F10-5A3B-11EE-8C99-0242AC120002,,,,3C-18-A0-5E-71-D4
            linux,,,,S4EVNX0M612345K,
            mac,,,,,3C:EC:EF:10:20:30
            """
        let read = ServerRecord.read(records, mapping: .standard)
        #expect(read.problems.isEmpty && read.records.count == 5)
        let expected = ["eui": "MXL4071ABC", "nguid": "PC1ABCDE", "wmic": "4CE312XYZ9", "linux": "MXL4071ABC", "mac": "PC1ABCDE"]
        for record in read.records {
            let traced = tracer.trace(record)
            #expect(traced.outcome == .unique, "\(record.id ?? "?")")
            let best = try #require(traced.candidates.first)
            #expect(result.devices[best.device].value(.row("B1")) == expected[record.id ?? ""], "\(record.id ?? "?")")
            #expect(best.conflicting.isEmpty)
        }
    }

    /// A value that is only separators matches nothing, even a device whose serial is only separators.
    @Test func separatorsAloneNeverMatch() throws {
        let result = try analyse(SyntheticDevice(hostId: nil, b1: "X2", b2: "--", b3: nil, b4: nil).json())
        let tracer = Tracer(devices: result.devices)
        #expect(tracer.trace(ServerRecord(line: 2, id: nil, values: [.diskSerial: "_."])).outcome == .noMatch)
    }

    /// A Windows form that is junk identifies nothing.
    @Test func junkWindowsFormsNeverMatch() throws {
        let device = SyntheticDevice(hostId: nil, b1: "X1", b2: "AA230912345678", b3: nil, b4: nil,
                                     windowsB2: "FFFF_FFFF_FFFF_FFFF.", windowsB2IsPlaceholder: true)
        let result = try analyse(device.json())
        let tracer = Tracer(devices: result.devices)
        #expect(tracer.trace(ServerRecord(line: 2, id: nil, values: [.diskSerial: "FFFF_FFFF_FFFF_FFFF."])).outcome == .noMatch)
        #expect(tracer.trace(ServerRecord(line: 3, id: nil, values: [.diskSerial: "AA230912345678"])).outcome == .unique)
        #expect(result.placeholders.map(\.value) == ["FFFF_FFFF_FFFF_FFFF."])
    }

    /// Two disks Windows reports identically are duplicates, though Linux shows two serials; the server receives
    /// the Windows form, so a pair sharing its Linux serial too is listed once, under that form (review item 2).
    @Test func duplicatesSeeTheWindowsForm() throws {
        let devices = [
            SyntheticDevice(hostId: "uuid-1", b1: "S1", b2: "CTRL-1", b3: "M1", b4: "aa:00:00:00:00:01", windowsB2: "ACE4_2E61_9000_7804."),
            SyntheticDevice(hostId: "uuid-2", b1: "S2", b2: "CTRL-2", b3: "M2", b4: "aa:00:00:00:00:02", windowsB2: "ace4-2e61-9000-7804"),
            SyntheticDevice(hostId: "uuid-3", b1: "S3", b2: "SAME", b3: "M3", b4: "aa:00:00:00:00:03", windowsB2: "0025_3846_3140_F11C."),
            SyntheticDevice(hostId: "uuid-4", b1: "S4", b2: "SAME", b3: "M4", b4: "aa:00:00:00:00:04", windowsB2: "0025_3846_3140_F11C."),
        ]
        let result = try analyse(devices.map { $0.json() }.joined())
        let groups = result.duplicates.map { group in
            "\(group.field.name)=\(group.value): " + group.devices.map { result.devices[$0].value(.row("B1")) ?? "-" }.joined(separator: ",")
        }
        #expect(groups == ["B2=0025_3846_3140_F11C.: S3,S4", "B2=ACE4_2E61_9000_7804.: S1,S2"])
    }

    /// Review item 2: disks whose controller serials are one junk value but whose Windows forms differ are
    /// neither duplicates nor placeholders of B2 (the server receives the Windows forms); the junk serial still
    /// identifies nothing when tracing, and a SATA disk with the same junk is still listed.
    @Test func junkControllerSerialsBehindGoodWindowsForms() throws {
        let devices = [
            SyntheticDevice(hostId: "uuid-1", b1: "S1", b2: "0000000000000000", b3: "M1", b4: "aa:00:00:00:00:01",
                            placeholders: ["B2"], windowsB2: "0025_3846_3140_F11C.", judgedOnWindowsForm: true),
            SyntheticDevice(hostId: "uuid-2", b1: "S2", b2: "0000000000000000", b3: "M2", b4: "aa:00:00:00:00:02",
                            placeholders: ["B2"], windowsB2: "0025_3846_3140_F11D.", judgedOnWindowsForm: true),
            // A report of an older hwcheck: the junk serial's "placeholder" in `reasons`.
            SyntheticDevice(hostId: "uuid-3", b1: "S3", b2: "0000000000000000", b3: "M3", b4: "aa:00:00:00:00:03",
                            placeholders: ["B2"], windowsB2: "0025_3846_3140_F11E."),
            SyntheticDevice(hostId: "uuid-4", b1: "S4", b2: "0000000000000000", b3: "M4", b4: "aa:00:00:00:00:04", placeholders: ["B2"]),
        ]
        let result = try analyse(devices.map { $0.json() }.joined())
        #expect(result.duplicates.isEmpty)
        #expect(result.placeholders.map { "\($0.field.name)=\($0.value): \($0.devices)" } == ["B2=0000000000000000: [3]"])
        #expect(result.devices.map { $0.reportedPlaceholders.contains(.row("B2")) } == [false, false, false, true])
        #expect(result.devices[0].isPlaceholder(.row("B2")), "the junk serial is not an identity")
        let tracer = Tracer(devices: result.devices)
        #expect(tracer.trace(ServerRecord(line: 2, id: nil, values: [.diskSerial: "0000000000000000"])).outcome == .noMatch)
        #expect(tracer.trace(ServerRecord(line: 3, id: nil, values: [.diskSerial: "0025_3846_3140_F11D."])).outcome == .unique)
    }

    /// The report reader keeps the B2 check's windowsValue, and only that row's.
    @Test func summaryReadsWindowsValue() throws {
        let result = try analyse(Self.fleet[0].json() + Self.fleet[2].json())
        #expect(result.devices.map(\.windowsDiskSerial) == ["0025_3846_3140_F11C.", nil])
    }
}
