import Foundation
import Testing

/// What a person sees: colour only on a terminal and never with NO_COLOR, Chinese columns aligned by display
/// width, long lines wrapped at the terminal's width.
@Suite struct TerminalTests {
    static let seed = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path

    /// Runs hwcheck on a pseudo-terminal (util-linux `script`), as a technician's shell would.
    func onTerminal(_ arguments: [String], environment: [String: String] = [:], removing: [String] = []) throws -> String {
        let command = ([Harness.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        var env = environment
        env["COLUMNS"] = env["COLUMNS"] ?? "100"
        let result = try Harness.run("/usr/bin/script", ["-qec", "stty cols ${COLUMNS}; " + command, "/dev/null"],
                                     environment: env, removing: removing)
        // A terminal ends lines with CR LF, which Swift would keep together as one Character.
        return result.stdout.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func colourOnATerminalOnly() throws {
        let terminal = try onTerminal(["--sysroot", Self.seed], removing: ["NO_COLOR"])
        #expect(terminal.contains("\u{1B}[1;31m"), "a failing verdict is bold red on a terminal")
        #expect(terminal.contains("✘"))
        let piped = try Harness.run(Harness.binary, ["--sysroot", Self.seed], removing: ["NO_COLOR"])
        #expect(!piped.stdout.contains("\u{1B}"))
        #expect(!piped.stdout.contains("✘"))
    }

    @Test func noColorOnATerminal() throws {
        let terminal = try onTerminal(["--sysroot", Self.seed], environment: ["NO_COLOR": "1"])
        #expect(!terminal.contains("\u{1B}["))
        #expect(terminal.contains("NON-COMPLIANT"))
    }

    /// Every line of the B1–B4 table starts its value column at the same terminal cell, in Chinese too.
    @Test(arguments: ["seed-m903g6g4", "greatwall-utf8"])
    func chineseColumnsAlign(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let report = try Harness.hwcheck(["--sysroot", root, "--lang", "zh"]).stdout
        let lines = report.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.contains("检查内容") })
        let rows = lines.filter { $0.hasPrefix(" B") }
        #expect(rows.count == 4)
        func cells(before marker: String, in line: String) -> Int? {
            line.range(of: marker).map { width(String(line[..<$0.lowerBound])) }
        }
        let valueColumn = try #require(cells(before: "值", in: header))
        let titles = ["BIOS/系统序列号", "系统盘序列号", "主板序列号", "物理网卡 MAC 地址"]
        for (row, title) in zip(rows, titles) {
            let titleStart = try #require(cells(before: title, in: row))
            let afterTitle = titleStart + width(title)
            let rest = row.dropFirst(row.distance(from: row.startIndex, to: row.range(of: title)!.upperBound))
            let padding = rest.prefix { $0 == " " }.count
            #expect(afterTitle + padding == valueColumn, "\(row)")
        }
    }

    @Test func wrapsAtTheTerminalWidth() throws {
        let report = try onTerminal(["--sysroot", Self.seed, "--lang", "zh"], environment: ["COLUMNS": "60", "NO_COLOR": "1"])
        let remedyLines = report.split(separator: "\n").drop { !$0.contains("处理建议") }.prefix { !$0.contains("主机标识") }
        #expect(remedyLines.count > 8)
        for line in remedyLines {
            #expect(width(String(line).trimmingCharacters(in: .whitespacesAndNewlines)) <= 60, "\(line)")
        }
    }

    /// On an 80-column terminal (and a 60-column one) no line of the report, the B1–B4 table included, runs past
    /// the edge, in English and Chinese, --verbose too; wrapped table cells keep their column.
    @Test(arguments: ["seed-m903g6g4", "laptop-usb-nic-wifi", "hostile-dmi-values", "server-multipath-bmc"])
    func tableStaysInsideTheTerminal(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        for columns in ["80", "60"] {
            for language in ["en", "zh"] {
                let report = try onTerminal(["--sysroot", root, "--lang", language, "-v"], environment: ["COLUMNS": columns, "NO_COLOR": "1"])
                let lines = report.split(separator: "\n").map(String.init)
                #expect(lines.count > 10)
                for line in lines {
                    #expect(width(line) <= Int(columns) ?? 0, "\(machine) \(language) at \(columns): \(line)")
                }
            }
        }
        // In a pipe nothing is wrapped: one line per table row.
        let piped = try Harness.hwcheck(["--sysroot", root]).stdout
        #expect(piped.split(separator: "\n").filter { $0.hasPrefix(" B") }.count == 4)
    }

    /// fleet, fleet import and trace show a progress line on a terminal's standard error — and erase it — but not
    /// with --quiet, not in CI, not in a pipe.
    @Test func progressLineOnATerminalOnly() throws {
        let report = Harness.fixtures.appendingPathComponent("seed-m903g6g4/expected/report.json").path
        let scratch = try makeScratchDirectory("progress")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let records = scratch.appendingPathComponent("r.csv").path
        try "id,biosSerial\nr1,M903G6G4\n".write(toFile: records, atomically: true, encoding: .utf8)
        let database = scratch.appendingPathComponent("fleet.db").path
        let commands = [["fleet", "--json", report], ["fleet", "import", "--db", database, report], ["trace", records, "--reports", report]]
        for command in commands {
            let shown = try onTerminal(command)
            #expect(shown.contains("hwcheck: 1 report read ("), "\(command): \(shown)")
            #expect(shown.contains("\r\u{1B}[K"), "the line is erased at the end")
            #expect(!(try onTerminal(command + ["--quiet"])).contains("report read"), "\(command) --quiet")
            #expect(!(try onTerminal(command, environment: ["CI": "true"])).contains("report read"), "\(command) in CI")
            #expect(!(try Harness.hwcheck(command)).stderr.contains("report read"), "\(command) in a pipe")
        }
    }

    /// Cells a string takes on a terminal, by the terminal's own reference: glibc's wcswidth(3) in C.UTF-8 (not a
    /// copy of hwcheck's `Terminal.displayWidth`, which DisplayWidthTests compares with the same function).
    func width(_ text: String) -> Int {
        // Glibc's module map leaves wcswidth out (declared only under _XOPEN_SOURCE): looked up by name.
        typealias WidthFunction = @convention(c) (UnsafePointer<wchar_t>?, Int) -> Int32
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcswidth") else {
            Issue.record("no C.UTF-8 locale or wcswidth")
            return 0
        }
        let wcswidth = unsafeBitCast(symbol, to: WidthFunction.self)
        let wide = text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let cells = wide.withUnsafeBufferPointer { wcswidth($0.baseAddress, $0.count) }
        if cells < 0 { Issue.record("wcswidth: a non-printable character in \(text.debugDescription)") }
        return Int(cells)
    }
}
