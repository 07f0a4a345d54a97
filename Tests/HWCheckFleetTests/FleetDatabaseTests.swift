import GRDB
@testable import HWCheckInventory
import HWCheckCore
import Testing
@testable import HWCheckBundle
@testable import HWCheckFleet

@Suite struct FleetDatabaseTests {
    @Test func importIsIdempotentAndKeepsHistory() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-test"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let database = try FleetDatabase(path: directory + "/fleet.db")
        var problems: [InputProblem] = []
        let first = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { problems.append($0) }
        #expect(problems.isEmpty)
        #expect(first == FleetDatabase.ImportCounts(imported: 10, alreadyPresent: 0, newDevices: 8))
        let again = try database.importReports([reports], importedAt: "2026-03-07T00:00:00Z") { problems.append($0) }
        #expect(again == FleetDatabase.ImportCounts(imported: 0, alreadyPresent: 10, newDevices: 0))

        // The pretty form of a report already imported compactly is the same report.
        let pretty = directory + "/pretty.json"
        let prettyText = SyntheticDevice(hostId: "uuid-b", b1: "SB", b2: "DISK-CLONE", b3: "MB", b4: "aa:00:00:00:00:02").json()
        #expect(FileIO.writeAtomically(Array(prettyText.replacingEvery(",\"", with: ",\n  \"").utf8), to: pretty) == nil)
        let reformatted = try database.importReports([pretty], importedAt: "2026-03-07T00:00:00Z") { problems.append($0) }
        #expect(reformatted.alreadyPresent == 1)

        // What `trace --db` matches against: each device's newest report, read back as the fleet reads reports.
        let exported = directory + "/latest.jsonl"
        let lines = try database.latestReports()
        #expect(FileIO.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: exported) == nil)
        let latest = FleetAnalyzer.analyse([exported]) { problems.append($0) }.devices
        #expect(problems.isEmpty)
        #expect(lines.count == 8)
        #expect(latest.count == 8)
        let deviceA = try #require(latest.first { $0.hostId == "uuid-a" })
        #expect(deviceA.value(.row("B2")) == "DISK-A2")
        #expect(latest.filter { $0.isPlaceholder(.row("B1")) }.count == 2)

        let history = try database.queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports r JOIN devices d ON d.id = r.device_id WHERE d.host_id = 'uuid-a'")
        }
        #expect(history == 3)
        let seen = try database.queue.read { db in
            try Row.fetchOne(db, sql: "SELECT first_seen, last_seen FROM devices WHERE host_id = 'uuid-a'")
        }
        #expect(seen?[0] == "2026-02-01T08:00:00Z")
        #expect(seen?[1] == "2026-03-05T08:00:00Z")
        let states = try database.queue.read { db in
            try String.fetchAll(db, sql: "SELECT state FROM bindings WHERE field = 'B1' ORDER BY state")
        }
        #expect(Set(states) == ["placeholder", "value"])
    }

    @Test func unusableDatabaseIsBadData() {
        #expect(throws: HWCheckError.self) { try FleetDatabase(path: "/nonexistent/dir/fleet.db") }
    }
}
