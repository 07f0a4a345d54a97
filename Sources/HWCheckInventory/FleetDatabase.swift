// The fleet inventory: reports accumulated over weeks in one SQLite file (`hwcheck fleet import --db FILE`),
// for any SQLite tool to query. Schema (README "Fleet inventory" documents it for users):
//
//   devices(id, device_key UNIQUE, host_id, first_seen, last_seen)
//   reports(id, device_id → devices, collected_at, time_source, verdict, source, imported_at, sha256 UNIQUE, json,
//           json_size)   json: the compact report, zlib-compressed when json_size differs from its length (v2)
//   bindings(report_id → reports, field, value, state, status, reasons)   field: hostId, then each row id (B1 … B4)
//   view latest_reports: each device's newest report
//
// Import is idempotent: a report is identified by the SHA-256 of its compact JSON text (white space outside
// strings removed, so the pretty and the compact form of one report are the same report). Re-importing a
// report changes nothing; a new report of a known device adds to its history.

import GRDB
import CSHA256
import CZlib
import GRDBSQLite
import HWCheckCore
import HWCheckFleet

public final class FleetDatabase {
    public static let schemaVersion = 2
    let queue: DatabaseQueue
    let path: String

    /// Opens (creating if needed) the database at `path` for `fleet import` and brings its schema up to date; a
    /// file with a migration this version does not know is refused first.
    /// `busyTimeout`: how long to wait for another writer (a second `fleet import` into the same file) before
    /// giving up with a clear error; SQLite's default is not to wait at all ("database is locked" at once;
    /// https://sqlite.org/c3ref/busy_timeout.html, set through GRDB's `Configuration.busyMode`).
    public init(path: String, busyTimeout: Double = 60) throws(HWCheckError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(busyTimeout)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            // First, before any pragma or migration writes: GRDB's migrate goes on without a word over migrations
            // it does not know, and a newer version's rows would be written beside or read as this version's.
            try queue.read(Self.refuseNewerSchema)
            try queue.writeWithoutTransaction { db in
                // WAL: IT can query while an import runs. NORMAL: a crash may lose the last batch, never
                // corrupt the file (https://sqlite.org/pragma.html#pragma_synchronous); import is idempotent,
                // so running it again restores what was lost. A larger cache keeps the indexes in memory.
                // 16 KiB pages: a report's JSON (3 to 9 KB) shares a page with others instead of filling one alone.
                // Takes effect when the file is created.
                try db.execute(sql: "PRAGMA page_size = 16384")
                try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
            }
            try Self.migrator.migrate(queue)
        } catch let error as HWCheckError {
            throw HWCheckError(error.kind, "--db \(path): \(error.message)")
        } catch {
            throw HWCheckError(.badData, "--db \(path): \(Self.describe(error))")
        }
    }

    /// Opens the database at `path` for reading only (`latest`, behind `trace --db`): nothing is created,
    /// migrated or written, so a version 1 file, or one mode 0444, reads as it is. SQLite opens it with
    /// SQLITE_OPEN_READONLY (GRDB `Configuration.readonly`); a WAL file is readable so only when its -shm and -wal
    /// files exist or can be created (https://sqlite.org/wal.html#readonly): not in a read-only directory without them.
    public init(readingAt path: String, busyTimeout: Double = 60) throws(HWCheckError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(busyTimeout)
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read(Self.refuseNewerSchema)
        } catch let error as HWCheckError {
            throw HWCheckError(error.kind, "--db \(path): \(error.message)")
        } catch {
            throw HWCheckError(.badData, "--db \(path): \(Self.describe(error))")
        }
    }

    /// A file migrated by a newer hwcheck-inventory (an applied migration this version does not register, GRDB
    /// `DatabaseMigrator.hasBeenSuperseded`) is refused: its rows may be stored in a form this version misreads.
    static func refuseNewerSchema(_ db: Database) throws {
        let known = Set(migrator.migrations)
        let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
        guard unknown.isEmpty else {
            throw HWCheckError(.badData, "written by a newer hwcheck-inventory (schema migrations \(unknown.joined(separator: ", "))); "
                               + "this one knows \(known.sorted().joined(separator: ", ")) only: use that version or a newer one")
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

    static var migrator: DatabaseMigrator {
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
        // v2: a report's JSON is stored as SQLite's archive format (sqlar) stores a file: zlib-compressed (RFC 1950,
        // what zlib's compress() writes) when that is smaller, beside its length in bytes; the text as is when not
        // (json_size is then its length) and in rows imported before (json_size NULL). The sqlite3 shell reads
        // both: `CAST(sqlar_uncompress(json, json_size) AS TEXT)` (the shell's sqlar_uncompress returns its first
        // argument unchanged when the size is NULL, 0 or the blob's own length; shell.c, sqlarUncompressFunc).
        // About 3 KB of JSON becomes 1.1 KB: the JSON was four fifths of the database.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "ALTER TABLE reports ADD COLUMN json_size INTEGER")
        }
        return migrator
    }

    public struct ImportCounts: Equatable, Sendable {
        public var imported = 0
        public var alreadyPresent = 0
        public var newDevices = 0
    }

    /// Imports every report the stream reads; problems go to `onProblem`. Commits every `batchSize` reports:
    /// 100,000 rather than 20,000 wrote each index page to the WAL and back five times less often (a million bench
    /// reports: 9.6 s of system time instead of 11.5, 64.6 s of CPU instead of 67.1); a crash loses at most that
    /// batch, which running the import again restores.
    ///
    /// Two threads, one per core: a reader parses, compacts, hashes and compresses reports into a small bounded
    /// queue (`ReportPipeline`); this thread writes them to SQLite. Memory stays at a few batches whatever the input.
    public func importReports(_ inputs: [String], stream: ReportStream = ReportStream(), importedAt: String,
                              batchSize: Int = 100_000, onProgress: (_ reports: Int, _ bytes: Int) -> Void = { _, _ in },
                              onProblem: (InputProblem) -> Void) throws(HWCheckError) -> ImportCounts {
        var reportsRead = 0
        var counts = ImportCounts()
        let pipeline = ReportPipeline<StoredReport>(capacity: 8)
        let deflater = Deflater()
        let stored = StoredHashes(path: path)
        // The x86 SHA instructions where the CPU has them: the hash was a fifth of the reading thread's time.
        let blocks: SHA256Blocks? = hwcheck_sha256_accelerated() == 1 ? hwcheck_sha256_blocks : nil
        pipeline.start(inputs, stream: stream) { document, scratch in
            let report = PreparedReport.prepare(document, scratch: &scratch, blocks: blocks)
            return stored.contains(report.sha256) ? StoredReport(unchanged: report) : StoredReport(report, deflater: deflater)
        }
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
                // Reading creates nothing: a file import never wrote into (an empty one, another program's) is said
                // to be so rather than "no such table".
                guard try db.tableExists("reports") else {
                    throw HWCheckError(.badData, "not an hwcheck inventory (no reports table): 'hwcheck fleet import --db FILE' makes one")
                }
                // A version 1 file (opened for reading, so not migrated) has no json_size: its json is the text.
                let hasSize = try db.columns(in: "reports").contains { $0.name == "json_size" }
                let statement = try db.makeStatement(sql: "SELECT id, json, \(hasSize ? "json_size" : "NULL") FROM latest_reports ORDER BY device_id")
                let row = statement.sqliteStatement
                defer { sqlite3_reset(row) }
                var reports: [String] = []
                while true {
                    let code = sqlite3_step(row)
                    if code == SQLITE_DONE { return reports }
                    guard code == SQLITE_ROW else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                    }
                    reports.append(try StoredReport.text(row))
                }
            }
        } catch let error as HWCheckError {
            throw HWCheckError(error.kind, "--db \(path): \(error.message)")
        } catch {
            throw HWCheckError(.badData, "--db \(path): \(Self.describe(error))")
        }
    }
}

/// Prepared statements for one import run.
struct Importer {
    let db: Database
    let importedAt: String
    let findDevice: Statement
    let insertDevice: Statement
    let updateDevice: Statement
    let insertReport: Statement
    let insertBinding: Statement

    init(db: Database, importedAt: String) throws {
        self.db = db
        self.importedAt = importedAt
        // A device is looked up, then inserted or its first/last seen widened, in three single-row statements
        // rather than one `INSERT … ON CONFLICT DO UPDATE … RETURNING`: an upsert may write twice (and RETURNING
        // runs as a trigger), so SQLite kept a statement journal for it on every report (see `insertBinding`).
        findDevice = try db.makeStatement(sql: "SELECT id, first_seen, last_seen FROM devices WHERE device_key = ?")
        insertDevice = try db.makeStatement(sql: "INSERT INTO devices (device_key, host_id, first_seen, last_seen) VALUES (?, ?, ?, ?)")
        updateDevice = try db.makeStatement(sql: "UPDATE devices SET first_seen = ?, last_seen = ? WHERE id = ?")
        insertReport = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO reports (device_id, collected_at, time_source, verdict, source, imported_at, sha256, json, json_size)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // One row a statement, run once a row: a statement inserting several rows may fail half-way and so keeps
        // a statement journal of every page it changes (sqlite3MultiWrite, sqlite3MayAbort in SQLite's build.c);
        // a single-row insert checks its constraints before it writes and keeps none.
        insertBinding = try db.makeStatement(sql: """
            INSERT INTO bindings (report_id, field, value, state, status, reasons) VALUES (?, ?, ?, ?, ?, ?)
            """)
    }

    /// Binds and steps the prepared statements through SQLite's C interface (`sqlite3_bind_*`, `sqlite3_step` on
    /// GRDB's `Statement.sqliteStatement`): GRDB's `StatementArguments` boxes every value in an array of
    /// `DatabaseValue`s, a few allocations and retains per column, which the profile of a million-report import
    /// showed beside SQLite's own work. Text is copied by SQLite (`SQLITE_TRANSIENT`) straight from the Swift
    /// string's UTF-8 storage.
    mutating func add(_ stored: StoredReport, counts: inout FleetDatabase.ImportCounts) throws(DatabaseError) {
        let report = stored.report
        let document = report
        let sha = report.sha256
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
        // A report already imported names a device already there whose times already cover it: nothing is
        // written for the device, and the report insert is ignored on its hash.
        let deviceID = try deviceID(key: key, hostId: device.hostId, seen: time.text)

        let insert = insertReport.sqliteStatement
        try check(sqlite3_bind_int64(insert, 1, deviceID))
        try bind(insert, 2, time.text)
        try bind(insert, 3, time.source)
        try bind(insert, 4, document.summary.verdict.rawValue)
        try bind(insert, 5, document.origin.label)
        try bind(insert, 6, importedAt)
        try bind(insert, 7, sha)
        try check(stored.json.withUnsafeBytes { bytes in
            stored.isCompressed ? sqlite3_bind_blob(insert, 8, bytes.baseAddress, Int32(bytes.count), transient)
                : sqlite3_bind_text(insert, 8, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        })
        try check(sqlite3_bind_int64(insert, 9, Int64(report.json.count)))
        _ = try step(insert)
        sqlite3_reset(insert)
        guard sqlite3_changes(db.sqliteConnection) > 0 else {
            counts.alreadyPresent += 1
            return
        }
        let reportID = sqlite3_last_insert_rowid(db.sqliteConnection)
        let binding = insertBinding.sqliteStatement
        try check(sqlite3_bind_int64(binding, 1, reportID))
        try bind(binding, 2, "hostId")
        try bind(binding, 3, device.hostId)
        try bind(binding, 4, Self.state(device.hostId, placeholder: device.hostIdIsPlaceholder))
        try check(sqlite3_bind_null(binding, 5))
        try bind(binding, 6, "")
        _ = try step(binding)
        sqlite3_reset(binding)
        // Each row of the report by its id, in report order (B1 … B4 with the built-in spec). A row whose id is
        // "hostId" is left out here (its field would clash; the report's JSON keeps it).
        for row in document.summary.rows where row.id != "hostId" {
            // Judged on the Windows form: a junk controller serial is still a placeholder value.
            try bind(binding, 2, row.id)
            try bind(binding, 3, row.value)
            try bind(binding, 4, Self.state(row.value, placeholder: row.valueIsPlaceholder))
            try bind(binding, 5, row.status?.text)
            try bind(binding, 6, row.reasons.map(\.text).joined(separator: ","))
            _ = try step(binding)
            sqlite3_reset(binding)
        }
        counts.imported += 1
    }

    /// The device's row id, inserting the device or widening its first and last seen to `seen` (RFC 3339 UTC:
    /// text order is time order, as in SQL).
    private func deviceID(key: String, hostId: String?, seen: String?) throws(DatabaseError) -> Int64 {
        let find = findDevice.sqliteStatement
        try bind(find, 1, key)
        guard try step(find) else {
            sqlite3_reset(find)
            let insert = insertDevice.sqliteStatement
            try bind(insert, 1, key)
            try bind(insert, 2, hostId)
            try bind(insert, 3, seen)
            try bind(insert, 4, seen)
            _ = try step(insert)
            sqlite3_reset(insert)
            return sqlite3_last_insert_rowid(db.sqliteConnection)
        }
        let id = sqlite3_column_int64(find, 0)
        let first = columnText(find, 1)
        let last = columnText(find, 2)
        sqlite3_reset(find)
        guard let seen else { return id }
        let newFirst = first.map { min($0, seen) } ?? seen
        let newLast = last.map { max($0, seen) } ?? seen
        if newFirst != first || newLast != last {
            let update = updateDevice.sqliteStatement
            try bind(update, 1, newFirst)
            try bind(update, 2, newLast)
            try check(sqlite3_bind_int64(update, 3, id))
            _ = try step(update)
            sqlite3_reset(update)
        }
        return id
    }

    private func columnText(_ statement: SQLiteStatement, _ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: text)
    }

    /// Tells SQLite to copy a bound value (sqlite3.h's `SQLITE_TRANSIENT`, which Swift cannot import: a cast of -1).
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) throws(DatabaseError) {
        guard var text else { return try check(sqlite3_bind_null(statement, index)) }
        let transient = transient
        try check(text.withUTF8 { sqlite3_bind_text(statement, index, UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32($0.count), transient) })
    }

    /// Steps a statement once: true for a row, false when done; an error leaves the statement reset.
    private func step(_ statement: SQLiteStatement) throws(DatabaseError) -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        sqlite3_reset(statement)
        throw error(code)
    }

    private func check(_ code: Int32) throws(DatabaseError) {
        if code != SQLITE_OK { throw error(code) }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    static func state(_ value: String?, placeholder: Bool) -> String {
        value == nil ? "missing" : placeholder ? "placeholder" : "value"
    }
}


/// A report as the inventory stores it (schema v2): the compact JSON, zlib-compressed when that is smaller.
struct StoredReport: Sendable {
    var report: PreparedReport
    /// What the `json` column holds: `report.json`, or its zlib stream.
    var json: [UInt8]
    var isCompressed: Bool

    /// Compresses on the reading thread, beside parsing and hashing, so the writing thread only copies bytes.
    init(_ report: PreparedReport, deflater: Deflater) {
        self.report = report
        if let compressed = deflater.compress(report.json) {
            json = compressed
            isCompressed = true
        } else {
            json = report.json
            isCompressed = false
        }
    }

    /// A report the database already holds: the writer ignores it on its hash, so it is not compressed.
    init(unchanged report: PreparedReport) {
        self.report = report
        json = report.json
        isCompressed = false
    }

    /// The largest report import stores: ReportStream skips a longer document (its `maximumDocumentSize`).
    static let maximumSize = 64 * 1024 * 1024

    /// deflate's largest compression ratio, 1032:1 (zlib's algorithm.txt, "the maximum compression ratio").
    static let maximumRatio = 1032

    /// The JSON text of an `id`, `json`, `json_size` row: as stored, or inflated (the sqlite3 shell's
    /// sqlar_uncompress). A json_size no import writes (negative, over the 64 MiB a report may have, or more
    /// than deflate can make of the blob) is a damaged row, refused before any memory is set aside for it.
    static func text(_ row: SQLiteStatement) throws(DatabaseError) -> String {
        let id = sqlite3_column_int64(row, 0)
        let count = Int(sqlite3_column_bytes(row, 1))
        let recorded = sqlite3_column_type(row, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64(row, 2)
        guard recorded >= 0, recorded <= Int64(maximumSize), recorded <= Int64(count) * Int64(maximumRatio) + 64 else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT,
                                message: "report id \(id): json_size \(recorded) cannot be the size of its \(count)-byte json (a damaged database)")
        }
        let size = Int(recorded)
        guard let stored = sqlite3_column_blob(row, 1) else { return "" }
        if size == 0 || size == count {
            return String(decoding: UnsafeRawBufferPointer(start: stored, count: count), as: UTF8.self)
        }
        var inflated = [UInt8](repeating: 0, count: size)
        var length = uLongf(size)
        let code = inflated.withUnsafeMutableBufferPointer { output in
            uncompress(output.baseAddress, &length, stored.assumingMemoryBound(to: Bytef.self), uLong(count))
        }
        guard code == Z_OK, Int(length) == size else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "report id \(id): does not inflate to its json_size (zlib \(code))")
        }
        return String(decoding: inflated, as: UTF8.self)
    }
}

/// zlib's deflate at level 1, one stream reset between reports: compress() would allocate and clear zlib's
/// state (about 270 KB) for every report. Level 1 keeps most of the gain (3.1 KB to 1.1 KB for a bench report;
/// level 6 only reaches 1.0 KB) at a fraction of the time. Used by the one reading thread only.
final class Deflater: @unchecked Sendable {
    private var stream = z_stream()
    private let ready: Bool

    init() {
        // windowBits 15: a zlib (RFC 1950) stream, as compress() writes and uncompress() reads.
        ready = deflateInit2_(&stream, 1, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { deflateEnd(&stream) }
    }

    /// `bytes` compressed, or nil when that is not smaller (the text is then stored as is) or zlib failed.
    func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard ready, !bytes.isEmpty, deflateReset(&stream) == Z_OK else { return nil }
        let bound = Int(deflateBound(&stream, uLong(bytes.count)))
        var finished = false
        let output = [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(bound)
                finished = deflate(&stream, Z_FINISH) == Z_STREAM_END
                count = finished ? bound - Int(stream.avail_out) : 0
            }
        }
        return finished && output.count < bytes.count ? output : nil
    }
}

/// The reading thread's look-up of reports already stored, on a read-only connection of its own (WAL lets it read
/// beside the writer): a report already there is not compressed, so importing the same files again costs reading
/// and hashing, not deflate (about half of the reading thread's time). It sees committed batches only; a miss
/// costs one needless compression, never a wrong row. Used by the one reading thread only.
final class StoredHashes: @unchecked Sendable {
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?
    /// Tells SQLite to copy a bound value (sqlite3.h's `SQLITE_TRANSIENT`).
    private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) {
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else { return }
        if sqlite3_prepare_v2(connection, "SELECT 1 FROM reports WHERE sha256 = ?", -1, &statement, nil) != SQLITE_OK {
            statement = nil
        }
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close(connection)
    }

    /// True when a committed report has this hash; false when not, or when the look-up failed.
    func contains(_ sha256: String) -> Bool {
        guard let statement else { return false }
        defer { sqlite3_reset(statement) }
        var text = sha256
        let transient = transient
        let bound = text.withUTF8 { sqlite3_bind_text(statement, 1, UnsafeRawPointer($0.baseAddress)?.assumingMemoryBound(to: CChar.self), Int32($0.count), transient) }
        return bound == SQLITE_OK && sqlite3_step(statement) == SQLITE_ROW
    }
}
