import HWCheckCommandLine
import HWCheckCore
import HWCheckFleet

struct TraceCommand: RunnableCommand {
    static let table = Command(
        name: "trace",
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
              1   some record is ambiguous, matched nothing, or was unreadable
              64  usage error
              65  unreadable records file or database, or no record in it
              66  records file missing, or no --reports input exists
              74  output error: the result could not be written
            """,
        arguments: [
            .operand("RECORDS", help: "Server records: CSV or JSON lines; - for standard input."),
            .options("reports", valueName: "REPORTS", help: "Collected reports (files, directories)."),
            .option("db", value: .path, valueName: "FILE", help: "Match against the newest report of each device in this inventory."),
            .option("map", valueName: "MAPPING", help: "Column names: FIELD=COLUMN,… (fields hostId, biosSerial, boardSerial, diskSerial, mac, id)."),
            .option("map-file", value: .path, valueName: "FILE", help: "Column names as a JSON object {FIELD: COLUMN}."),
            .flag("json", help: "The JSON result (traceSchemaVersion 1); the same as --format json."),
            .option("format", value: .choice(TraceFormat.allCases.map(\.rawValue)), help: "Output format: text or json.", defaultValue: "text"),
        ] + ResultOptions.arguments)

    let records: String
    let reports: [String]
    let db: String?
    let map: String?
    let mapFile: String?
    let json: Bool
    let format: TraceFormat
    let resultOptions: ResultOptions

    enum TraceFormat: String, CaseIterable {
        case text, json
    }

    init(_ invocation: Invocation) throws(UsageError) {
        records = invocation.value("RECORDS") ?? "-"
        reports = invocation.values("reports")
        db = invocation.value("db")
        map = invocation.value("map")
        mapFile = invocation.value("map-file")
        json = invocation.flag("json")
        format = invocation.value("format").flatMap(TraceFormat.init(rawValue:)) ?? .text
        resultOptions = ResultOptions(invocation)
        guard !reports.isEmpty || db != nil else { throw UsageError("give --reports REPORTS… or --db FILE to match against") }
    }

    func run() throws -> Int32 {
        var mapping = TraceMapping.standard
        if let mapFile {
            let bytes = try InputFile.read(absolutePath(mapFile), given: "--map-file \(mapFile)", limit: InputFile.mapLimit)
            mapping = try TraceMapping.parse(json: bytes, origin: "--map-file \(mapFile)")
        }
        if let map { mapping = try TraceMapping.parse(map, base: mapping, origin: "--map") }

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
            devices += try InventoryProgram.latestDevices(database: absolutePath(db), source: db, given: "--db \(db)") { problem in
                DescriptorOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
            }
        }
        if !reports.isEmpty {
            let (result, missing) = resultOptions.analyse(reports)
            devices += result.devices
            // As for fleet: when no --reports input exists there is nothing to match against (66), not a list of
            // records that "matched nothing".
            if db == nil && missing.count == reports.count {
                throw HWCheckError(.inputMissing, "--reports: no input exists (give the report files or folders hwcheck --output wrote)")
            }
        }
        let tracer = Tracer(devices: devices)
        let results = read.records.map(tracer.trace)
        let language = resultOptions.language
        switch json ? .json : format {
        case .json: try Output.report(TraceOutput.json(results, devices: devices, problems: read.problems).serialized(), to: resultOptions.output)
        case .text: try Output.report(TraceOutput.text(results, devices: devices, problems: read.problems, language: language), to: resultOptions.output)
        }
        return results.allSatisfy { $0.outcome == .unique } && read.problems.isEmpty ? 0 : 1
    }
}
