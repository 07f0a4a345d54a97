#if canImport(Glibc)
import Glibc
#endif
import GRDB
@testable import HWCheckInventory
import HWCheckBundle
import HWCheckCore
import Testing
@testable import HWCheckFleet

/// Reading the inventory (`latest`, behind `trace --db`): nothing written, a newer file refused, damaged sizes refused.
@Suite struct InventoryReadTests {
    /// The bytes of `file`, or nil.
    func bytes(_ file: String) -> [UInt8]? {
        guard let stream = fopen(file, "rb") else { return nil }
        defer { fclose(stream) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, stream)
            if count <= 0 { return bytes }
            bytes += buffer[0..<count]
        }
    }

    /// A version 1 file (JSON as text, no json_size), mode 0444, is read as it is: the read-only connection cannot
    /// write (even as root, whom the mode does not stop), the schema stays v1 and the file's bytes stay the same.
    @Test func version1FileIsReadWithoutWriting() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-readonly"))
        defer { FileIO.removeTree(directory) }
        let file = directory + "/fleet.db"
        let old = try writeVersion1Database(file)
        #expect(chmod(file, 0o444) == 0)
        let before = try #require(bytes(file))
        do {
            let database = try FleetDatabase(readingAt: file)
            #expect(try database.latestReports() == [old])
            #expect(throws: DatabaseError.self) { try database.queue.write { try $0.execute(sql: "CREATE TABLE probe (a)") } }
            let schema = try database.queue.read { db in
                (try db.columns(in: "reports").map(\.name), try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            }
            #expect(!schema.0.contains("json_size"))
            #expect(schema.1 == ["v1"])
        }
        #expect(bytes(file) == before)
    }

    /// A version 2 file read the same way: compressed rows inflate, nothing is written.
    @Test func version2FileIsReadWithoutWriting() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-readonly2"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let file = directory + "/fleet.db"
        let written: [String]
        do {
            let database = try FleetDatabase(path: file)
            _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }
            written = try database.latestReports()
        }
        #expect(chmod(file, 0o444) == 0)
        let before = try #require(bytes(file))
        do {
            let database = try FleetDatabase(readingAt: file)
            #expect(try database.latestReports() == written)
            #expect(written.count == 8)
        }
        #expect(bytes(file) == before)
    }

    /// A file with a migration this version does not register (written by a newer hwcheck-inventory) is refused
    /// (65), for import before anything is written and for reading; GRDB's migrate alone would go on.
    @Test func newerSchemaIsRefused() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-newer"))
        defer { FileIO.removeTree(directory) }
        let file = directory + "/fleet.db"
        do {
            let database = try FleetDatabase(path: file)
            try database.queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v3')") }
        }
        let importing = #expect(throws: HWCheckError.self) { _ = try FleetDatabase(path: file) }
        let reading = #expect(throws: HWCheckError.self) { _ = try FleetDatabase(readingAt: file) }
        for error in [importing, reading] {
            #expect(error?.kind == .badData)
            #expect(error?.message.hasPrefix("--db \(file): written by a newer hwcheck-inventory (schema migrations v3)") == true, "\(error?.message ?? "")")
        }
        // Refused before migrating: the file still has v1, v2 and v3 only.
        let applied = try DatabaseQueue(path: file).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier") }
        #expect(applied == ["v1", "v2", "v3"])
    }

    /// A json_size no import writes is a damaged database naming the row, before any memory is set aside for it
    /// (2^40 would have asked for a terabyte, a negative size read the blob as text).
    @Test(arguments: [-1, 1 << 40, 64 * 1024 * 1024 + 1, 10_000_000] as [Int64])
    func impossibleJSONSizeIsDamage(size: Int64) throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-size"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let database = try FleetDatabase(path: directory + "/fleet.db")
        _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }
        let id = try database.queue.write { db in
            try db.execute(sql: "UPDATE reports SET json_size = ? WHERE id = (SELECT MAX(id) FROM reports)", arguments: [size])
            return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM reports") ?? 0
        }
        let error = #expect(throws: HWCheckError.self) { _ = try FleetDatabase(readingAt: directory + "/fleet.db").latestReports() }
        #expect(error?.kind == .badData)
        #expect(error?.message.contains("report id \(id): json_size \(size) cannot be the size of") == true, "\(error?.message ?? "")")
    }

    /// An empty file, or another program's database, is not an inventory: reading says so and creates no table in it.
    @Test func fileWithoutInventoryIsRefusedAndLeftAsItWas() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-foreign"))
        defer { FileIO.removeTree(directory) }
        let file = directory + "/empty.db"
        #expect(FileIO.writeAtomically([], to: file) == nil)
        let error = #expect(throws: HWCheckError.self) { _ = try FleetDatabase(readingAt: file).latestReports() }
        #expect(error?.kind == .badData)
        #expect(error?.message == "--db \(file): not an hwcheck inventory (no reports table): 'hwcheck fleet import --db FILE' makes one")
        #expect(bytes(file) == [])
    }
}
