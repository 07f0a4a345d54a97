import ArgumentParser
import HWCheckCore
import HWCheckFleet

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command body, mapping hwcheck's errors to their exit codes and anything else to 70.
func runMappingErrors(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch let error as HWCheckError {
        FileHandleOutput.standardError("hwcheck: \(error.message)\n")
        throw ExitCode(error.exitCode)
    } catch let exit as ExitCode {
        throw exit
    } catch is Output.BrokenPipe {
        throw ExitCode(74)
    } catch {
        FileHandleOutput.standardError("hwcheck: internal error: \(error)\n")
        throw ExitCode(70)
    }
    if code != 0 { throw ExitCode(code) }
}

func writeStandardOutput(_ text: String) throws {
    try Output.standard(text)
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

// MARK: bundle

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "Capture exactly what hwcheck reads on this machine into one archive that --sysroot replays.",
        discussion: """
            The bundle holds the files hwcheck read under sys/, run/udev/data/ and proc/self/mountinfo (links kept \
            as links), what only a live run can read: permanent MACs (hwcheck-live/net/<ifname>/permanent_address) \
            and the AHCI registers where the kernel lacks libahci's port attributes (as the controller's resource5 \
            file), and a pci.ids with the names looked up. 'hwcheck --sysroot BUNDLE' gives the report this machine \
            gives. Run it as root (files a non-root run cannot read are carried empty and mode 0400).

            --output FILE.tar writes a tar archive, any other name a directory; neither may exist yet. The last \
            line says what was written. With --redact, serials, UUIDs and MACs in the bundle are replaced by \
            salted hashes, exactly as 'hwcheck --json --redact --salt SALT' shows them.

            EXIT CODES:
              0   bundle written
              64  usage error
              65  bad input (spec file, sysroot archive)
              66  sysroot missing, output exists or is not writable
              70  internal error
              74  the bundle could not be written
            """)

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write the bundle: FILE.tar, or a new directory.", valueName: "PATH"))
    var output: String

    @OptionGroup var machineOptions: MachineOptions

    @Option(name: .long, help: ArgumentHelp("Language of the line saying what was written: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.", valueName: "lang"))
    var lang: LanguageOption?

    func run() throws {
        try runMappingErrors {
            let specTable = try machineOptions.loadSpec()
            let location = try machineOptions.openLocation()
            defer { location?.close() }
            let source = location.map { MachineFactory.recorded($0.directory) } ?? MachineFactory.live()
            let files = RecordingFiles(source.files)
            let permanentAddresses = RecordingPermanentAddresses(source.permanentAddresses)
            let pciNames = RecordingPCINames(source.pciNames)
            let registers = RecordingPCIRegisters(source.registers)
            // Block devices are read the recorded way over the recording, whatever the source: that records the
            // sysfs dirs, uevent files and udev database entries a replay enumerates (the live libudev source
            // gives the same records for the same machine: LiveParityTests).
            let machine = Machine(files: files, blockDevices: RecordedBlockDevices(files: files),
                                  permanentAddresses: permanentAddresses, pciNames: pciNames, registers: registers)
            let inventory = try collectInventory(machine, spec: specTable, explicitDisk: machineOptions.disk)
            _ = files.attribute(LiveRecording.redactionPath)
            for record in RecordedBlockDevices(files: files).blockDevices() {
                // libudev needs the subsystem link when a bundle is bind-mounted for a live replay.
                _ = files.readLink("\(record.devicePath)/subsystem")
            }

            var builder = BundleBuilder(sourceRoot: location?.directory ?? "/")
            builder.add(files.accesses)
            for answer in permanentAddresses.answers {
                if let recorded = RecordedPermanentAddresses.recordedText(answer.address) {
                    builder.addGenerated(recorded.path(answer.interface), Array(recorded.text.utf8))
                }
            }
            builder.addGenerated("usr/share/misc/pci.ids", Array(pciNames.pciIDs().utf8))
            for file in registers.files() { builder.addGenerated(file.path, file.bytes) }
            if let redactor = machineOptions.redactor() {
                builder.redact(redactor.substitutions(for: inventory))
                builder.addGenerated(LiveRecording.redactionPath, Array((redactor.saltId + "\n").utf8))
            }
            try write(builder.entries(), to: output)
            return 0
        }
    }

    /// Writes the bundle and says what it wrote. An existing target is refused alike, file or directory: a bundle
    /// never overwrites anything (66, as an unwritable output).
    func write(_ entries: [TarEntry], to path: String) throws {
        let absolute = absolutePath(path)
        var info = stat()
        if lstat(absolute, &info) == 0 {
            throw HWCheckError(.inputMissing, "--output \(path): already exists (give a new name, or remove it first)")
        }
        let files = entries.filter { if case .file = $0.kind { return true } else { return false } }.count
        let zh = (lang?.language ?? Language.fromLocale(Environment.current)) == .zh
        if path.hasSuffix(".tar") {
            let archive = Tar.write(entries)
            try Output.file(archive, to: path)
            try Output.standard(zh ? "已写入证据包：\(path)（tar 归档，\(files) 个文件，\(archive.count) 字节）\n"
                : "bundle written: \(path) (tar archive, \(files) files, \(archive.count) bytes)\n")
            return
        }
        guard mkdir(absolute, 0o755) == 0 else {
            throw HWCheckError(.inputMissing, "--output \(path): cannot create the directory (\(ErrnoError(code: errno).text))")
        }
        do { try Tar.extract(entries, into: absolute) } catch {
            throw HWCheckError(.inputMissing, "--output \(path): \(error.message)")
        }
        try Output.standard(zh ? "已写入证据包：\(path)（目录，\(files) 个文件）\n" : "bundle written: \(path) (directory, \(files) files)\n")
    }
}

// MARK: fleet

struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Summarise many reports: verdicts, failing rows, values shared by several devices, placeholders.",
        subcommands: [FleetSummary.self, FleetImport.self],
        defaultSubcommand: FleetSummary.self)
}

struct FleetSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise reports (files, directories, '-' for JSON lines on standard input).",
        discussion: """
            A device is recognised by host id + B1 + B3 (placeholders left out; B2 + B4 when none of those is \
            usable). A device reported twice keeps its newest report: "collectedAt" (hwcheck --timestamp), else \
            the file's modification time, else the later input. A value shared by different devices is listed as \
            not unique; placeholders are listed apart. Bad or foreign inputs are listed and skipped.

            EXIT CODES:
              0   summary written
              64  usage error
              65  no input held a readable report
              66  no input exists (nothing is written)
              74  output error: the summary could not be written
            """)

    @Argument(help: ArgumentHelp("Report files (one report, or JSON lines), directories, or - for standard input.", valueName: "REPORTS"))
    var reports: [String]

    @Flag(name: .long, help: "The JSON summary (fleetSchemaVersion 1); the same as --format json.")
    var json = false

    @Option(name: .long, help: "Output format: text, json or csv (one line per device).")
    var format: OutputFormat = .text

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the summary to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Language of the text summary: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.", valueName: "lang"))
    var lang: LanguageOption?

    @Option(name: .long, help: ArgumentHelp("Devices listed per group in text output.", valueName: "N"))
    var limit = 20

    @Flag(name: .shortAndLong, help: "No progress line on standard error (there is none in a pipe or in CI anyway).")
    var quiet = false

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give at least one report file, directory, or - for standard input") }
        guard limit >= 0 else { throw ValidationError("--limit \(limit): give a count of 0 or more") }
        guard !json || format == .text || format == .json else { throw ValidationError("--json and --format \(format.rawValue) contradict: give one") }
    }

    func run() throws {
        try runMappingErrors {
            var missing = 0
            let language = lang?.language ?? Language.fromLocale(Environment.current)
            let progress = ProgressLine(enabled: ProgressLine.wanted(quiet: quiet, environment: Environment.current),
                                        inputs: reports, language: language)
            let result = FleetAnalyzer.analyse(reports, onProgress: progress.update) { problem in
                if problem.origin.line == 0 && reports.contains(problem.origin.source) { missing += 1 }
                progress.finish()
                FileHandleOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
            }
            progress.finish()
            // Nothing to summarise when no input exists: the exit code and the lines above say so, stdout stays empty.
            if result.reportsRead == 0 && missing == reports.count { return 66 }
            switch json ? .json : format {
            case .text: try Output.report(FleetOutput.text(result, listLimit: limit, language: language), to: output)
            case .json: try Output.report(FleetOutput.json(result).serialized(), to: output)
            case .csv: try Output.report(FleetOutput.csv(result), to: output)
            }
            return result.reportsRead > 0 ? 0 : 65
        }
    }
}

struct FleetImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import reports into a SQLite inventory (idempotent; keeps each device's history).",
        discussion: """
            Tables devices, reports, bindings and the view latest_reports (README "Fleet inventory"). A report \
            is identified by the SHA-256 of its compact JSON: importing it again changes nothing.

            EXIT CODES:
              0   imported (skipped inputs are listed)
              64  usage error
              65  no report read, or the database is unusable
              66  no input exists
            """)

    @Option(name: .long, help: ArgumentHelp("The SQLite database (created when missing).", valueName: "FILE"))
    var db: String

    @Argument(help: ArgumentHelp("Report files, directories, or - for standard input.", valueName: "REPORTS"))
    var reports: [String]

    @Flag(name: .shortAndLong, help: "No progress line on standard error (there is none in a pipe or in CI anyway).")
    var quiet = false

    func run() throws {
        try runMappingErrors {
            try InventoryProgram.replaceProcess(with: ["import", "--db", db] + (quiet ? ["--quiet"] : []) + ["--"] + reports)
        }
    }
}

// MARK: trace

struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Find the device each server activation record belongs to, among collected reports or the inventory.",
        discussion: """
            RECORDS is CSV with a header line, or JSON lines (one object per line). Columns: hostId, \
            biosSerial, boardSerial, diskSerial, mac (and id, naming the record); any may be empty. Other names: \
            --map hostId=UUID,mac=MacAddress,id=RequestId, or --map-file FILE with {"hostId": "UUID", ...}.

            Score: each field equal to the device's value adds its weight, each different one subtracts it \
            (host id 8, BIOS serial 8, board serial 4, disk serial 4, MAC 2); placeholders never match. A record \
            is "unique" when one device has the best positive score, "ambiguous" when several tie, "no-match" \
            otherwise. Values as Windows prints them match: MACs with - or :, UUIDs in either case and SMBIOS byte \
            order, and for an NVMe disk the serial Windows sends (0025_3846_3140_F11C.) as well as the one its \
            report shows.

            EXIT CODES:
              0   every record matched exactly one device
              1   some record is ambiguous or matched nothing
              64  usage error
              65  unreadable records file or database, or no record in it
              66  records file missing, or no --reports input exists
              74  output error: the result could not be written
            """)

    @Argument(help: ArgumentHelp("Server records: CSV or JSON lines; - for standard input.", valueName: "RECORDS"))
    var records: String

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Collected reports (files, directories).", valueName: "REPORTS"))
    var reports: [String] = []

    @Option(name: .long, help: ArgumentHelp("Match against the newest report of each device in this inventory.", valueName: "FILE"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Column names: FIELD=COLUMN,… (fields hostId, biosSerial, boardSerial, diskSerial, mac, id).", valueName: "MAPPING"))
    var map: String?

    @Option(name: .long, help: ArgumentHelp("Column names as a JSON object {FIELD: COLUMN}.", valueName: "FILE"))
    var mapFile: String?

    @Flag(name: .long, help: "The JSON result (traceSchemaVersion 1); the same as --format json.")
    var json = false

    @Option(name: .long, help: "Output format: text or json.")
    var format: TraceFormat = .text

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Language of the text result: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.", valueName: "lang"))
    var lang: LanguageOption?

    @Flag(name: .shortAndLong, help: "No progress line on standard error (there is none in a pipe or in CI anyway).")
    var quiet = false

    enum TraceFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        guard !reports.isEmpty || db != nil else { throw ValidationError("give --reports REPORTS… or --db FILE to match against") }
    }

    func run() throws {
        try runMappingErrors {
            var mapping = TraceMapping.standard
            if let mapFile {
                let bytes = try InputFile.read(absolutePath(mapFile), given: "--map-file \(mapFile)", limit: InputFile.mapLimit)
                mapping = try TraceMapping.parse(json: bytes, origin: "--map-file \(mapFile)")
            }
            if let map { mapping = try TraceMapping.parse(map, base: mapping) }

            let recordBytes = try InputFile.read(records == "-" ? "/dev/stdin" : absolutePath(records), given: records,
                                                 limit: InputFile.recordsLimit)
            guard let text = String(validating: recordBytes, as: UTF8.self) else {
                throw HWCheckError(.badData, "\(records): not UTF-8 text")
            }
            let read = ServerRecord.read(text, mapping: mapping)
            if read.records.isEmpty {
                let why = read.problems.first.map { "line \($0.line): \($0.reason)" } ?? "no records in it (a header line, then one record a line)"
                throw HWCheckError(.badData, "\(records): \(why)")
            }

            var devices: [FleetDevice] = []
            if let db {
                devices += try InventoryProgram.latestDevices(db: db)
            }
            if !reports.isEmpty {
                var missing: [String] = []
                let progress = ProgressLine(enabled: ProgressLine.wanted(quiet: quiet, environment: Environment.current),
                                            inputs: reports, language: lang?.language ?? Language.fromLocale(Environment.current))
                devices += FleetAnalyzer.analyse(reports, onProgress: progress.update) { problem in
                    if problem.origin.line == 0 && reports.contains(problem.origin.source) { missing.append(problem.origin.source) }
                    progress.finish()
                    FileHandleOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
                }.devices
                progress.finish()
                // As for fleet: when no --reports input exists there is nothing to match against (66), not a list of
                // records that "matched nothing".
                if db == nil && missing.count == reports.count {
                    throw HWCheckError(.inputMissing, "--reports: no input exists (give the report files or folders hwcheck --output wrote)")
                }
            }
            let tracer = Tracer(devices: devices)
            let results = read.records.map(tracer.trace)
            let language = lang?.language ?? Language.fromLocale(Environment.current)
            switch json ? .json : format {
            case .json: try Output.report(TraceOutput.json(results, devices: devices, problems: read.problems).serialized(), to: output)
            case .text: try Output.report(TraceOutput.text(results, devices: devices, problems: read.problems, language: language), to: output)
            }
            return results.allSatisfy { $0.outcome == .unique } && read.problems.isEmpty ? 0 : 1
        }
    }
}

// MARK: the inventory program

/// `hwcheck-inventory`, the program beside this one that owns the SQLite inventory (GRDB brings Foundation and
/// ICU, which the check run on every device must not pay for).
enum InventoryProgram {
    static var path: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "hwcheck"
        return PathComponents.parent(of: executable).isEmpty ? "hwcheck-inventory"
            : "/" + PathComponents.parent(of: executable) + "/hwcheck-inventory"
    }

    static func checkInstalled() throws(HWCheckError) {
        guard access(path, X_OK) == 0 else {
            throw HWCheckError(.inputMissing, "\(path) is missing: the inventory program ships beside hwcheck (make install, or dist/bin)")
        }
    }

    /// Runs the inventory program in this process's place: its output, messages and exit code are the command's.
    static func replaceProcess(with arguments: [String]) throws(HWCheckError) -> Int32 {
        try checkInstalled()
        let argv = (["hwcheck-inventory"] + arguments).map { $0.withCString { strdup($0) } } + [nil]
        // hwcheck-inventory inherits the ignored SIGPIPE and the held descriptor 1 (Output.prepareStandardStreams):
        // its own output errors are 74 the same way.
        execv(path, argv)
        throw HWCheckError(.inputMissing, "\(path): \(ErrnoError(code: errno).text)")
    }

    /// Each device's newest report from the inventory, read through a pipe from `hwcheck-inventory latest`
    /// (no temporary file to leave behind); each device's source is the database.
    static func latestDevices(db: String) throws(HWCheckError) -> [FleetDevice] {
        try checkInstalled()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw HWCheckError(.inputMissing, "pipe: \(ErrnoError(code: errno).text)") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // the child keeps only its standard output
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        let argv = ["hwcheck-inventory", "latest", "--db", absolutePath(db)].map { $0.withCString { strdup($0) } } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, nil, argv, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { throw HWCheckError(.inputMissing, "\(path): \(ErrnoError(code: spawned).text)") }
        let devices = FleetAnalyzer.analyse(descriptor: ends[0], source: db) { problem in
            FileHandleOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
        }.devices
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0, code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            // The inventory program said what went wrong on standard error; its exit code is the command's.
            throw HWCheckError(code == 66 ? .inputMissing : .badData, "--db \(db): the inventory could not be read")
        }
        return devices
    }
}
