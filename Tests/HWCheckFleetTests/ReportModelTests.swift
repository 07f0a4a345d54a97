import GRDB
import HWCheckCore
@testable import HWCheckInventory
import Testing
@testable import HWCheckBundle
@testable import HWCheckFleet

/// A compact report of any spec: rows with their ids, `binds` (omitted when nil, as older hwcheck wrote them),
/// values, statuses and reasons.
struct SpecReport {
    struct Row {
        var id: String
        var binds: String?
        var value: String?
        var status = "pass"
        var reasons: [String] = []
    }

    var hostId: String?
    var rows: [Row]
    var collectedAt: String?

    func json() -> String {
        let failing = rows.contains { $0.status == "fail" }
        var binding: [String: JSONValue] = [:]
        for row in rows { binding[row.id] = .optional(row.value) }
        var report: [String: JSONValue] = [
            "schemaVersion": .int(1),
            "tool": .object(["name": .string("hwcheck"), "version": .string("0.1.0")]),
            "spec": .object(["name": .string("Custom"), "version": .string("1")]),
            "verdict": .string(failing ? "non-compliant" : "compliant"),
            "binding": .object(binding),
            "hostId": .optional(hostId),
            "checks": .array(rows.map { row in
                var members: [String: JSONValue] = [
                    "id": .string(row.id), "status": .string(row.status), "reasons": .array(row.reasons.map(JSONValue.string)),
                    "value": .optional(row.value), "message": .string("m"), "remedy": .null, "findings": .array([]),
                ]
                if let binds = row.binds { members["binds"] = .string(binds) }
                return .object(members)
            }),
            "notes": .array([]),
        ]
        if let collectedAt { report["collectedAt"] = .string(collectedAt) }
        return JSONValue.object(report).serializedCompact()
    }

    /// Rows SN, DISK, MAC, CHASSIS bound to dmi.product_serial, disk.system.serial, nic.primary.mac,
    /// dmi.chassis_serial.
    static func custom(hostId: String?, serial: String?, disk: String?, mac: String?, chassis: String?,
                       failing: [String: [String]] = [:], collectedAt: String? = nil) -> SpecReport {
        let rows = [("SN", "dmi.product_serial", serial), ("DISK", "disk.system.serial", disk),
                    ("MAC", "nic.primary.mac", mac), ("CHASSIS", "dmi.chassis_serial", chassis)].map { id, binds, value in
            Row(id: id, binds: binds, value: value, status: failing[id] == nil ? "pass" : "fail", reasons: failing[id] ?? [])
        }
        return SpecReport(hostId: hostId, rows: rows, collectedAt: collectedAt)
    }
}

/// The summaries the real stream reads from `text`.
func summaries(_ text: String) throws -> [ReportSummary] {
    let path = try temporaryFile(text)
    defer { removeTemporary(path) }
    var read: [ReportSummary] = []
    ReportStream().read([path], onProblem: { Issue.record("\($0)") }) { (document: ReportDocument) throws(Never) in read.append(document.summary) }
    return read
}

@Suite struct ReportModelTests {
    static let repository = String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")

    /// A status and a reason code this version does not know (a newer hwcheck) are kept as written: counted and
    /// printed by fleet, stored by the inventory, never dropped or turned into a known code.
    @Test func unknownCodesRoundTrip() throws {
        let report = SpecReport(hostId: "u1", rows: [
            .init(id: "B1", binds: "dmi.product_serial", value: "S1", status: "fail", reasons: ["empty", "tpm-missing"]),
            .init(id: "B2", binds: "disk.system.serial", value: "D1", status: "deferred", reasons: []),
        ])
        let result = try analyse(report.json())
        let rows = try #require(result.devices.first?.failingRows)
        #expect(rows.map(\.id) == ["B1"])
        #expect(rows[0].reasons == [.known(.empty), .unrecognised("tpm-missing")])
        #expect(try summaries(report.json()).first?[id: "B2"]?.status == .unrecognised("deferred"))
        #expect(result.rowFailures["B1"]?.reasons == [.known(.empty): 1, .unrecognised("tpm-missing"): 1])
        #expect(FleetOutput.text(result).contains("  B1: 1 device (empty 1, tpm-missing 1)\n"))
        guard case .object(let json) = FleetOutput.json(result), case .array(let failing) = json["failingRows"] else {
            Issue.record("no failingRows"); return
        }
        #expect(failing == [.object(["row": .string("B1"), "devices": .int(1),
                                     "reasons": .object(["empty": .int(1), "tpm-missing": .int(1)])])])

        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-model-test"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/r.jsonl"
        #expect(FileIO.writeAtomically(Array(report.json().utf8), to: reports) == nil)
        let database = try FleetDatabase(path: directory + "/fleet.db")
        _ = try database.importReports([reports], importedAt: "2026-03-07T00:00:00Z") { Issue.record("\($0)") }
        let stored = try database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT field, status, reasons FROM bindings ORDER BY field").map { "\($0[0] as String):\($0[1] as String? ?? "-"):\($0[2] as String)" }
        }
        #expect(stored == ["B1:fail:empty,tpm-missing", "B2:deferred:", "hostId:-:"])
        let key = try database.queue.read { db in try String.fetchOne(db, sql: "SELECT device_key FROM devices") }
        #expect(key == "hostId+B1+B3=u1\u{1F}S1\u{1F}")
    }

    /// A report without `binds` (an older hwcheck) is read with the built-in spec's mapping of its ids: the same
    /// rows, sources and device as the report with the field.
    @Test func reportWithoutBindsUsesTheBuiltInMapping() throws {
        let path = "/\(Self.repository)/fixtures/seed-m903g6g4/expected/report.json"
        let text = String(decoding: try InputFile.read(path, given: path, limit: 1 << 24), as: UTF8.self)
        #expect(text.contains("\"binds\": \"dmi.product_serial\""), "the recorded report carries binds")
        let older = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"binds\":") }
            .joined(separator: "\n")
        #expect(!older.contains("binds"))
        let withField = try analyse(text), withoutField = try analyse(older)
        let new = try #require(withField.devices.first), old = try #require(withoutField.devices.first)
        #expect(old.rows.map(\.source) == [.productSerial, .systemDiskSerial, .boardSerial, .primaryNICAddress])
        #expect(old.rows == new.rows)
        #expect(try summaries(older).first?.rows == summaries(text).first?.rows)
        #expect(old.deviceKey?.text == new.deviceKey?.text)
        #expect(new.deviceKey?.text == "hostId+B1+B3=4c4c4544-0033-3910-8030-b2c04f473634\u{1F}M903G6G4\u{1F}")
        // Ids the built-in spec does not have, without binds, mean nothing: shown, but recognise no device.
        let unknown = SpecReport(hostId: nil, rows: [.init(id: "SN", binds: nil, value: "S1")])
        let device = try #require(try analyse(unknown.json()).devices.first)
        #expect(device.rows.first?.source == nil)
        #expect(device.deviceKey == nil)
    }

    /// Custom rows: failures, duplicates and placeholders by the custom ids; devices recognised through the rows'
    /// sources (the stored key names them as the built-in spec does); the chassis row recognises nothing.
    @Test func customSpecRowsFollowTheirSources() throws {
        let fleet = [
            SpecReport.custom(hostId: "uuid-1", serial: "S1", disk: "D1", mac: "aa:00:00:00:00:01", chassis: "CH-SHARED"),
            SpecReport.custom(hostId: "uuid-2", serial: "S2", disk: "D-CLONE", mac: "aa:00:00:00:00:02", chassis: "CH-SHARED"),
            SpecReport.custom(hostId: "uuid-3", serial: "S3", disk: "D-CLONE", mac: nil, chassis: "CH3", failing: ["MAC": ["no-eligible-nic"]]),
            // No host id and no serial: recognised by disk and MAC, not by the (shared) chassis serial.
            SpecReport.custom(hostId: nil, serial: nil, disk: "D4", mac: "aa:00:00:00:00:04", chassis: "CH-SHARED", failing: ["SN": ["empty"]]),
            SpecReport.custom(hostId: nil, serial: nil, disk: "D4", mac: "aa:00:00:00:00:04", chassis: "CH-OTHER", failing: ["SN": ["empty"]]),
        ].map { $0.json() }.joined()
        let result = try analyse(fleet)
        #expect(result.rowIDs == ["SN", "DISK", "MAC", "CHASSIS"])
        #expect(result.devices.count == 4)
        #expect(result.reportsSuperseded == 1)
        #expect(result.duplicates.map { "\($0.field.name)=\($0.value):\($0.devices)" } == ["DISK=D-CLONE:[1, 2]", "CHASSIS=CH-SHARED:[0, 1]"])
        #expect(result.rowFailures["MAC"]?.devices == 1)
        #expect(result.rowFailures["SN"]?.devices == 1)
        #expect(result.devices[3].deviceKey?.text == "B2+B4=D4\u{1F}aa:00:00:00:00:04")
        #expect(result.devices[0].deviceKey?.text == "hostId+B1+B3=uuid-1\u{1F}S1\u{1F}")
        #expect(FleetOutput.csv(result).hasPrefix("source,collectedAt,hostId,SN,DISK,MAC,CHASSIS,verdict,failing,duplicated,placeholders\n"))

        let tracer = Tracer(devices: result.devices)
        let records = ServerRecord.read("id,biosSerial,diskSerial,mac\nr1,S2,,\nr2,,D4,aa-00-00-00-00-04\nr3,CH3,,\n", mapping: .standard)
        let traced = records.records.map(tracer.trace)
        #expect(traced.map(\.outcome) == [.unique, .unique, .noMatch])
        #expect(traced[0].candidates.first?.device == 1)
        #expect(traced[1].candidates.first?.matched == [.diskSerial, .mac])
        guard case .object(let json) = TraceOutput.json(traced, devices: result.devices, problems: []),
              case .array(let out) = json["records"], case .object(let first) = out[0],
              case .array(let candidates) = first["candidates"], case .object(let candidate) = candidates[0],
              case .object(let device) = candidate["device"] else { Issue.record("no trace device"); return }
        #expect(Set(device.keys) == ["hostId", "SN", "DISK", "MAC", "CHASSIS", "windowsDISK", "source"])
    }

    /// Reports of two specs: one machine is one device across them (the newer report kept), columns are the union
    /// in order of first appearance, and a value under B1 in one and SN in another is not a duplicate.
    @Test func mixedSpecsShareDevices() throws {
        let builtIn = SyntheticDevice(hostId: "uuid-1", b1: "S1", b2: "D1", b3: nil, b4: "aa:00:00:00:00:01",
                                      collectedAt: "2026-03-01T08:00:00Z")
        let custom = SpecReport.custom(hostId: "uuid-1", serial: "S1", disk: "D1-NEW", mac: "aa:00:00:00:00:01", chassis: "C1",
                                       collectedAt: "2026-03-02T08:00:00Z")
        let other = SpecReport.custom(hostId: "uuid-2", serial: "S9", disk: "D9", mac: "aa:00:00:00:00:09", chassis: "C9")
        let otherBuiltIn = SyntheticDevice(hostId: "uuid-3", b1: "S9", b2: "D3", b3: "M3", b4: "aa:00:00:00:00:03")
        let result = try analyse(builtIn.json() + custom.json() + other.json() + otherBuiltIn.json())
        #expect(result.devices.count == 3)
        #expect(result.reportsSuperseded == 1)
        #expect(result.devices[0].value(.row("DISK")) == "D1-NEW")
        #expect(result.devices[0].value(.row("B2")) == nil)
        // The first device's report is now the custom one: its rows come first.
        #expect(result.rowIDs == ["SN", "DISK", "MAC", "CHASSIS", "B1", "B2", "B3", "B4"])
        #expect(result.duplicates.isEmpty)
        let csv = FleetOutput.csv(result).split(separator: "\n")
        #expect(csv[0] == "source,collectedAt,hostId,SN,DISK,MAC,CHASSIS,B1,B2,B3,B4,verdict,failing,duplicated,placeholders")
        #expect(csv[1].hasSuffix(",2026-03-02T08:00:00Z,uuid-1,S1,D1-NEW,aa:00:00:00:00:01,C1,,,,,compliant,,,"))
    }

    /// A report with thousands of rows (a hostile one, or a spec beyond reason), its checks in the reverse order of
    /// its binding: every row found by its id once the reader indexes them, in the checks' order, with its value.
    @Test func manyRowsAreReadByTheirIds() throws {
        let count = 3_000
        let rows = (0..<count).map { SpecReport.Row(id: "R\($0)", binds: "dmi.chassis_serial", value: "V\($0)") }
        var json = SpecReport(hostId: "u1", rows: rows).json()
        // The checks reversed; the binding object stays in its (sorted) order.
        let checks = rows.reversed().map { row in
            JSONValue.object(["id": .string(row.id), "binds": .string("dmi.chassis_serial"), "status": .string("pass"),
                              "reasons": .array([])]).serializedCompact()
        }
        let start = try #require(json.range(of: "\"checks\":["))
        let end = try #require(json.range(of: "],\"hostId\""))
        json.replaceSubrange(start.upperBound..<end.lowerBound, with: checks.joined(separator: ","))
        let summary = try #require(try summaries(json).first)
        #expect(summary.rows.count == count)
        #expect(summary.rows.map(\.id) == rows.reversed().map(\.id))
        #expect(summary.rows.allSatisfy { $0.value == "V" + $0.id.dropFirst() && $0.source == .chassisSerial && $0.status == .known(.pass) })
    }

    /// Reports without any row (an empty `checks` and `binding`): devices of their own, the built-in spec's ids as
    /// columns, nothing under them.
    @Test func reportsWithoutRows() throws {
        let result = try analyse(SpecReport(hostId: "u1", rows: []).json() + SpecReport(hostId: "u2", rows: []).json())
        #expect(result.devices.count == 2)
        #expect(result.rowIDs == ["B1", "B2", "B3", "B4"])
        #expect(result.duplicates.isEmpty)
        #expect(FleetOutput.csv(result).split(separator: "\n").count == 3)
    }

    /// Reports of many specs (hostile: every report its own row ids): every row is compared only with the devices
    /// that have it.
    @Test func manySpecsCompareEachRowWithItsDevices() throws {
        let reports = (0..<200).map { index in
            SpecReport(hostId: "u\(index)", rows: [
                .init(id: "R\(index)", binds: "dmi.chassis_serial", value: "SAME"),
                .init(id: "SHARED", binds: "dmi.chassis_serial", value: index < 2 ? "TWICE" : "V\(index)"),
            ]).json()
        }
        let result = try analyse(reports.joined())
        #expect(result.rowIDs.count == 201)
        #expect(result.duplicates.map { "\($0.field.name)=\($0.value):\($0.devices)" } == ["SHARED=TWICE:[0, 1]"])
    }

    /// A machine with a board serial, reported with the built-in spec (B3) and with a spec that binds no row to
    /// dmi.board_serial: two keys, so two devices sharing a host id (README "Custom specs in fleet and trace").
    @Test func specWithoutBoardRowGivesAnotherKey() throws {
        let builtIn = SyntheticDevice(hostId: "uuid-1", b1: "S1", b2: "D1", b3: "BOARD-1", b4: "aa:00:00:00:00:01")
        let custom = SpecReport.custom(hostId: "uuid-1", serial: "S1", disk: "D1", mac: "aa:00:00:00:00:01", chassis: "C1")
        let result = try analyse(builtIn.json() + custom.json())
        #expect(result.devices.map { $0.deviceKey?.text } == ["hostId+B1+B3=uuid-1\u{1F}S1\u{1F}BOARD-1", "hostId+B1+B3=uuid-1\u{1F}S1\u{1F}"])
        #expect(result.duplicates.map { "\($0.field.name)=\($0.value)" } == ["hostId=uuid-1"])
    }
}
