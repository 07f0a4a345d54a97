// The fleet inventory: reports accumulated over weeks in one SQLite file (`hwcheck fleet import --db FILE`),
// for any SQLite tool to query. Schema (README "Fleet inventory" documents it for users):
//
//   devices(id, device_key UNIQUE, host_id, first_seen, last_seen)
//   reports(id, device_id → devices, collected_at, time_source, verdict, source, imported_at, sha256 UNIQUE, json)
//   bindings(report_id → reports, field, value, state, status, reasons)   field: hostId, then each row id (B1 … B4)
//   view latest_reports: each device's newest report
//
// Import is idempotent: a report is identified by the SHA-256 of its compact JSON text (white space outside
// strings removed, so the pretty and the compact form of one report are the same report). Re-importing a
// report changes nothing; a new report of a known device adds to its history.

import GRDB
import HWCheckCore
import HWCheckFleet

public final class FleetDatabase {
    public static let schemaVersion = 1
    let queue: DatabaseQueue

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// `busyTimeout`: how long to wait for another writer (a second `fleet import` into the same file) before
    /// giving up with a clear error; SQLite's default is not to wait at all ("database is locked" at once;
    /// https://sqlite.org/c3ref/busy_timeout.html, set through GRDB's `Configuration.busyMode`).
    public init(path: String, busyTimeout: Double = 60) throws(HWCheckError) {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(busyTimeout)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                // WAL: IT can query while an import runs. NORMAL: a crash may lose the last batch, never
                // corrupt the file (https://sqlite.org/pragma.html#pragma_synchronous); import is idempotent,
                // so running it again restores what was lost. A larger cache keeps the indexes in memory.
                // 16 KiB pages: a report's JSON (3 to 9 KB) shares a page with others instead of filling one alone.
                // Takes effect when the file is created.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
            }
            try migrator.migrate(queue)
        } catch {
            throw HWCheckError(.badData, "--db \(path): \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return "\(error.message ?? "database is locked"): another program (a second import?) kept it locked; run again when it is done"
            }
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }

    var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE devices (
                    id INTEGER PRIMARY KEY,
                    device_key TEXT NOT NULL UNIQUE,
                    host_id TEXT,
                    first_seen TEXT,
                    last_seen TEXT
                );
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY,
                    device_id INTEGER NOT NULL REFERENCES devices(id),
                    collected_at TEXT,
                    time_source TEXT NOT NULL CHECK (time_source IN ('collectedAt', 'mtime', 'none')),
                    verdict TEXT NOT NULL,
                    source TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    json TEXT NOT NULL
                );
                CREATE INDEX reports_by_device ON reports(device_id, collected_at);
                CREATE TABLE bindings (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    field TEXT NOT NULL,
                    value TEXT,
                    state TEXT NOT NULL CHECK (state IN ('value', 'placeholder', 'missing')),
                    status TEXT,
                    reasons TEXT NOT NULL DEFAULT '',
                    PRIMARY KEY (report_id, field)
                ) WITHOUT ROWID;
                CREATE INDEX bindings_by_value ON bindings(field, value);
                CREATE VIEW latest_reports AS
                    SELECT r.* FROM reports r
                    WHERE r.id = (SELECT r2.id FROM reports r2 WHERE r2.device_id = r.device_id
                                  ORDER BY r2.collected_at IS NULL, r2.collected_at DESC, r2.id DESC LIMIT 1);
                """)
        }
        return migrator
    }

    public struct ImportCounts: Equatable, Sendable {
        public var imported = 0
        public var alreadyPresent = 0
        public var newDevices = 0
    }

    /// Imports every report the stream reads; problems go to `onProblem`. Commits every `batchSize` reports.
    ///
    /// Two threads, one per core: a reader parses, compacts and hashes reports into a small bounded queue
    /// (`ReportPipeline`); this thread writes them to SQLite. Memory stays at a few batches whatever the input.
    public func importReports(_ inputs: [String], stream: ReportStream = ReportStream(), importedAt: String,
                              batchSize: Int = 20_000, onProgress: (_ reports: Int, _ bytes: Int) -> Void = { _, _ in },
                              onProblem: (InputProblem) -> Void) throws(HWCheckError) -> ImportCounts {
        var reportsRead = 0
        var counts = ImportCounts()
        let pipeline = ReportPipeline<PreparedReport>(capacity: 8)
        pipeline.start(inputs, stream: stream) { document, scratch in PreparedReport.prepare(document, scratch: &scratch) }
        do {
            try queue.writeWithoutTransaction { db in
                // A failure inside a batch (a damaged page: SQLITE_CORRUPT) leaves its transaction open, and GRDB
                // traps on an access that ends with one open (GRDB SerializedDatabase.preconditionNoUnsafeTransactionLeft):
                // roll it back here (committed batches stay).
                do {
                    var importer = try Importer(db: db, importedAt: importedAt)
                    let devicesBefore = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM devices") ?? 0
                    try db.beginTransaction()
                    var inBatch = 0
                    while let items = pipeline.next() {
                        for item in items {
                            switch item {
                            case .problem(let problem):
                                onProblem(problem)
                            case .item(let report):
                                try importer.add(report, counts: &counts)
                                inBatch += 1
                                reportsRead += 1
                                if inBatch == batchSize {
                                    try db.commit()
                                    try db.beginTransaction()
                                    inBatch = 0
                                }
                            }
                        }
                        onProgress(reportsRead, pipeline.bytesRead)
                    }
                    try db.commit()
                    counts.newDevices = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM devices") ?? 0) - devicesBefore
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        } catch {
            pipeline.cancel()
            throw HWCheckError(.badData, "import: \(Self.describe(error))")
        }
        return counts
    }

    /// Each device's newest report as stored (compact JSON), in device order: what `trace --db` matches against.
    public func latestReports() throws(HWCheckError) -> [String] {
        do {
            return try queue.read { db in
                try String.fetchAll(db, sql: "SELECT json FROM latest_reports ORDER BY device_id")
            }
        } catch {
            throw HWCheckError(.badData, "--db: \(Self.describe(error))")
        }
    }
}

/// Prepared statements for one import run.
struct Importer {
    let db: Database
    let importedAt: String
    let upsertDevice: Statement
    let insertReport: Statement
    /// `bindingStatements[n]`: n rows of bindings in one statement, prepared when first needed.
    var bindingStatements: [Int: Statement] = [:]
    /// Rows stored by one statement: SQLite allows 32,766 parameters (SQLITE_MAX_VARIABLE_NUMBER); a report has a
    /// handful of rows.
    static let rowsPerStatement = 64

    init(db: Database, importedAt: String) throws {
        self.db = db
        self.importedAt = importedAt
        upsertDevice = try db.makeStatement(sql: """
            INSERT INTO devices (device_key, host_id, first_seen, last_seen) VALUES (?, ?, ?, ?)
            ON CONFLICT (device_key) DO UPDATE SET
                first_seen = CASE WHEN excluded.first_seen IS NOT NULL AND (first_seen IS NULL OR excluded.first_seen < first_seen)
                                  THEN excluded.first_seen ELSE first_seen END,
                last_seen = CASE WHEN excluded.last_seen IS NOT NULL AND (last_seen IS NULL OR excluded.last_seen > last_seen)
                                 THEN excluded.last_seen ELSE last_seen END
            RETURNING id
            """)
        insertReport = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reports (device_id, collected_at, time_source, verdict, source, imported_at, sha256, json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// The statement storing `rows` rows of one report (six parameters a row: report id, field, value, state,
    /// status, reasons).
    mutating func insertBindings(rows: Int) throws -> Statement {
        if let statement = bindingStatements[rows] { return statement }
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO bindings (report_id, field, value, state, status, reasons) VALUES " + values)
        bindingStatements[rows] = statement
        return statement
    }

    mutating func add(_ report: PreparedReport, counts: inout FleetDatabase.ImportCounts) throws(DatabaseError) {
        let document = report
        let sha = report.sha256
        let json = report.json
        do {
            let device = FleetDevice(summary: document.summary, origin: document.origin, modificationTime: document.modificationTime)
            let time: (text: String?, source: String)
            if let collected = document.summary.collectedAt, let seconds = Timestamp.parse(collected) {
                time = (Timestamp.format(seconds), "collectedAt")
            } else if let modified = document.modificationTime {
                time = (Timestamp.format(modified), "mtime")
            } else {
                time = (nil, "none")
            }
            let key = device.deviceKey?.text ?? "report:\(sha)"
            func value(_ text: String?) -> DatabaseValue { text?.databaseValue ?? .null }
            // A report already imported names a device already there: the upsert then changes nothing, and the
            // report insert is ignored on its hash.
            guard let deviceID = try Int64.fetchOne(upsertDevice, arguments: StatementArguments(
                [value(key), value(device.hostId), value(time.text), value(time.text)])) else { return }
            insertReport.setUncheckedArguments(StatementArguments([
                deviceID.databaseValue, value(time.text), value(time.source), value(document.summary.verdict.rawValue),
                value(document.origin.label), value(importedAt), value(sha), value(json),
            ]))
            try insertReport.execute()
            guard db.changesCount > 0 else {
                counts.alreadyPresent += 1
                return
            }
            let reportID = db.lastInsertedRowID
            // The host id, then each row of the report by its id, in report order (B1 … B4 with the built-in spec).
            // A row whose id is "hostId" is left out here (its field would clash; the report's JSON keeps it).
            var entries: [[DatabaseValue]] = [[reportID.databaseValue, value("hostId"), value(device.hostId),
                                               value(Self.state(device.hostId, placeholder: device.hostIdIsPlaceholder)), .null, value("")]]
            for row in document.summary.rows where row.id != "hostId" {
                // Judged on the Windows form: a junk controller serial is still a placeholder value.
                entries.append([reportID.databaseValue, value(row.id), value(row.value),
                                value(Self.state(row.value, placeholder: row.valueIsPlaceholder)), value(row.status?.text),
                                value(row.reasons.map(\.text).joined(separator: ","))])
            }
            var start = 0
            while start < entries.count {
                let part = entries[start..<min(entries.count, start + Self.rowsPerStatement)]
                let statement = try insertBindings(rows: part.count)
                statement.setUncheckedArguments(StatementArguments(part.flatMap { $0 }))
                try statement.execute()
                start += part.count
            }
            counts.imported += 1
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw DatabaseError(message: "\(error)")
        }
    }

    static func state(_ value: String?, placeholder: Bool) -> String {
        value == nil ? "missing" : placeholder ? "placeholder" : "value"
    }
}

