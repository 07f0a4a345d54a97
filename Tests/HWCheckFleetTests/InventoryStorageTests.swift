#if canImport(Glibc)
import Glibc
#endif
import CSHA256
import GRDB
@testable import HWCheckInventory
import HWCheckBundle
import HWCheckCore
import Testing
@testable import HWCheckFleet

/// How `fleet import` stores reports (schema v2): compressed as SQLite's archive format stores files, readable
/// with the sqlite3 shell, and rows of a v1 database still read after the migration.
@Suite struct InventoryStorageTests {
    /// The sqlite3 shell's output of `sql` on `database`, one line per row.
    func shell(_ database: String, _ sql: String) throws -> [String] {
        let pipe = try #require(popen("sqlite3 '\(database)' \"\(sql)\"", "r"))
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = fread(&buffer, 1, buffer.count, pipe)
            if count <= 0 { break }
            output += buffer[0..<count]
        }
        #expect(pclose(pipe) == 0, "sqlite3 failed on: \(sql)")
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func hex(_ text: String) -> String {
        text.utf8.map { byte in String(byte, radix: 16, uppercase: true).count == 1 ? "0" + String(byte, radix: 16, uppercase: true)
                                                                                    : String(byte, radix: 16, uppercase: true) }.joined()
    }

    /// The inputs' reports in compact form, in file order.
    func compactLines(_ text: String) -> [String] {
        text.split(separator: "\n").map { line in
            let bytes = Array(line.utf8)
            return String(decoding: bytes.withUnsafeBufferPointer { Compact.bytes($0) }, as: UTF8.self)
        }
    }

    @Test func reportsAreStoredCompressedAndTheShellReadsThem() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-storage"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        let text = FleetAnalysisTests.fleet()
        #expect(FileIO.writeAtomically(Array(text.utf8), to: reports) == nil)
        let file = directory + "/fleet.db"
        let database = try FleetDatabase(path: file)
        _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }

        let stored = try database.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT typeof(json), length(CAST(json AS BLOB)), json_size FROM reports ORDER BY id")
        }
        let expected = compactLines(text)
        #expect(stored.count == expected.count)
        for (row, json) in zip(stored, expected) {
            #expect(row[0] == "blob")
            #expect((row[1] as Int? ?? 0) < json.utf8.count / 2)
            #expect(row[2] == json.utf8.count)
        }
        // Any SQLite tool with zlib reads them: the sqlite3 shell's sqlar_uncompress, and its JSON functions on the result.
        #expect(try shell(file, "SELECT CAST(sqlar_uncompress(json, json_size) AS TEXT) FROM reports ORDER BY id") == expected)
        #expect(try shell(file, "SELECT json_extract(CAST(sqlar_uncompress(json, json_size) AS TEXT), '$.hostId') FROM reports ORDER BY id")
                == expected.map { line in String(line.split(separator: "\"hostId\":\"")[1].prefix { $0 != "\"" }) })
        #expect(try shell(file, "PRAGMA user_version; SELECT identifier FROM grdb_migrations ORDER BY identifier") == ["0", "v1", "v2"])
    }

    /// A report too short to gain from compression is stored as its text, and reads back the same.
    @Test func incompressibleTextIsStoredAsIs() throws {
        let deflater = Deflater()
        #expect(deflater.compress(Array("{}".utf8)) == nil)
        let long = Array(String(repeating: "{\"a\":\"bbbbbbbb\"}", count: 50).utf8)
        let compressed = try #require(deflater.compress(long))
        #expect(compressed.count < long.count / 4)
        #expect(compressed.first == 0x78)  // a zlib (RFC 1950) header, as compress() writes and uncompress() reads
    }

    /// A database written by the v1 schema (JSON as text, no json_size) is migrated on open: its reports read
    /// back through `latest` and the shell, and new imports into it are stored compressed.
    @Test func version1DatabaseIsMigratedAndStillRead() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-v1"))
        defer { FileIO.removeTree(directory) }
        let file = directory + "/fleet.db"
        let old = try writeVersion1Database(file)
        let database = try FleetDatabase(path: file)
        #expect(try database.latestReports() == [old])
        #expect(try shell(file, "SELECT hex(sqlar_uncompress(json, json_size)) FROM reports") == [hex(old)])

        let reports = directory + "/new.jsonl"
        let new = SyntheticDevice(hostId: "uuid-new", b1: "N1", b2: "N2", b3: "N3", b4: "aa:00:00:00:00:71", collectedAt: "2026-02-01T08:00:00Z").json()
        #expect(FileIO.writeAtomically(Array((new + "\n").utf8), to: reports) == nil)
        let counts = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }
        #expect(counts.imported == 1)
        #expect(Set(try database.latestReports()) == [old, compactLines(new)[0]])
        #expect(try shell(file, "SELECT typeof(json) FROM reports ORDER BY id") == ["text", "blob"])
    }

    /// The reading thread's look-up finds committed reports by hash, and answers no (compress) when it cannot look.
    @Test func storedHashesSeeCommittedReports() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-hashes"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let file = directory + "/fleet.db"
        let database = try FleetDatabase(path: file)
        let hashes = try database.queue.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM reports") }
        #expect(hashes.isEmpty)
        _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }
        let stored = try database.queue.read { db in try String.fetchAll(db, sql: "SELECT sha256 FROM reports") }
        #expect(stored.count == 10)
        let lookup = StoredHashes(path: file)
        #expect(stored.allSatisfy { lookup.contains($0) })
        #expect(!lookup.contains(String(repeating: "0", count: 64)))
        #expect(!StoredHashes(path: directory + "/missing.db").contains(stored[0]))
        // Imported again: nothing is added, nothing changes.
        let again = try database.importReports([reports], importedAt: "2026-03-07T00:00:00Z") { Issue.record("\($0)") }
        #expect(again == FleetDatabase.ImportCounts(imported: 0, alreadyPresent: 10, newDevices: 0))
        let blobs = try database.queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports WHERE typeof(json) = 'blob'") }
        #expect(blobs == 10)
    }

    /// The block function on the SHA instructions gives the digests of the Swift rounds (themselves checked against
    /// sha256sum in SHA256ReferenceTests) at every length around the block boundaries, whole and in pieces.
    @Test(.enabled(if: hwcheck_sha256_accelerated() == 1, "the CPU has no SHA instructions"))
    func acceleratedBlocksMatchTheSwiftRounds() {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...130) + [1000, 3_127, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var accelerated = SHA256(blocks: hwcheck_sha256_blocks)
            accelerated.update(bytes)
            #expect(accelerated.finalize() == SHA256.hash(bytes), "length \(length)")
            var pieces = SHA256(blocks: hwcheck_sha256_blocks)
            for start in stride(from: 0, to: length, by: 37) { pieces.update(Array(bytes[start..<min(start + 37, length)])) }
            #expect(pieces.finalize() == SHA256.hash(bytes), "length \(length) in pieces")
        }
        // The block function given is the one that runs (a do-nothing one leaves the initial state).
        let nothing: SHA256Blocks = { _, _, _ in }
        var idle = SHA256(blocks: nothing)
        idle.update(Array("abc".utf8))
        #expect(Hex.encode(idle.finalize()) == "6a09e667bb67ae853c6ef372a54ff53a510e527f9b05688c1f83d9ab5be0cd19")
        var million = SHA256(blocks: hwcheck_sha256_blocks)
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(chunk) }
        #expect(Hex.encode(million.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// A compressed report that does not inflate to its size is an error, not a short or empty report.
    @Test func damagedCompressedReportIsAnError() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-inflate"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let database = try FleetDatabase(path: directory + "/fleet.db")
        _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { Issue.record("\($0)") }
        try database.queue.write { db in
            try db.execute(sql: "UPDATE reports SET json = substr(json, 1, 20) WHERE id = (SELECT MAX(id) FROM reports)")
        }
        #expect(throws: HWCheckError.self) { try database.latestReports() }
    }

    /// A device's first and last seen widen over imports in any order of its reports' times.
    @Test func deviceTimesWidenInAnyOrder() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-seen"))
        defer { FileIO.removeTree(directory) }
        let database = try FleetDatabase(path: directory + "/fleet.db")
        func seen() throws -> [String?] {
            try database.queue.read { db in
                let row = try Row.fetchOne(db, sql: "SELECT first_seen, last_seen FROM devices WHERE host_id = 'uuid-t'")
                return [row?[0], row?[1]]
            }
        }
        var device = SyntheticDevice(hostId: "uuid-t", b1: "T1", b2: "T2", b3: "T3", b4: "aa:00:00:00:00:7f")
        var expected: [[String?]] = []
        for (index, time) in ["2026-03-01T08:00:00Z", "2026-02-01T08:00:00Z", "2026-02-15T08:00:00Z", "2026-04-01T08:00:00Z"].enumerated() {
            device.collectedAt = time
            let file = directory + "/\(index).json"
            #expect(FileIO.writeAtomically(Array(device.json().utf8), to: file) == nil)
            let counts = try database.importReports([file], importedAt: "2026-05-01T00:00:00Z") { Issue.record("\($0)") }
            #expect(counts.imported == 1, "report \(index)")
            expected.append(try seen())
        }
        #expect(expected == [["2026-03-01T08:00:00Z", "2026-03-01T08:00:00Z"], ["2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z"],
                             ["2026-02-01T08:00:00Z", "2026-03-01T08:00:00Z"], ["2026-02-01T08:00:00Z", "2026-04-01T08:00:00Z"]])
    }

}
