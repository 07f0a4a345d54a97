// Reading reports from files, directories and standard input, one document after another.
//
// A file may hold one pretty-printed report (`hwcheck --json --output FILE`) or many compact ones, one per line
// (`hwcheck --json --compact`, JSON lines). Input is read in chunks, so a file of a million reports costs one
// chunk of memory, not the file. A document that is not JSON, or not an hwcheck report, is reported as a
// problem with its file and line, and reading resumes at the next line that starts with "{" (the start of the
// next compact report); nothing else stops.

import HWCheckCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// Where a report came from: a file (or "-" for standard input) and the line its document starts on.
public struct ReportOrigin: Equatable, Sendable, Hashable {
    public var source: String
    public var line: Int

    public init(source: String, line: Int) {
        self.source = source
        self.line = line
    }

    /// "reports/pc1.json" for a file's first document (or the file itself, line 0), "fleet.jsonl:42" otherwise.
    public var label: String { line <= 1 && source != "-" ? source : "\(source):\(line)" }
}

/// An input, or part of one, that was skipped, and why.
public struct InputProblem: Equatable, Sendable {
    public var origin: ReportOrigin
    public var reason: String

    public init(origin: ReportOrigin, reason: String) {
        self.origin = origin
        self.reason = reason
    }
}

/// One report as read: valid only inside the callback that receives it (`text` points into the read buffer).
public struct ReportDocument {
    public var summary: ReportSummary
    public var origin: ReportOrigin
    /// The file's modification time in seconds since the epoch; nil for standard input.
    public var modificationTime: Int64?
    /// The report's bytes exactly as read.
    public var text: UnsafeBufferPointer<UInt8>
}

public struct ReportStream: Sendable {
    /// Bytes read per `read(2)`.
    public var chunkSize = 4 * 1024 * 1024
    /// A document longer than this is skipped (a report is ≈ 10 KB; this guards against a runaway input).
    public var maximumDocumentSize = 64 * 1024 * 1024

    public init() {}

    /// Reads every input in order: files, directories (their files, recursively, in name order, hidden names
    /// skipped) and "-" (standard input). Errors thrown by `onReport` stop reading and are rethrown.
    ///
    /// Inside directories only regular files are read and each directory is visited once (by device and inode),
    /// so links to "." cannot make the walk loop or grow, and a FIFO or a link to /dev/zero cannot block or spin;
    /// what is left out is listed through `onProblem`. Named on the command line, a FIFO is read (a process
    /// substitution, `<(…)`, is one); a character or block device is not.
    public func read<E: Error>(_ inputs: [String], onProblem: (InputProblem) -> Void,
                               onReport: (ReportDocument) throws(E) -> Void) throws(E) {
        var visited = Set<FileIdentity>()
        for input in inputs {
            try read(input, named: true, visited: &visited, onProblem: onProblem, onReport: onReport)
        }
    }

    /// A directory's identity: the same directory reached twice (through a link) has the same one.
    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    func read<E: Error>(_ input: String, named: Bool, visited: inout Set<FileIdentity>, onProblem: (InputProblem) -> Void,
                        onReport: (ReportDocument) throws(E) -> Void) throws(E) {
        if input == "-" && named {
            try readDescriptor(STDIN_FILENO, source: "-", modificationTime: nil, onProblem: onProblem, onReport: onReport)
            return
        }
        var info = stat()
        guard stat(input, &info) == 0 else {
            onProblem(InputProblem(origin: ReportOrigin(source: input, line: 0), reason: Self.describe(errno)))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            guard visited.insert(FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))).inserted else {
                onProblem(InputProblem(origin: ReportOrigin(source: input, line: 1), reason: "a directory already read (a link to it), skipped"))
                return
            }
            for name in Self.filesBelow(input) {
                try read(name, named: false, visited: &visited, onProblem: onProblem, onReport: onReport)
            }
        case S_IFREG:
            try readFile(input, regularOnly: !named, onProblem: onProblem, onReport: onReport)
        case S_IFIFO where named:
            try readFile(input, regularOnly: false, onProblem: onProblem, onReport: onReport)
        default:
            onProblem(InputProblem(origin: ReportOrigin(source: input, line: 1),
                                   reason: "not a regular file (\(Self.describeType(info.st_mode))), skipped"))
        }
    }

    static func describe(_ code: Int32) -> String {
        ErrnoError(code: code).text
    }

    static func describeType(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }

    /// Names in a directory (not followed), sorted, without hidden names unless asked.
    static func filesBelow(_ directory: String, includeHidden: Bool = false) -> [String] {
        let names = (Posix.directoryNames(directory) ?? []).filter { includeHidden || !$0.hasPrefix(".") }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return names.map { base + "/" + $0 }
    }

    /// `regularOnly`: opened without blocking and read only if it is (still) a regular file, so a file swapped
    /// for a FIFO after the walk looked at it cannot block.
    func readFile<E: Error>(_ path: String, regularOnly: Bool = false, onProblem: (InputProblem) -> Void,
                            onReport: (ReportDocument) throws(E) -> Void) throws(E) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (regularOnly ? O_NONBLOCK : 0))
        guard descriptor >= 0 else {
            onProblem(InputProblem(origin: ReportOrigin(source: path, line: 0), reason: Self.describe(errno)))
            return
        }
        defer { close(descriptor) }
        var info = stat()
        let modified: Int64? = fstat(descriptor, &info) == 0 ? Int64(info.st_mtim.tv_sec) : nil
        if regularOnly {
            guard modified != nil, (info.st_mode & S_IFMT) == S_IFREG else {
                onProblem(InputProblem(origin: ReportOrigin(source: path, line: 1),
                                       reason: "not a regular file (\(Self.describeType(info.st_mode))), skipped"))
                return
            }
            _ = fcntl(descriptor, F_SETFL, O_RDONLY)
        }
        try readDescriptor(descriptor, source: path, modificationTime: modified, onProblem: onProblem, onReport: onReport)
    }

    /// The chunked document loop over one open file.
    func readDescriptor<E: Error>(_ descriptor: Int32, source: String, modificationTime: Int64?,
                                  onProblem: (InputProblem) -> Void, onReport: (ReportDocument) throws(E) -> Void) throws(E) {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var start = 0, end = 0
        var endOfFile = false
        var line = 1
        var sawDocument = false
        var resynchronising = false
        var lastSkippedByte: UInt8 = 0
        var checkedByteOrderMark = false

        func countLines(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
            guard let base = buffer.baseAddress, !range.isEmpty else { return 0 }
            var count = 0
            var position = base + range.lowerBound
            let end = base + range.upperBound
            while position < end, let found = memchr(position, 0x0A, end - position) {
                count += 1
                position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
            return count
        }

        while true {
            // Enough bytes for a document, or the end of the file.
            if start == end && !endOfFile {
                start = 0; end = 0
            }
            if !checkedByteOrderMark && (end >= 3 || endOfFile) {
                // A UTF-8 byte order mark (Windows editors write one) before the first document is not part of it.
                checkedByteOrderMark = true
                if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            }
            if resynchronising {
                // Skip the rest of a bad document up to the next line that starts with "{".
                let found: Int? = buffer.withUnsafeBufferPointer { whole in
                    var index = start
                    while index < end {
                        let previous = index == 0 ? lastSkippedByte : whole[index - 1]
                        if previous == 0x0A && whole[index] == UInt8(ascii: "{") { return index }
                        if whole[index] == 0x0A { line += 1 }
                        index += 1
                    }
                    return nil
                }
                if let found {
                    start = found
                    resynchronising = false
                } else {
                    if end > 0 { lastSkippedByte = buffer[end - 1] }
                    start = end
                    if endOfFile { return }
                }
            }
            let outcome: DocumentOutcome<E> = buffer.withUnsafeBufferPointer { whole in
                let window = UnsafeBufferPointer(rebasing: whole[0..<end])
                var cursor = JSONCursor(window, offset: start)
                cursor.skipWhitespace()
                let skipped = countLines(window, start..<cursor.offset)
                if cursor.atEnd { return .needMore(consumedTo: cursor.offset, lines: skipped) }
                let documentStart = cursor.offset
                let origin = ReportOrigin(source: source, line: line + skipped)
                do throws(ReportReadError) {
                    let summary = try ReportSummary.read(&cursor)
                    let text = UnsafeBufferPointer(rebasing: window[documentStart..<cursor.offset])
                    do throws(E) {
                        try onReport(ReportDocument(summary: summary, origin: origin, modificationTime: modificationTime, text: text))
                    } catch {
                        return .stop(error)
                    }
                    return .read(consumedTo: cursor.offset, lines: skipped + countLines(window, documentStart..<cursor.offset))
                } catch {
                    var reason = error.message
                    if case .malformed(_, truncated: true) = error {
                        if !endOfFile { return .needMore(consumedTo: documentStart, lines: skipped) }
                        reason = "not valid JSON: the document is cut short"
                    }
                    if case .foreign = error {
                        // Valid JSON: the cursor is after it.
                        return .problem(InputProblem(origin: origin, reason: error.message), resumeAt: cursor.offset,
                                        lines: skipped + countLines(window, documentStart..<cursor.offset))
                    }
                    let resume = Self.nextDocumentLine(window, after: documentStart)
                    return .problem(InputProblem(origin: origin, reason: reason), resumeAt: resume,
                                    lines: skipped + countLines(window, documentStart..<resume))
                }
            }
            switch outcome {
            case .stop(let error):
                throw error
            case .read(let consumed, let lines):
                start = consumed; line += lines; sawDocument = true
            case .problem(let problem, let resume, let lines):
                onProblem(problem)
                start = resume; line += lines; sawDocument = true
                // The bad document may go on into the next chunk.
                if resume == end && !endOfFile { resynchronising = true; lastSkippedByte = 0 }
            case .needMore(let consumed, let lines):
                start = consumed; line += lines
                if endOfFile {
                    if !sawDocument {
                        onProblem(InputProblem(origin: ReportOrigin(source: source, line: 1), reason: "empty: no report in it"))
                    }
                    return
                }
                // Move what is left to the front, grow if a single document fills the buffer, then read.
                if start > 0 {
                    buffer.withUnsafeMutableBufferPointer { pointer in
                        guard let base = pointer.baseAddress else { return }
                        memmove(base, base + start, end - start)
                    }
                    end -= start; start = 0
                }
                if end == buffer.count {
                    if buffer.count >= maximumDocumentSize {
                        // Listed, dropped, and reading goes on at the next line that starts with "{", as for any
                        // bad document (the lines dropped here are counted so later line numbers stay right).
                        onProblem(InputProblem(origin: ReportOrigin(source: source, line: line),
                                               reason: "a document longer than \(maximumDocumentSize) bytes, skipped"))
                        line += buffer.withUnsafeBufferPointer { countLines($0, 0..<end) }
                        lastSkippedByte = buffer[end - 1]
                        start = 0; end = 0
                        resynchronising = true
                        sawDocument = true
                        continue
                    }
                    buffer.append(contentsOf: repeatElement(0, count: buffer.count))
                }
                let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int in
                    guard let base = pointer.baseAddress else { return -1 }
                    while true {
                        let count = Glibc.read(descriptor, base + end, pointer.count - end)
                        if count < 0 && errno == EINTR { continue }
                        return count
                    }
                }
                if count < 0 {
                    onProblem(InputProblem(origin: ReportOrigin(source: source, line: line), reason: Self.describe(errno)))
                    return
                }
                if count == 0 { endOfFile = true } else { end += count }
            }
        }
    }

    /// The offset of the next line after `offset` that starts with "{", or the end of the window.
    static func nextDocumentLine(_ window: UnsafeBufferPointer<UInt8>, after offset: Int) -> Int {
        var index = offset + 1
        while index < window.count {
            if window[index - 1] == 0x0A && window[index] == UInt8(ascii: "{") { return index }
            index += 1
        }
        return window.count
    }
}

enum DocumentOutcome<E: Error> {
    case read(consumedTo: Int, lines: Int)
    case problem(InputProblem, resumeAt: Int, lines: Int)
    case needMore(consumedTo: Int, lines: Int)
    case stop(E)
}
