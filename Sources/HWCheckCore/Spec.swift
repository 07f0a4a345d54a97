/// The DeviceBinding spec: which hardware identifier fills each row (B1–B4) and what it must satisfy.
/// It is data: the default ships as Resources/default-spec.json and `--spec FILE` replaces it.
public struct Spec: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        /// Stable id used in the payload, JSON and exit reasons: "B1".
        public var id: String
        public var title: LocalizedText
        public var source: Source
        public var requirements: [Requirement]
        /// The Windows query technicians compare with ("wmic bios get SerialNumber").
        public var windowsQuery: String?
    }

    /// Where a row's value comes from.
    public enum Source: String, Sendable, CaseIterable, Codable {
        case productSerial = "dmi.product_serial"
        case boardSerial = "dmi.board_serial"
        case chassisSerial = "dmi.chassis_serial"
        case productUUID = "dmi.product_uuid"
        case systemDiskSerial = "disk.system.serial"
        case primaryNICAddress = "nic.primary.mac"
    }

    /// What a row's value must satisfy beyond being readable.
    public enum Requirement: String, Sendable, CaseIterable, Codable {
        /// Present and non-empty.
        case notEmpty = "not-empty"
        /// Not a known placeholder (the nearest one machine can get to "unique").
        case notPlaceholder = "not-placeholder"
        /// The disk or NIC is not removable (Windows: "in root container").
        case notRemovable = "not-removable"
        /// The NIC is usable by the OS: its radio is not blocked (a netdev with a device always has a driver).
        case enabled = "enabled"
    }

    public var name: String
    public var version: String
    public var rows: [Row]
    public var placeholders: PlaceholderRules

    /// Decodes a spec file; throws `SpecError` with a message that names the problem.
    public static func decode(_ bytes: [UInt8], origin: String) throws(SpecError) -> Spec {
        try decode(bytes, origin: origin, checkingRepeatedKeys: true)
    }

    /// `checkingRepeatedKeys` is false only for the built-in spec, whose text SpecReaderTests checks (the scan
    /// cost ~0.46M instructions a run, mostly first use of its Set type).
    static func decode(_ bytes: [UInt8], origin: String, checkingRepeatedKeys: Bool) throws(SpecError) -> Spec {
        let file: SpecFile
        do {
            file = try SpecFile(try JSONFields(try JSONNode.parseDocument(bytes)))
        } catch let error as JSONFieldProblem {
            throw SpecError(origin: origin, problem: error.message)
        } catch {
            throw SpecError(origin: origin, problem: "not valid JSON")
        }
        // A reader that keeps one of two equal keys without a word hides an edit: refused, after the values
        // (the order the checks ran in with JSONDecoder, so a file with both problems is told the same one).
        if checkingRepeatedKeys, let repeated = Self.repeatedKey(in: bytes) {
            throw SpecError(origin: origin, problem: "key \"\(repeated)\" appears twice in one object")
        }
        guard file.specVersion == 1 else {
            throw SpecError(origin: origin, problem: "specVersion \(file.specVersion) is not supported (this hwcheck reads 1)")
        }
        guard !file.rows.isEmpty else { throw SpecError(origin: origin, problem: "\"rows\" is empty") }
        var seen = Set<String>()
        var rows: [Row] = []
        for row in file.rows {
            // Ids are printed in the text report's table: no control characters (an ESC would reach the terminal).
            guard !row.id.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
                throw SpecError(origin: origin, problem: "row id \"\(Terminal.printable(row.id))\" holds a control character")
            }
            guard !row.id.isEmpty, seen.insert(row.id).inserted else {
                throw SpecError(origin: origin, problem: "row id \"\(row.id)\" is empty or repeated")
            }
            guard let source = Source(rawValue: row.source) else {
                let known = Source.allCases.map(\.rawValue).joined(separator: ", ")
                throw SpecError(origin: origin, problem: "row \(row.id): unknown source \"\(row.source)\" (known: \(known))")
            }
            var requirements: [Requirement] = []
            for name in row.requirements {
                guard let requirement = Requirement(rawValue: name) else {
                    let known = Requirement.allCases.map(\.rawValue).joined(separator: ", ")
                    throw SpecError(origin: origin, problem: "row \(row.id): unknown requirement \"\(name)\" (known: \(known))")
                }
                requirements.append(requirement)
            }
            rows.append(Row(id: row.id, title: row.title, source: source, requirements: requirements, windowsQuery: row.windowsQuery))
        }
        var rules: [PlaceholderRules.Rule] = []
        for name in file.placeholders.rules {
            guard let rule = PlaceholderRules.Rule(rawValue: name) else {
                let known = PlaceholderRules.Rule.allCases.map(\.rawValue).joined(separator: ", ")
                throw SpecError(origin: origin, problem: "unknown placeholder rule \"\(name)\" (known: \(known))")
            }
            rules.append(rule)
        }
        var listed: [PlaceholderRules.Entry] = []
        let extra = "spec file"
        listed += file.placeholders.serial.map { PlaceholderRules.Entry(kind: .serial, value: $0, sources: [extra]) }
        listed += file.placeholders.uuid.map { PlaceholderRules.Entry(kind: .uuid, value: $0, sources: [extra]) }
        listed += file.placeholders.mac.map { PlaceholderRules.Entry(kind: .mac, value: $0, sources: [extra]) }
        let placeholders = PlaceholderRules(builtIn: file.placeholders.builtIn ?? true, entries: listed, rules: rules)
        return Spec(name: file.name, version: file.version, rows: rows, placeholders: placeholders)
    }

    /// The spec shipped with hwcheck (Resources/default-spec.json).
    public static func builtIn() -> Spec {
        do {
            return try decode(PackageResources.default_spec_json, origin: "built-in spec", checkingRepeatedKeys: false)
        } catch {
            // The built-in file is covered by a test; reaching this is a build defect.
            fatalError("built-in spec does not decode: \(error.message)")
        }
    }

    /// The first object member name that appears twice in one object, in JSON text that already decoded (so
    /// only strings, brackets, colons and commas need telling apart). Names are compared as written (escapes
    /// not applied).
    static func repeatedKey(in bytes: [UInt8]) -> String? {
        // One frame per open container: the names seen (nil for an array) and whether a name comes next.
        var frames: [(names: Set<[UInt8]>?, expectingName: Bool)] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): frames.append((names: [], expectingName: true))
            case UInt8(ascii: "["): frames.append((names: nil, expectingName: false))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = frames.popLast()
            case UInt8(ascii: ","):
                if let last = frames.indices.last, frames[last].names != nil { frames[last].expectingName = true }
            case UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count && bytes[end] != UInt8(ascii: "\"") {
                    end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                if let last = frames.indices.last, frames[last].expectingName, end <= bytes.count {
                    let name = Array(bytes[(index + 1)..<min(end, bytes.count)])
                    frames[last].expectingName = false
                    if frames[last].names?.insert(name).inserted == false { return String(decoding: name, as: UTF8.self) }
                }
                index = end
            default: break
            }
            index += 1
        }
        return nil
    }
}

/// A spec file that cannot be used. Exit code 65 (bad input data).
public struct SpecError: Error, Equatable {
    public var origin: String
    public var problem: String
    public var message: String { "\(origin): \(problem)" }
}

/// Text in the languages the report ships: English and Simplified Chinese.
public struct LocalizedText: Sendable, Equatable, Codable {
    public var en: String
    public var zh: String

    public init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .zh: return zh
        }
    }
}

/// Report languages (`--lang`).
public enum Language: String, Sendable, CaseIterable {
    case en, zh

    /// The language a person's locale asks for: LC_ALL, then LC_MESSAGES, then LANG (POSIX order); zh* → Chinese.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// The spec file as written on disk, read member by member in the order JSONDecoder's synthesised `init(from:)`
/// read them (so the first problem named is the same one).
private struct SpecFile {
    struct RowFile {
        var id: String
        var title: LocalizedText
        var source: String
        var requirements: [String]
        var windowsQuery: String?

        init(_ fields: JSONFields) throws(JSONFieldProblem) {
            id = try fields.string("id")
            title = try LocalizedText(try fields.object("title"))
            source = try fields.string("source")
            requirements = try fields.strings("requirements")
            windowsQuery = try fields.optionalString("windowsQuery")
        }
    }

    struct PlaceholderFile {
        /// Include the curated list (Resources/placeholders.json); absent means true.
        var builtIn: Bool?
        var serial: [String]
        var uuid: [String]
        var mac: [String]
        var rules: [String]

        init(_ fields: JSONFields) throws(JSONFieldProblem) {
            builtIn = try fields.optionalBool("builtIn")
            serial = try fields.strings("serial")
            uuid = try fields.strings("uuid")
            mac = try fields.strings("mac")
            rules = try fields.strings("rules")
        }
    }

    var specVersion: Int
    var name: String
    var version: String
    var rows: [RowFile]
    var placeholders: PlaceholderFile

    init(_ fields: JSONFields) throws(JSONFieldProblem) {
        specVersion = try fields.integer("specVersion")
        name = try fields.string("name")
        version = try fields.string("version")
        rows = try fields.array("rows") { (item, path) throws(JSONFieldProblem) in try RowFile(try JSONFields(item, path: path)) }
        placeholders = try PlaceholderFile(try fields.object("placeholders"))
    }
}

extension LocalizedText {
    init(_ fields: JSONFields) throws(JSONFieldProblem) {
        en = try fields.string("en")
        zh = try fields.string("zh")
    }
}

extension Spec {
    /// The built-in spec's text, as `hwcheck spec` prints it.
    public static var builtInText: String { String(decoding: PackageResources.default_spec_json, as: UTF8.self) }
}
