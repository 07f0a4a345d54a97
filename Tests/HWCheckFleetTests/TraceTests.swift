import HWCheckCore
import Testing
@testable import HWCheckFleet

@Suite struct TraceTests {
    /// The seed's unsolved case: three failed activation records, all with an empty disk serial (that is why they
    /// failed), one also without a board serial. Each must trace to its own device by the remaining fields.
    static let seedFleet = [
        // The seed machine: BIOS serial M903G6G4, empty board serial, empty disk serial.
        SyntheticDevice(hostId: "4c4c4544-0033-3910-8030-b2c04f473634", b1: "M903G6G4", b2: nil, b3: nil, b4: "3c:ec:ef:10:20:30"),
        SyntheticDevice(hostId: "4c4c4544-0042-4d10-8058-c3c04f4a3132", b1: "H2KXJ13", b2: nil, b3: "/H2KXJ13/CNFCW0018B00EX/", b4: "d4:81:d7:aa:bb:01"),
        SyntheticDevice(hostId: "8d3c2f00-51c1-11e9-9f44-1062e5c0ffee", b1: "PF1ZQK7B", b2: nil, b3: "L1HF97Y00A1", b4: "e8:6a:64:12:34:56"),
        // Other devices, some sharing a field with the records.
        SyntheticDevice(hostId: "4c4c4544-0033-3910-8030-000000000001", b1: "M903G6G5", b2: "WD-1", b3: "MB-1", b4: "3c:ec:ef:10:20:31"),
        SyntheticDevice(hostId: "8d3c2f00-51c1-11e9-9f44-000000000002", b1: "PF1ZQK7C", b2: "WD-2", b3: "L1HF97Y00A2", b4: "e8:6a:64:12:34:56"),
        SyntheticDevice(hostId: "11111111-2222-3333-4444-555555555555", b1: "OTHER", b2: "WD-3", b3: "MB-3", b4: "00:11:22:33:44:55"),
    ]

    static let serverRecords = """
        RequestId,HostUniqueId,BiosSerial,BoardSerial,DiskSerial,Mac
        r1,4C4C4544-0033-3910-8030-B2C04F473634,M903G6G4,,,3C-EC-EF-10-20-30
        r2,4c4c4544-0042-4d10-8058-c3c04f4a3132,H2KXJ13,/H2KXJ13/CNFCW0018B00EX/,,D4:81:D7:AA:BB:01
        r3,,PF1ZQK7B,L1HF97Y00A1,,e8:6a:64:12:34:56
        r4,,,,,e8:6a:64:12:34:56
        r5,99999999-0000-0000-0000-000000000000,NOPE,,,
        """

    static let mapping = TraceMapping(columns: [.hostId: "HostUniqueId", .biosSerial: "BiosSerial", .boardSerial: "BoardSerial",
                                                .diskSerial: "DiskSerial", .mac: "Mac"], recordIdColumn: "RequestId")

    @Test func seedRecordsTraceToTheirDevices() throws {
        let fleet = try analyse(Self.seedFleet.map { $0.json() }.joined())
        let read = ServerRecord.read(Self.serverRecords, mapping: Self.mapping)
        #expect(read.problems.isEmpty)
        #expect(read.records.count == 5)
        #expect(read.records[0].values[.diskSerial] == nil)  // empty fields are not fields
        let tracer = Tracer(devices: fleet.devices)
        let results = read.records.map(tracer.trace)
        func traced(_ index: Int) -> String? {
            results[index].candidates.first.map { fleet.devices[$0.device].value(.row("B1")) ?? "-" }
        }
        #expect(results[0].outcome == .unique)
        #expect(traced(0) == "M903G6G4")
        #expect(results[0].candidates[0].matched == [.hostId, .biosSerial, .mac])
        #expect(results[1].outcome == .unique)
        #expect(traced(1) == "H2KXJ13")
        #expect(results[1].candidates[0].score == 8 + 8 + 4 + 2)
        #expect(results[2].outcome == .unique)
        #expect(traced(2) == "PF1ZQK7B")
        // The other device with that MAC differs on BIOS and board serial: a negative score, listed, not chosen.
        #expect(results[2].candidates.last?.conflicting == [.biosSerial, .boardSerial])
        #expect(results[3].outcome == .ambiguous)
        #expect(results[3].candidates.count == 2)
        #expect(results[4].outcome == .noMatch)
    }

    @Test func uuidMatchesInEitherByteOrder() {
        var summary = ReportSummary()
        summary.hostId = "4c4c4544-0033-3910-8030-b2c04f473634"
        summary.verdict = .compliant
        let tracer = Tracer(devices: [FleetDevice(summary: summary, origin: ReportOrigin(source: "x", line: 1), modificationTime: nil)])
        let swapped = ServerRecord(line: 2, id: nil, values: [.hostId: "44454c4c-3300-1039-8030-b2c04f473634"])
        #expect(tracer.trace(swapped).outcome == .unique)
    }

    @Test func placeholdersNeverMatch() throws {
        let fleet = try analyse(FleetAnalysisTests.fleet())
        let tracer = Tracer(devices: fleet.devices)
        let record = ServerRecord(line: 2, id: nil, values: [.biosSerial: "To Be Filled By O.E.M."])
        #expect(tracer.trace(record).outcome == .noMatch)
    }

    @Test func mappingsAndJSONLines() throws {
        let mapping = try TraceMapping.parse("hostId=UUID, mac=MacAddress,id=Req", origin: "--map")
        #expect(mapping.columns[.hostId] == "UUID")
        #expect(mapping.columns[.biosSerial] == "biosSerial")
        #expect(mapping.recordIdColumn == "Req")
        #expect(throws: HWCheckError.self) { try TraceMapping.parse("serial=X", origin: "--map") }
        #expect(throws: HWCheckError.self) { try TraceMapping.parse("hostId", origin: "--map") }
        let fromFile = try TraceMapping.parse(json: Array(#"{"biosSerial": "SN"}"#.utf8), origin: "map.json")
        #expect(fromFile.columns[.biosSerial] == "SN")

        let lines = "{\"UUID\": \"u-1\", \"MacAddress\": \"aa:bb:cc:dd:ee:ff\", \"Req\": 17}\nnot json\n"
        let read = ServerRecord.read(lines, mapping: mapping)
        #expect(read.records == [ServerRecord(line: 1, id: "17", values: [.hostId: "u-1", .mac: "aa:bb:cc:dd:ee:ff"])])
        #expect(read.problems.map(\.line) == [2])
        // A line that is one number is JSON, just not a record (it was "not valid JSON: unexpected end of input").
        let number = ServerRecord.read("{\"UUID\": \"u-1\"}\n12\n", mapping: mapping)
        #expect(number.problems.map(\.reason) == ["not a JSON object"])
        #expect(throws: HWCheckError(.badData, "map.json: expected an object of FIELD: COLUMN")) {
            try TraceMapping.parse(json: Array("12".utf8), origin: "map.json")
        }

        let wrongHeader = ServerRecord.read("a,b\n1,2\n", mapping: .standard)
        #expect(wrongHeader.records.isEmpty)
        #expect(wrongHeader.problems.first?.reason.contains("see --map") == true)
    }
}
