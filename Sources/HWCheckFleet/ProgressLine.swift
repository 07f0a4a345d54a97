import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// The progress line of long reads (`fleet`, `fleet import`, `trace`): reports read, the rate, and — when the
/// inputs are files, so their size is known — the share done and an estimate of the time left. It goes to standard
/// error only when that is a terminal, never in a pipe or a file, in CI (`CI` set) or with --quiet; it is redrawn
/// in place (CR, erase line) at most four times a second and erased when the work ends, so the output proper and
/// the "skipped" lines are never mixed with it.
public final class ProgressLine {
    public let enabled: Bool
    let totalBytes: Int?
    let language: Language
    let start: Double
    var lastDrawn = 0.0
    var drawn = false

    /// Whether a progress line belongs on this standard error.
    public static func wanted(quiet: Bool, environment: [String: String], descriptor: Int32 = STDERR_FILENO) -> Bool {
        !quiet && isatty(descriptor) == 1 && (environment["CI"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    public init(enabled: Bool, inputs: [String], language: Language = .en) {
        self.enabled = enabled
        self.language = language
        start = Self.now()
        totalBytes = enabled ? Self.size(of: inputs) : nil
    }

    /// Called after each batch with the totals so far.
    public func update(reports: Int, bytes: Int) {
        guard enabled else { return }
        let now = Self.now()
        guard now - lastDrawn >= 0.25 else { return }
        lastDrawn = now
        let elapsed = max(now - start, 0.001)
        let rate = Int(Double(reports) / elapsed)
        let zh = language == .zh
        var text = zh ? "已读取 \(reports) 份报告（每秒 \(rate) 份）" : "\(reports) \(reports == 1 ? "report" : "reports") read (\(rate)/s)"
        if let totalBytes, totalBytes > 0 {
            let done = min(1, Double(bytes) / Double(totalBytes))
            text += zh ? "，\(Int(done * 100))%" : ", \(Int(done * 100))%"
            if done >= 0.01 && done < 1 {
                let left = Self.duration(elapsed * (1 - done) / done, zh: zh)
                text += zh ? "，约剩 \(left)" : ", about \(left) left"
            }
        }
        emit("\r\u{1B}[K" + "hwcheck: " + text)
        drawn = true
    }

    /// Erases the line, so what follows starts on a clean line.
    public func finish() {
        if drawn { emit("\r\u{1B}[K") }
        drawn = false
    }

    static func duration(_ seconds: Double, zh: Bool) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return zh ? "\(whole) 秒" : "\(whole) s" }
        return zh ? "\(whole / 60) 分 \(whole % 60) 秒" : "\(whole / 60) min \(whole % 60) s"
    }

    /// Bytes in the inputs that are files or folders of files; nil when one is standard input or unknown.
    static func size(of inputs: [String]) -> Int? {
        var total = 0
        for input in inputs {
            var info = stat()
            guard input != "-", stat(input, &info) == 0 else { return nil }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                total += sizeBelow(input, depth: 0)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                total += Int(info.st_size)
            } else {
                return nil
            }
        }
        return total
    }

    /// Regular files under a folder, links not followed (an estimate must not walk a link loop).
    static func sizeBelow(_ directory: String, depth: Int) -> Int {
        guard depth < 64 else { return 0 }
        var total = 0
        for entry in ReportStream.filesBelow(directory) {
            var info = stat()
            guard lstat(entry, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: total += Int(info.st_size)
            case S_IFDIR: total += sizeBelow(entry, depth: depth + 1)
            default: continue
            }
        }
        return total
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    func emit(_ text: String) {
        DescriptorOutput.standardError(text)
    }
}
