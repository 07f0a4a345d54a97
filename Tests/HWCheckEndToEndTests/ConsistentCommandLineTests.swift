import Foundation
import Testing

/// One command line (issue 13): the same option means the same everywhere, help shows what a command takes,
/// missing inputs are 66 with nothing on stdout, small texts read right.
@Suite struct ConsistentCommandLineTests {
    static let report = Harness.fixtures.appendingPathComponent("seed-m903g6g4/expected/report.json").path
    static let desktop = Harness.fixtures.appendingPathComponent("desktop-sata-nvme/expected/report.json").path

    static func records(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("failed.csv").path
        try "id,biosSerial\nr1,M903G6G4\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func jsonFlagEverywhere() throws {
        let scratch = try makeScratchDirectory("jsonflag")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fleetJSON = try Harness.hwcheck(["fleet", "--json", Self.report])
        #expect(fleetJSON.status == 0)
        #expect(fleetJSON.stdout == (try Harness.hwcheck(["fleet", "--format", "json", Self.report])).stdout)
        #expect(fleetJSON.stdout.contains("\"fleetSchemaVersion\": 1"))
        let records = try Self.records(in: scratch)
        let traceJSON = try Harness.hwcheck(["trace", records, "--reports", Self.report, "--json"])
        #expect(traceJSON.status == 0, "\(traceJSON.stderr)")
        #expect(traceJSON.stdout == (try Harness.hwcheck(["trace", records, "--reports", Self.report, "--format", "json"])).stdout)
        #expect(traceJSON.stdout.contains("\"traceSchemaVersion\": 1"))
        let contradiction = try Harness.hwcheck(["fleet", "--json", "--format", "csv", Self.report])
        #expect(contradiction.status == 64)
    }

    @Test func outputEverywhere() throws {
        let scratch = try makeScratchDirectory("outputflag")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let summary = scratch.appendingPathComponent("fleet.json").path
        let fleet = try Harness.hwcheck(["fleet", "--json", "-o", summary, Self.report])
        #expect(fleet.status == 0 && fleet.stdout == "")
        #expect(try String(contentsOfFile: summary, encoding: .utf8) == (try Harness.hwcheck(["fleet", "--json", Self.report])).stdout)
        let traced = scratch.appendingPathComponent("trace.txt").path
        let records = try Self.records(in: scratch)
        let trace = try Harness.hwcheck(["trace", records, "--reports", Self.report, "--output", traced])
        #expect(trace.status == 0 && trace.stdout == "")
        #expect(try String(contentsOfFile: traced, encoding: .utf8).contains("record r1 (line 2): unique"))
    }

    @Test func chineseFleetAndTrace() throws {
        let scratch = try makeScratchDirectory("langflag")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let fleet = try Harness.hwcheck(["fleet", "--lang", "zh", Self.report, Self.desktop])
        #expect(fleet.stdout.hasPrefix("2 台设备，来自 2 份报告"), "\(fleet.stdout)")
        let fromLocale = try Harness.hwcheck(["fleet", Self.report], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(fromLocale.stdout.contains("台设备"))
        let records = try Self.records(in: scratch)
        let trace = try Harness.hwcheck(["trace", records, "--reports", Self.report, "--lang", "zh"])
        #expect(trace.stdout.contains("记录 r1（第 2 行）: unique") && trace.stdout.contains("1 条记录：1 条唯一匹配"), "\(trace.stdout)")
        #expect(try Harness.hwcheck(["explain", "no-dmi", "--lang", "zh"]).stdout.contains("本机未向 Linux 提供 DMI/SMBIOS 表"))
    }

    /// "1 device", not "1 devices"; a device known only by its source is shown by it once.
    @Test func singularAndSourceOnce() throws {
        let fleet = try Harness.hwcheck(["fleet", Self.report])
        #expect(fleet.stdout.hasPrefix("1 device from 1 report (0 superseded by a newer report, 0 inputs skipped)\n"), "\(fleet.stdout)")
        let scratch = try makeScratchDirectory("sourceonce")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A report with no host id and no B1: the device is known by its file.
        let anonymous = scratch.appendingPathComponent("anon.json").path
        let text = try String(contentsOfFile: Self.report, encoding: .utf8)
            .replacingOccurrences(of: "\"B1\": \"M903G6G4\"", with: "\"B1\": null")
            .replacingOccurrences(of: "\"hostId\": \"4c4c4544-0033-3910-8030-b2c04f473634\"", with: "\"hostId\": null")
        try text.write(toFile: anonymous, atomically: true, encoding: .utf8)
        let records = scratch.appendingPathComponent("r.csv").path
        try "id,mac\nr1,\(Self.mac(text))\n".write(toFile: records, atomically: true, encoding: .utf8)
        let trace = try Harness.hwcheck(["trace", records, "--reports", anonymous])
        let arrow = try #require(trace.stdout.split(separator: "\n").first { $0.contains("→") }, "\(trace.stdout)\(trace.stderr)")
        #expect(arrow.components(separatedBy: anonymous).count == 2, "source shown more than once: \(arrow)")
    }

    static func mac(_ report: String) -> String {
        guard let range = report.range(of: "\"B4\": \"") else { return "" }
        return String(report[range.upperBound...].prefix(17))
    }

    @Test func missingInputsAre66WithNothingOnStdout() throws {
        let fleet = try Harness.hwcheck(["fleet", "/nonexistent/missing.json"])
        #expect(fleet.status == 66)
        #expect(fleet.stdout == "")
        let scratch = try makeScratchDirectory("missing")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let trace = try Harness.hwcheck(["trace", try Self.records(in: scratch), "--reports", "/nonexistent/missing.json"])
        #expect(trace.status == 66)
        #expect(trace.stdout == "")
        #expect(trace.stderr.hasSuffix("hwcheck: --reports: no input exists (give the report files or folders hwcheck --output wrote)\n"))
    }

    @Test func traceListsOnlyFormatsItWrites() throws {
        let help = try Harness.hwcheck(["trace", "--help"], environment: ["COLUMNS": "200"])
        #expect(help.stdout.contains("(values: text, json;"), "\(help.stdout)")
        #expect(try Harness.hwcheck(["trace", "x.csv", "--reports", Self.report, "--format", "csv"]).status == 64)
    }

    /// The default command's options are in the top-level help; `fleet --help` shows the summary's.
    @Test func helpShowsTheDefaultCommandsOptions() throws {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let help = try Harness.hwcheck(arguments)
            #expect(help.status == 0)
            for option in ["--sysroot", "--json", "--output", "--lang", "--quiet", "--version", "SUBCOMMANDS:", "fleet", "74  output error"] {
                #expect(help.stdout.contains(option), "\(arguments) lacks \(option)")
            }
            #expect(help.stdout.contains("USAGE: hwcheck [--sysroot"))
        }
        let fleet = try Harness.hwcheck(["fleet", "--help"])
        for option in ["--format", "--json", "--output", "--lang", "--limit", "import", "A device is recognised"] {
            #expect(fleet.stdout.contains(option), "fleet --help lacks \(option)")
        }
    }

    /// Help paragraphs are wrapped by the terminal width only: no line over 80 columns but the USAGE synopsis,
    /// and no short line followed by the rest of its sentence (a hard wrap re-wrapped).
    @Test(arguments: [[], ["fleet"], ["fleet", "import"], ["trace"], ["bundle"], ["explain"], ["spec"]])
    func helpIsNotRagged(command: [String]) throws {
        let help = try Harness.hwcheck(command + ["--help"], environment: ["COLUMNS": "80"])
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 80, "\(command) --help: line over 80 columns: \(line)")
            if index + 1 < lines.count, line.count < 45, !line.isEmpty, let next = lines[index + 1].first, next.isLowercase {
                Issue.record("\(command) --help: ragged paragraph: \"\(line)\" / \"\(lines[index + 1])\"")
            }
        }
    }

    /// `help CMD` is `CMD --help`; every option a command's help lists is in the man page and in each shell's
    /// completions (one table makes them all, so none can drift).
    @Test(arguments: [[], ["check"], ["spec"], ["explain"], ["bundle"], ["fleet"], ["fleet", "import"], ["trace"]])
    func helpManPageAndCompletionsAgree(command: [String]) throws {
        let help = try Harness.hwcheck(command + ["--help"])
        #expect(help.status == 0)
        #expect(try Harness.hwcheck(["help"] + command).stdout == help.stdout)
        let options = Set(help.stdout.split(separator: "\n").filter { $0.hasPrefix("  -") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("--") }.map(String.init)
        })
        #expect(options.contains("--help") && options.count > 2, "\(help.stdout)")
        let page = try Harness.hwcheck(["--generate-manual"]).stdout
        for shell in ["bash", "zsh", "fish"] {
            let script = try Harness.hwcheck(["--generate-completion-script", shell])
            #expect(script.status == 0)
            for option in options {
                let name = option.dropFirst(2)
                let spelled = shell == "fish" ? "-l \(name) " : option
                #expect(script.stdout.contains(spelled), "\(shell) completion lacks \(option)")
            }
        }
        for option in options {
            #expect(page.contains(option.replacingOccurrences(of: "-", with: "\\-")), "man page lacks \(option)")
        }
    }

    /// The bash completion, run: subcommands, options after a subcommand, and the values of --format and --lang.
    @Test func bashCompletionOffersWhatTheParserTakes() throws {
        let script = try makeScratchDirectory("completion").appendingPathComponent("hwcheck.bash")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        try Harness.hwcheck(["--generate-completion-script", "bash"]).stdout.write(to: script, atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> [String] {
            let line = words.map { "'\($0)'" }.joined(separator: " ")
            let run = try Harness.run("/bin/bash", ["-c", "source \"$0\"; COMP_WORDS=(\(line)); COMP_CWORD=\(words.count - 1); _hwcheck; printf '%s\\n' \"${COMPREPLY[@]}\"", script.path])
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["hwcheck", "fl"]) == ["fleet"])
        #expect(try complete(["hwcheck", "fleet", "--format", ""]) == ["text", "json", "csv"])
        #expect(try complete(["hwcheck", "--lang", ""]) == ["en", "zh"])
        #expect(try complete(["hwcheck", "trace", "x.csv", "--map"]) == ["--map", "--map-file"])
        #expect(try complete(["hwcheck", "fleet", "import", "--"]).contains("--db"))
        #expect(!(try complete(["hwcheck", "spec", "--"])).contains("--json"))
    }

    /// The zsh and fish scripts parse (zsh -n, fish -n), where those shells are installed.
    @Test(arguments: [("zsh", "/usr/bin/zsh"), ("fish", "/usr/bin/fish")])
    func zshAndFishScriptsParse(shell: String, path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: path) else { return }
        let script = try makeScratchDirectory("completion-\(shell)").appendingPathComponent("hwcheck.\(shell)")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        try Harness.hwcheck(["--generate-completion-script", shell]).stdout.write(to: script, atomically: true, encoding: .utf8)
        let parsed = try Harness.run(path, ["-n", script.path])
        #expect(parsed.status == 0, "\(shell) -n: \(parsed.stderr)")
        if shell == "fish" {
            let offered = try Harness.run(path, ["-c", "source $argv[1]; complete -C 'hwcheck fleet --format '", script.path])
            #expect(offered.stdout.split(separator: "\n").map { $0.split(separator: "\t").first ?? "" } == ["csv", "json", "text"],
                    "\(offered.stdout)\(offered.stderr)")
        }
    }

    /// `spec --placeholders` prints the built-in lists the README says `spec` leads to.
    @Test func specPrintsThePlaceholderLists() throws {
        let result = try Harness.hwcheck(["spec", "--placeholders"])
        #expect(result.status == 0)
        let lists = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(lists["sources"] != nil)
        #expect(result.stdout.contains("To Be Filled By O.E.M.") && result.stdout.contains("88:88:88:88:87:88"))
    }

    /// bundle says what it wrote, and refuses an existing target alike, file or directory.
    @Test func bundleSaysWhatItWroteAndNeverOverwrites() throws {
        let scratch = try makeScratchDirectory("bundle-target")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let archive = scratch.appendingPathComponent("pc.tar").path
        let written = try Harness.hwcheck(["bundle", "--sysroot", root, "-o", archive])
        #expect(written.status == 0)
        #expect(written.stdout.hasPrefix("bundle written: \(archive) (tar archive, "), "\(written.stdout)")
        let chinese = try Harness.hwcheck(["bundle", "--sysroot", root, "-o", scratch.appendingPathComponent("zh.tar").path, "--lang", "zh"])
        #expect(chinese.stdout.hasPrefix("已写入证据包："), "\(chinese.stdout)")
        let directory = scratch.appendingPathComponent("pc").path
        let dirWritten = try Harness.hwcheck(["bundle", "--sysroot", root, "-o", directory])
        #expect(dirWritten.stdout.hasPrefix("bundle written: \(directory) (directory, "), "\(dirWritten.stdout)")
        for target in [archive, directory] {
            let again = try Harness.hwcheck(["bundle", "--sysroot", root, "-o", target])
            #expect(again.status == 66)
            #expect(again.stderr == "hwcheck: --output \(target): already exists (give a new name, or remove it first)\n")
        }
    }
}
