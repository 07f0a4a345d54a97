import Foundation
import Testing

/// `fleet import` and `trace --db` as the inventory program sees them: the values hwcheck forwards, and a file
/// written by a newer version.
@Suite struct InventoryCommandLineTests {
    /// One fixture's report as a JSON line in `scratch`/r.jsonl.
    func report(in scratch: URL) throws -> URL {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let file = scratch.appendingPathComponent("r.jsonl")
        try Harness.hwcheck(["--sysroot", root, "--compact"]).stdout.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// hwcheck's parser takes `--db -x.db`; the value reaches hwcheck-inventory as one (`--db=-x.db`).
    @Test func databaseNamedLikeAnOptionIsForwarded() throws {
        let scratch = try makeScratchDirectory("inventory-dash")
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try report(in: scratch)
        let result = try Harness.run("/bin/sh", ["-c", "cd \"$1\" && exec \"$2\" fleet import --db -x.db r.jsonl", "sh",
                                                 scratch.path, Harness.binary])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 report (1 new device), 0 already in -x.db, 0 inputs skipped\n")
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("-x.db").path))
        // trace forwards it as an absolute path.
        try "id,biosSerial\nseed,M903G6G4\n".write(to: scratch.appendingPathComponent("failed.csv"), atomically: true, encoding: .utf8)
        let traced = try Harness.run("/bin/sh", ["-c", "cd \"$1\" && exec \"$2\" trace failed.csv --db -x.db --format json", "sh",
                                                 scratch.path, Harness.binary])
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout.contains("\"outcome\": \"unique\""), "\(traced.stdout)")
    }

    /// A database migrated by a newer hwcheck-inventory (a migration this one does not know) is 65 with the reason,
    /// for import and for trace, and import adds nothing to it.
    @Test func newerDatabaseIsRefused() throws {
        let scratch = try makeScratchDirectory("inventory-newer")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = try report(in: scratch)
        let db = scratch.appendingPathComponent("fleet.db").path
        #expect(try Harness.hwcheck(["fleet", "import", "--db", db, reports.path]).status == 0)
        let marked = try Harness.run("/usr/bin/sqlite3", [db, "INSERT INTO grdb_migrations VALUES ('v3'); DELETE FROM reports"])
        #expect(marked.status == 0, "\(marked.stderr)")

        let imported = try Harness.hwcheck(["fleet", "import", "--db", db, reports.path])
        #expect(imported.status == 65)
        #expect(imported.stdout == "")
        #expect(imported.stderr.contains("--db \(db): written by a newer hwcheck-inventory (schema migrations v3)"), "\(imported.stderr)")
        #expect(try Harness.run("/usr/bin/sqlite3", [db, "SELECT COUNT(*) FROM reports"]).stdout == "0\n")

        let records = scratch.appendingPathComponent("failed.csv")
        try "id,biosSerial\nseed,M903G6G4\n".write(to: records, atomically: true, encoding: .utf8)
        let traced = try Harness.hwcheck(["trace", records.path, "--db", db])
        #expect(traced.status == 65)
        #expect(traced.stderr.contains("written by a newer hwcheck-inventory"), "\(traced.stderr)")
    }

    /// A version 1 inventory, mode 0444, traced by a user who cannot write it: trace only reads (no migration), so
    /// it works as it did before version 2, and the file is left as it was.
    @Test func readOnlyVersion1DatabaseIsTracedWithoutWriting() throws {
        let scratch = try makeScratchDirectory("inventory-readonly")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = try report(in: scratch)
        let db = scratch.appendingPathComponent("fleet.db").path
        #expect(try Harness.hwcheck(["fleet", "import", "--db", db, reports.path]).status == 0)
        // Back to the version 1 schema: the JSON as text, no json_size, no v2 migration.
        let downgraded = try Harness.run("/usr/bin/sqlite3", [db, """
            UPDATE reports SET json = CAST(sqlar_uncompress(json, json_size) AS TEXT), json_size = NULL;
            ALTER TABLE reports DROP COLUMN json_size; DELETE FROM grdb_migrations WHERE identifier = 'v2'
            """])
        #expect(downgraded.status == 0, "\(downgraded.stderr)")
        let records = scratch.appendingPathComponent("failed.csv")
        try "id,biosSerial\nseed,M903G6G4\n".write(to: records, atomically: true, encoding: .utf8)
        // Readable by uid 4242, the database not writable; the directory is, for SQLite's WAL index (-shm).
        #expect(chmod(scratch.path, 0o777) == 0 && chmod(records.path, 0o644) == 0 && chmod(db, 0o444) == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        let traced = try Harness.run("/usr/bin/setpriv", ["--reuid=4242", "--regid=4242", "--clear-groups", Harness.binary,
                                                          "trace", records.path, "--db", db, "--format", "json"])
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout.contains("\"outcome\": \"unique\""), "\(traced.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        let columns = try Harness.run("/usr/bin/sqlite3", [db, "SELECT name FROM pragma_table_info('reports') WHERE name = 'json_size'"])
        #expect(columns.status == 0 && columns.stdout == "")
    }
}
