import GRDB
import HWCheckCore
@testable import HWCheckBundle
@testable import HWCheckFleet
@testable import HWCheckInventory
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 9 (hostile input, round 2), the readers' side: each test reproduces one finding (a trap, a hang, a
/// silent loss) and holds the fix.
@Suite struct HostileReaderTests {
    // MARK: JSON integers (item 3)

    /// 2^63 and -(2^63 + 1) overflowed the integer reader (a trap); they are errors now, and Int.min still reads.
    @Test(arguments: ["9223372036854775808", "-9223372036854775809", "99999999999999999999999"])
    func integerOverflowIsAnError(text: String) {
        let bytes = Array((text + " ").utf8)
        let result: Result<Int, JSONReadError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            do throws(JSONReadError) { return .success(try cursor.readInteger()) } catch { return .failure(error) }
        }
        guard case .failure(let error) = result else { Issue.record("read \(text)"); return }
        #expect(error.message == "integer too large")
    }

    @Test func integerLimitsRead() throws {
        for (text, value) in [("9223372036854775807 ", Int.max), ("-9223372036854775808 ", Int.min), ("-0 ", 0)] {
            let read: Int? = Array(text.utf8).withUnsafeBufferPointer { buffer in
                var cursor = JSONCursor(buffer)
                return try? cursor.readInteger()
            }
            #expect(read == value, "\(text)")
        }
    }

    /// One report with a huge schemaVersion is listed and skipped; the next one is read.
    @Test func hugeSchemaVersionIsSkipped() throws {
        let good = SyntheticDevice(hostId: "u1", b1: "S1", b2: "D1", b3: "M1", b4: "aa:00:00:00:00:01").json()
        let bad = good.replacingEvery("\"schemaVersion\":1", with: "\"schemaVersion\":9223372036854775808")
        let result = try analyse(bad + "\n" + good + "\n")
        #expect(result.reportsRead == 1)
        #expect(result.problems.map(\.origin.line) == [1])
    }

    // MARK: The tar reader (items 1, 2, 12)

    static func header(_ name: String, size: Int, type: Character = "0", mode: String = "0000644") -> [UInt8] {
        var block = Tar.header(name: name, prefix: "", mode: 0, size: size, type: UInt8(ascii: type.unicodeScalars.first ?? "0"), link: "")
        for (index, byte) in (Array(mode.utf8) + [0]).prefix(8).enumerated() { block[100 + index] = byte }
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        let field = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits + [0, UInt8(ascii: " ")]
        for (index, byte) in field.enumerated() { block[148 + index] = byte }
        return block
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    /// A pax record "1 " (its length counts less than its own digits and space) trapped on a reversed range.
    @Test(arguments: ["1 ", "2 ", "3 x", "5 a=b", "0 path=x\n", "12 path=abc", "99999999999 path=x\n", " 9 path=\n", "9 =value\n"])
    func malformedPaxRecordIsAnError(record: String) {
        let data = Array(record.utf8)
        let archive = Self.header("x", size: data.count, type: "x") + Tar.padded(data) + Self.header("f", size: 0) + Self.end
        #expect(throws: Tar.ReadError.self) { try Tar.read(archive) }
    }

    /// A mode (or size, or checksum) field holding a sign or a non-octal digit trapped converting -1 to UInt32.
    @Test(arguments: ["-000001", "0000-01", "+000644", "0000009", "\u{80}000000"])
    func badNumberFieldIsAnError(mode: String) {
        #expect(throws: Tar.ReadError.self) { try Tar.read(Self.header("f", size: 0, mode: mode) + Self.end) }
    }

    /// Octal fields padded with spaces (as other tar writers do) still read.
    @Test func spacePaddedNumbersRead() throws {
        let read = try Tar.read(Self.header("f", size: 0, mode: " 644 \0\0") + Self.end)
        #expect(read == [TarEntry(path: "f", kind: .file([]), mode: 0o644)])
    }

    /// Entry count and content size are bounded: a tar bomb stops with an error naming the limit.
    @Test func limitsStopTarBombs() throws {
        let many = Tar.write((0..<20).map { TarEntry(path: "f\($0)", kind: .file([1]), mode: 0o644) })
        let small = Tar.Limits(maximumEntries: 10, maximumSize: 1 << 20)
        #expect(throws: Tar.ReadError(message: "more than 10 entries (the limit for a bundle)")) { try Tar.read(many, limits: small) }
        #expect(try Tar.read(many, limits: Tar.Limits(maximumEntries: 20, maximumSize: 20)).count == 20)
        // A header that announces 300 MiB is refused before anything is read.
        #expect(throws: Tar.ReadError(message: "content over 256 MiB (the limit for a bundle)")) {
            try Tar.read(Self.header("big", size: 300 << 20) + Self.end)
        }
        #expect(throws: Tar.ReadError(message: "content over 0 MiB (the limit for a bundle)")) {
            try Tar.read(many, limits: Tar.Limits(maximumEntries: 100, maximumSize: 19))
        }
    }

    /// Extraction streams from a descriptor, creates what the in-memory reader reads, and stops when asked.
    @Test func streamingExtraction() throws {
        let entries = [
            TarEntry(path: "sys", kind: .directory, mode: 0o755),
            TarEntry(path: "sys/big", kind: .file((0..<200_000).map { UInt8(truncatingIfNeeded: $0) }), mode: 0o640),
            TarEntry(path: "sys/link", kind: .symlink("big"), mode: 0o777),
        ]
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-tar-stream"))
        defer { FileIO.removeTree(directory) }
        #expect(FileIO.writeAtomically(Tar.write(entries), to: directory + "/a.tar") == nil)
        mkdir(directory + "/out", 0o700)
        let descriptor = open(directory + "/a.tar", O_RDONLY)
        defer { close(descriptor) }
        #expect(try Tar.extract(from: descriptor, into: directory + "/out") == 3)
        let root = SystemRoot(path: directory + "/out")
        guard case .file(let content) = entries[1].kind else { return }
        #expect(root.read("sys/big") == .bytes(content))
        #expect(root.readLink("sys/link") == "big")

        mkdir(directory + "/stopped", 0o700)
        lseek(descriptor, 0, SEEK_SET)
        #expect(throws: Tar.ReadError(message: "interrupted")) {
            try Tar.extract(from: descriptor, into: directory + "/stopped", shouldStop: { true })
        }
    }

    // MARK: The report stream (items 8, 11, 14)

    /// A document over the size limit used to end its file; the reports after it are read now, and the skipped
    /// document is listed with its line.
    @Test func overlongDocumentIsSkippedNotTheRest() throws {
        let good = SyntheticDevice(hostId: "u1", b1: "S1", b2: "D1", b3: "M1", b4: "aa:00:00:00:00:01").json()
        let good2 = SyntheticDevice(hostId: "u2", b1: "S2", b2: "D2", b3: "M2", b4: "aa:00:00:00:00:02").json()
        let huge = "{\"schemaVersion\":1,\"pad\":\"" + String(repeating: "x", count: 5000) + "\",\n\"more\":\"" + String(repeating: "y", count: 3000) + "\"}"
        let path = try temporaryFile(good + huge + "\n" + good2)
        defer { removeTemporary(path) }
        var stream = ReportStream()
        stream.chunkSize = 1024
        stream.maximumDocumentSize = 4096
        var hosts: [String?] = []
        var problems: [InputProblem] = []
        stream.read([path], onProblem: { problems.append($0) }) { (document: ReportDocument) throws(Never) in
            hosts.append(document.summary.hostId)
            if document.summary.hostId == "u2" { #expect(document.origin.line == 4) }
        }
        #expect(hosts == ["u1", "u2"])
        #expect(problems.map(\.origin.line) == [2])
        #expect(problems.first?.reason == "a document longer than 4096 bytes, skipped")
    }

    /// A UTF-8 byte order mark before the first report cost that report.
    @Test func byteOrderMarkIsIgnored() throws {
        let good = SyntheticDevice(hostId: "u1", b1: "S1").json()
        let result = try analyse("\u{FEFF}" + good + SyntheticDevice(hostId: "u2", b1: "S2").json())
        #expect(result.reportsRead == 2)
        #expect(result.problems.isEmpty)
    }

    /// A directory with two links to itself, a FIFO and a link to /dev/zero: every directory is read once, only
    /// regular files are read, and what was left out is listed. (Before: an exponential walk, a blocked read,
    /// an endless one.)
    @Test func directoryWalkVisitsOnceAndReadsOnlyFiles() throws {
        let path = try temporaryFile(SyntheticDevice(hostId: "u1", b1: "S1").json() + "\n", name: "a.jsonl")
        defer { removeTemporary(path) }
        let directory = String(path.dropLast("/a.jsonl".count))
        symlink(".", directory + "/loop1")
        symlink(".", directory + "/loop2")
        mkfifo(directory + "/pipe.jsonl", 0o600)
        symlink("/dev/zero", directory + "/zero.jsonl")
        var problems: [InputProblem] = []
        var reports = 0
        ReportStream().read([directory], onProblem: { problems.append($0) }) { (_: ReportDocument) throws(Never) in reports += 1 }
        #expect(reports == 1)
        #expect(problems.map(\.origin.source) == [directory + "/loop1", directory + "/loop2", directory + "/pipe.jsonl", directory + "/zero.jsonl"])
        #expect(problems.map(\.reason) == ["a directory already read (a link to it), skipped", "a directory already read (a link to it), skipped",
                                           "not a regular file (a FIFO), skipped", "not a regular file (a character device), skipped"])
        // Named on the command line, a device is refused too (a FIFO named there is read: process substitution).
        problems = []
        ReportStream().read(["/dev/zero"], onProblem: { problems.append($0) }) { (_: ReportDocument) throws(Never) in }
        #expect(problems.map(\.reason) == ["not a regular file (a character device), skipped"])
    }

    // MARK: The inventory (items 5, 14)

    /// A damaged page met inside an import transaction trapped in GRDB ("A transaction has been left opened");
    /// it is an error (bad data, 65) now, and the database stays usable for reading.
    @Test func damagedPageDuringImportIsAnError() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-corrupt"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let file = directory + "/fleet.db"
        var rootPage = 0
        do {
            let database = try FleetDatabase(path: file)
            _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { _ in }
            rootPage = try database.queue.writeWithoutTransaction { db in
                try db.checkpoint(.truncate)
                return try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'reports'") ?? 0
            }
        }
        #expect(rootPage > 1)
        let descriptor = open(file, O_WRONLY)
        #expect(descriptor >= 0)
        let garbage = [UInt8](repeating: 0xA5, count: 16384)
        #expect(pwrite(descriptor, garbage, garbage.count, off_t((rootPage - 1) * 16384)) == garbage.count)
        close(descriptor)

        let more = directory + "/more.jsonl"
        #expect(FileIO.writeAtomically(Array((SyntheticDevice(hostId: "new", b1: "N1", b2: "N2", b3: "N3", b4: "aa:00:00:00:00:99").json() + "\n").utf8),
                                       to: more) == nil)
        let database = try FleetDatabase(path: file)
        do {
            _ = try database.importReports([more], importedAt: "2026-03-07T00:00:00Z") { _ in }
            Issue.record("imported into a damaged database")
        } catch {
            #expect(error.kind == .badData)
            #expect(error.message.hasPrefix("import: "))
        }
    }

    /// A second import into a database another writer holds waited not at all ("database is locked" at once);
    /// it waits for the busy timeout and then says what to do.
    @Test func lockedDatabaseWaitsThenSaysWhy() throws {
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-db-locked"))
        defer { FileIO.removeTree(directory) }
        let reports = directory + "/fleet.jsonl"
        #expect(FileIO.writeAtomically(Array(FleetAnalysisTests.fleet().utf8), to: reports) == nil)
        let file = directory + "/fleet.db"
        _ = try FleetDatabase(path: file)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // the lock is held across accesses on purpose
        let holder = try DatabaseQueue(path: file, configuration: holding)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        let database = try FleetDatabase(path: file, busyTimeout: 0.2)
        do {
            _ = try database.importReports([reports], importedAt: "2026-03-06T00:00:00Z") { _ in }
            Issue.record("imported while another writer held the database")
        } catch {
            #expect(error.kind == .badData)
            #expect(error.message.contains("another program (a second import?) kept it locked"), "\(error.message)")
        }
    }

    // MARK: Whole-file inputs (item 12)

    @Test func inputFilesAreBounded() throws {
        let path = try temporaryFile(String(repeating: "x", count: 5000))
        defer { removeTemporary(path) }
        #expect(try InputFile.read(path, given: "r", limit: 5000).count == 5000)
        #expect(throws: HWCheckError(.badData, "r: larger than 0 MiB, the limit for this input")) {
            try InputFile.read(path, given: "r", limit: 4999)
        }
        #expect(throws: HWCheckError(.badData, "z: not a regular file (a device), give a file")) {
            try InputFile.read("/dev/zero", given: "z", limit: 1 << 20)
        }
        #expect(throws: HWCheckError.self) { try InputFile.read("/nonexistent/r", given: "r", limit: 10) }
    }
}
