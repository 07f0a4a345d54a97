/// Which kind of identifier a value is; each has its own placeholder list.
public enum IdentifierKind: String, Sendable, CaseIterable, Decodable {
    case serial, uuid, mac
}

/// Firmware junk that is not empty but cannot identify a device. The list is data (Resources/placeholders.json,
/// each entry with its sources, plus the spec file's own entries); the named rules are the few patterns a list
/// cannot enumerate.
public struct PlaceholderRules: Sendable, Equatable {
    /// Built-in patterns the spec file can switch on by name (documented in Resources/placeholders.json).
    public enum Rule: String, Sendable, CaseIterable {
        /// The whole value is one character repeated: "0", "XXXXXXXX", ".........", "FFFFFFFF".
        case repeatedCharacter = "repeated-character"
        /// The whole value is a run of consecutive digits of length five or more: "12345", "0123456789".
        case digitRun = "digit-run"
        /// Fewer than four letters or digits: "-1", "-64", "N/A".
        case tooShort = "too-short"
        /// Starts with the word "not": "Not Specified", "Not Available", "Not Settable"; or is one of those run
        /// together ("NotApplicable").
        case notPhrase = "not-phrase"
        /// Contains a filler phrase, spaced or run together: "to be filled", "default string", "serial number", "o.e.m".
        case fillerPhrase = "filler-phrase"
        /// A UUID ending in AMI's template tail "0700080009", filled in or not.
        case amiUUIDTemplate = "ami-uuid-template"
        /// Only words that name a field: "Chassis Serial#", "SystemSerialNumb", "MB S/N", "Asset Tag".
        case labelEcho = "label-echo"
        /// A template naming its SMBIOS structure type: "Type2 - Board Serial Number", "Type1Sku0".
        case typeTemplate = "type-template"
        /// A counting digit run inside a longer value: ten or more digits anywhere ("EeePC-1234567890",
        /// "SYS-9876543210"), or five or more after nothing but a serial abbreviation ("SN123456789", "SYS-12345").
        case embeddedDigitRun = "embedded-digit-run"
        /// A serial grouped like a UUID whose digits are all 0 or all F: "00000000-0000-0000-0000-000000000000".
        case blankUUIDShaped = "blank-uuid-shaped"

        /// The identifier kinds a rule judges.
        var kinds: Set<IdentifierKind> {
            switch self {
            case .repeatedCharacter: return [.serial, .uuid, .mac]
            case .digitRun, .tooShort, .notPhrase, .fillerPhrase, .labelEcho, .typeTemplate, .embeddedDigitRun, .blankUUIDShaped:
                return [.serial]
            case .amiUUIDTemplate: return [.uuid]
            }
        }
    }

    /// One listed value and where it comes from.
    public struct Entry: Sendable, Equatable, Decodable {
        public var kind: IdentifierKind
        public var value: String
        public var sources: [String]

        public init(kind: IdentifierKind, value: String, sources: [String]) {
            self.kind = kind
            self.value = value
            self.sources = sources
        }
    }

    /// Whether the built-in list (Resources/placeholders.json) is on: it is looked up in `builtInSerials`,
    /// `builtInUUIDs` and `builtInMACs`, the list indexed ahead of time. Indexing it on every run (normalising
    /// ~110 values, hashing ~120 keys, reading the JSON) was ~1.35M instructions, a tenth of a check; the
    /// tables are generated from the file by `index`, the function that indexes a spec file's own entries, and
    /// PlaceholderTableTests proves them equal to it.
    public private(set) var builtIn: Bool
    /// Other entries (a spec file's): normalised value → the entry, per kind.
    private var added: [IdentifierKind: [String: Entry]]
    public private(set) var rules: [Rule]

    /// - Parameters:
    ///   - builtIn: whether the built-in list counts too; its entries come before `entries`.
    ///   - entries: more entries (a spec file's).
    public init(builtIn: Bool = false, entries: [Entry], rules: [Rule]) {
        self.builtIn = builtIn
        added = Self.index(entries)
        self.rules = rules
    }

    /// Entries by kind and normalised key (UUIDs under both byte orders). Entries whose keys meet are one, with
    /// the first one's value and the sources of all.
    static func index(_ entries: [Entry]) -> [IdentifierKind: [String: Entry]] {
        var lists: [IdentifierKind: [String: Entry]] = [:]
        for entry in entries {
            for key in Self.keys(entry.value, kind: entry.kind) {
                if var existing = lists[entry.kind]?[key] {
                    existing.sources += entry.sources.filter { !existing.sources.contains($0) }
                    lists[entry.kind, default: [:]][key] = existing
                } else {
                    lists[entry.kind, default: [:]][key] = entry
                }
            }
        }
        return lists
    }

    /// The entry `key` (normalised) is listed under: the built-in one first, with the sources of an added entry
    /// under the same key after its own (what indexing the built-in entries and then the added ones gave).
    func listed(_ key: String, kind: IdentifierKind) -> Entry? {
        let other = added[kind]?[key]
        guard builtIn, var entry = Self.builtInEntry(key, kind: kind) else { return other }
        if let other { entry.sources += other.sources.filter { !entry.sources.contains($0) } }
        return entry
    }

    /// A binary search of the kind's built-in table, by bytes. Dictionary keys compare as `String`s do
    /// (canonical equivalence), which for two ASCII strings is byte equality; a key that is not ASCII is
    /// compared to every entry as a `String` (the tables hold ASCII keys, but a non-ASCII key could still be
    /// canonically equal to one: U+212A KELVIN SIGN is "K").
    static func builtInEntry(_ key: String, kind: IdentifierKind) -> Entry? {
        let table: [(key: String, value: String, sources: [String])]
        switch kind {
        case .serial: table = builtInSerials
        case .uuid: table = builtInUUIDs
        case .mac: table = builtInMACs
        }
        guard key.utf8.allSatisfy({ $0 < 0x80 }) else {
            return table.first { $0.key == key }.map { Entry(kind: kind, value: $0.value, sources: $0.sources) }
        }
        var lower = 0, upper = table.count
        while lower < upper {
            let middle = (lower + upper) / 2
            let candidate = table[middle].key
            if candidate.utf8.elementsEqual(key.utf8) {
                return Entry(kind: kind, value: table[middle].value, sources: table[middle].sources)
            }
            if candidate.utf8.lexicographicallyPrecedes(key.utf8) { lower = middle + 1 } else { upper = middle }
        }
        return nil
    }

    /// Entries from Resources/placeholders.json.
    public static func builtInEntries() -> [Entry] {
        do {
            return try entries(fromList: PackageResources.placeholders_json)
        } catch {
            // The data file is covered by a test; reaching this is a build defect.
            fatalError("Resources/placeholders.json does not decode: \(error)")
        }
    }

    /// The entries of a list shaped like Resources/placeholders.json: `serial`, `uuid` and `mac`, each an array of
    /// `{"value": …, "sources": […]}`. Read with the cursor, not into a `JSONNode`: the file is mostly documentation
    /// (`about`, `sources`, `rules`), which is validated and skipped without building a string (every check run
    /// reads this list; see bench/NOTES.md).
    static func entries(fromList bytes: [UInt8]) throws(JSONReadError) -> [Entry] {
        let result: Result<[Entry], JSONReadError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            var entries: [Entry] = []
            var kinds: Set<IdentifierKind> = []
            do throws(JSONReadError) {
                try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                    let kind: IdentifierKind
                    switch key {
                    case "serial": kind = .serial
                    case "uuid": kind = .uuid
                    case "mac": kind = .mac
                    default: try cursor.skipValue(); return
                    }
                    guard kinds.insert(kind).inserted else { throw cursor.fail("\(kind.rawValue) listed twice") }
                    try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
                        var value: String?
                        var sources: [String]?
                        try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                            switch key {
                            case "value": value = try cursor.readStrictString()
                            case "sources":
                                var names: [String] = []
                                try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in names.append(try cursor.readStrictString()) }
                                sources = names
                            default: try cursor.skipValue()
                            }
                        }
                        guard let value, let sources else { throw cursor.fail("an entry without \"value\" or \"sources\"") }
                        entries.append(Entry(kind: kind, value: value, sources: sources))
                    }
                }
                cursor.skipWhitespace()
                guard cursor.atEnd else { throw cursor.fail("unexpected text after the value") }
                guard kinds.count == IdentifierKind.allCases.count else { throw cursor.fail("\"serial\", \"uuid\" or \"mac\" missing") }
                return .success(entries)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The reason `value` is a placeholder ("listed: \"Default string\"", "rule: repeated-character"), or nil.
    public func match(_ value: String, kind: IdentifierKind) -> String? {
        let key = Self.normalise(value, kind: kind)
        // SMBIOS UUIDs are 16 bytes; the kernel prints them 8-4-4-4-12. Anything else is not one.
        if kind == .uuid && (key.count != 32 || value.trimmedWhitespace.count != 36) { return "malformed: not a UUID" }
        if let listed = listed(key, kind: kind) {
            return "listed: \"\(listed.value)\" (\(listed.sources.joined(separator: ", ")))"
        }
        for rule in rules where rule.kinds.contains(kind) && Self.applies(rule, to: key) {
            return "rule: \(rule.rawValue)"
        }
        return nil
    }

    private static func applies(_ rule: Rule, to key: String) -> Bool {
        switch rule {
        case .repeatedCharacter:
            guard let first = key.first else { return false }
            return key.allSatisfy { $0 == first }
        case .digitRun:
            let digits = key.compactMap { $0.wholeNumberValue }
            guard digits.count == key.count, digits.count >= 5 else { return false }
            return zip(digits, digits.dropFirst()).allSatisfy { $1 == ($0 + 1) % 10 }
        case .tooShort:
            return key.filter { $0.isLetter || $0.isNumber }.count < 4
        case .notPhrase:
            if key == "not" || key.hasPrefix("not ") || key.hasPrefix("not_") { return true }
            // Run together ("NotApplicable"): only the words dmidecode and firmware use, so "Nothing1" stays.
            let squeezed = key.filter { $0 != " " && $0 != "_" && $0 != "-" }
            return ["notapplicable", "notavailable", "notspecified", "notsettable", "notpresent", "notdefined"].contains(squeezed)
        case .fillerPhrase:
            // Also run together, as firmware and systemd's hwdb spell them: "Defaultstring", "TobefilledbyO.E.M.".
            let squeezed = Array(key.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "-") })
            return ["tobefilled", "defaultstring", "serialnumber", "o.e.m"].contains { contains(squeezed, Array($0.utf8)) }
        case .amiUUIDTemplate:
            return key.count == 32 && key.hasSuffix("0700080009")
        case .labelEcho:
            return isLabelEcho(key)
        case .typeTemplate:
            return isTypeTemplate(key)
        case .embeddedDigitRun:
            return hasEmbeddedDigitRun(key)
        case .blankUUIDShaped:
            return isBlankUUIDShaped(key)
        }
    }

    /// Whether `needle` occurs in `haystack` (bytes: String.contains goes through grapheme-aware matching,
    /// which cost more than the rest of a check's placeholder rules together).
    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    // MARK: Label echoes

    /// Words firmware templates use to name an identity field. A value made only of these (spaces, punctuation
    /// and run-together CamelCase alike) names a field instead of filling it: "Chassis Serial#", "Enter Serial",
    /// "Base Board", GLPI's "SystemSerialNumb" ("System Serial Number" cut to 16 bytes), ChromeOS Flex's
    /// "$SerialNumber$". Lists cannot keep up with every spelling.
    private static let fieldWords: [[UInt8]] = [
        "system", "sys", "base", "board", "main", "mother", "mb", "chassis", "product", "serial", "ser", "number",
        "numb", "num", "no", "nr", "sn", "ssn", "bsn", "csn", "msn", "psn", "asset", "tag", "version", "ver", "sku",
        "oem", "string", "enter", "name",
    ].map { Array($0.utf8) }

    /// Every token (a run of ASCII letters) splits into field words; any digit or other letter means it is not
    /// an echo. Works on the UTF-8 bytes: a check runs every rule on every serial.
    private static func isLabelEcho(_ key: String) -> Bool {
        var tokens: [[UInt8]] = [[]]
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): tokens[tokens.count - 1].append(byte)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...: return false
            // "S/N" is one word, not two.
            case UInt8(ascii: "/") where tokens[tokens.count - 1] == [UInt8(ascii: "s")]: continue
            default: if !tokens[tokens.count - 1].isEmpty { tokens.append([]) }
            }
        }
        if tokens.last?.isEmpty == true { tokens.removeLast() }
        return !tokens.isEmpty && tokens.allSatisfy { segments($0[...]) }
    }

    /// Whether `token` is a run of field words ("baseboardserialnumb" → base, board, serial, numb).
    private static func segments(_ token: ArraySlice<UInt8>) -> Bool {
        if token.isEmpty { return true }
        for word in fieldWords where token.starts(with: word) {
            if segments(token.dropFirst(word.count)) { return true }
        }
        return false
    }

    // MARK: Type templates

    /// "type", the SMBIOS structure number, then words: Insyde's platform defaults fill the strings of a
    /// structure with them (PcdType001Strings "…;Type1Sku0;Type1Family;", PcdType002Strings000 "Type2 - Board
    /// Serial Number;Type2 - Board Asset Tag;…"), and tablets ship them unchanged (lshw of a Hampoo BYT-PF02).
    private static func isTypeTemplate(_ key: String) -> Bool {
        guard key.hasPrefix("type") else { return false }
        let afterType = key.dropFirst(4).drop(while: { $0 == " " })
        let number = afterType.prefix(while: { $0.isNumber })
        guard (1...3).contains(number.count) else { return false }
        return afterType.dropFirst(number.count).filter({ $0.isLetter }).count >= 3
    }

    // MARK: Digit runs inside a value

    /// Serial abbreviations a vendor template puts before a counting run: "SN-12345", "SYS-1234567890",
    /// "MB-1234567890", "NB-1234567890".
    private static let serialPrefixes: [[UInt8]] = ["sn", "s/n", "ssn", "bsn", "csn", "msn", "sys", "mb", "nb", "serial", "no"]
        .map { Array($0.utf8) }

    /// Ten counting digits in a row (up or down) do not occur in a real serial (one in 10^10 per position), so
    /// such a run is a template anywhere ("SYS-9876543210" is GLPI's); a shorter ascending run (five or more,
    /// from 0 or 1) counts only when the rest is a serial abbreviation, so "S4ENNX0N912345" and "#A123456789"
    /// stay values. On the UTF-8 bytes; only ASCII digits count.
    private static func hasEmbeddedDigitRun(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        func digit(_ index: Int) -> Int? {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) ? Int(bytes[index] - UInt8(ascii: "0")) : nil
        }
        for step in [1, 9] {  // +1 and -1 modulo 10
            var index = 0
            while index < bytes.count {
                guard let first = digit(index) else { index += 1; continue }
                var end = index + 1
                var previous = first
                while end < bytes.count, let next = digit(end), next == (previous + step) % 10 {
                    previous = next
                    end += 1
                }
                let length = end - index
                if length >= 10 { return true }
                if step == 1, length >= 5, end == bytes.count, first <= 1 {
                    let punctuation: [UInt8] = Array("-_:#. ".utf8)
                    var head = bytes[..<index]
                    while let last = head.last, punctuation.contains(last) { head = head.dropLast() }
                    if serialPrefixes.contains(where: { head.elementsEqual($0) }) { return true }
                }
                index = end
            }
        }
        return false
    }

    // MARK: Blank UUID-shaped serials

    /// A serial that is UUID-shaped (32 hex digits in groups) but all 0 or all F, as hypervisors and boards with
    /// an unset field report (RHEV guests: "00000000-0000-0000-0000-000000000000"). Without separators the
    /// repeated-character rule already catches it.
    private static func isBlankUUIDShaped(_ key: String) -> Bool {
        let separators: [UInt8] = Array("- :{}".utf8)
        guard key.utf8.contains(where: separators.contains) else { return false }
        let digits = key.utf8.filter { !separators.contains($0) }
        guard digits.count == 32, let first = digits.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "f") else { return false }
        return digits.allSatisfy { $0 == first }
    }

    /// Trimmed, case-folded, inner white space collapsed; MACs and UUIDs reduced to their hex digits.
    static func normalise(_ value: String, kind: IdentifierKind) -> String {
        asciiNormalised(value, kind: kind) ?? unicodeNormalised(value, kind: kind)
    }

    /// `unicodeNormalised` for ASCII text, byte by byte, or nil for any other text. Every check run normalises
    /// the whole built-in list (about 120 values); lowercasing and classifying Characters cost ~25,000
    /// instructions a value, a fifth of a run (bench/NOTES.md). In ASCII the two agree byte for byte: the
    /// trimmed bytes are those of `trimmedWhitespace`, `lowercased()` maps only A-Z, a "\r\n" Character is neither
    /// a separator nor a hex digit, and `isHexDigit` is 0-9, a-f (PlaceholderNormaliseTests compares them).
    static func asciiNormalised(_ value: String, kind: IdentifierKind) -> String? {
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        var result: [UInt8] = []
        result.reserveCapacity(last - first + 1)
        var pendingSeparator = false
        for byte in bytes[first...last] {
            let folded = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
            switch kind {
            case .serial:
                if folded == 0x20 || folded == 0x09 {
                    pendingSeparator = !result.isEmpty
                    continue
                }
                if pendingSeparator { result.append(0x20) }
                pendingSeparator = false
                result.append(folded)
            case .mac, .uuid:
                if (0x30...0x39).contains(folded) || (0x61...0x66).contains(folded) { result.append(folded) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The definition `normalise` follows for any text.
    static func unicodeNormalised(_ value: String, kind: IdentifierKind) -> String {
        let folded = value.trimmedWhitespace.lowercased()
        switch kind {
        case .serial:
            return folded.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        case .mac, .uuid:
            return String(folded.filter { $0.isHexDigit })
        }
    }

    /// The keys a listed value is found under: UUIDs in both byte orders, since SMBIOS stores the first three
    /// fields little-endian and tools disagree on which view they print.
    private static func keys(_ value: String, kind: IdentifierKind) -> [String] {
        let key = normalise(value, kind: kind)
        guard kind == .uuid, key.count == 32 else { return [key] }
        return [key, swappedUUID(key)]
    }

    /// A UUID's 32 hex digits with the first three fields byte-swapped (the other SMBIOS byte order).
    public static func swappedUUID(_ hex: String) -> String {
        // 32 ASCII digits (the usual case): the same swap on bytes, without building Strings per pair.
        let utf8 = Array(hex.utf8)
        if utf8.count == 32 && utf8.allSatisfy({ $0 < 0x80 }) {
            var swapped: [UInt8] = []
            swapped.reserveCapacity(32)
            for range in [0..<8, 8..<12, 12..<16] {
                for pair in stride(from: range.upperBound - 2, through: range.lowerBound, by: -2) { swapped += utf8[pair..<pair + 2] }
            }
            swapped += utf8[16..<32]
            return String(decoding: swapped, as: UTF8.self)
        }
        let characters = Array(hex)
        func bytes(_ range: Range<Int>) -> [String] {
            stride(from: range.lowerBound, to: range.upperBound, by: 2).map { String(characters[$0..<$0 + 2]) }
        }
        let swapped = bytes(0..<8).reversed() + bytes(8..<12).reversed() + bytes(12..<16).reversed() + bytes(16..<32)
        return swapped.joined()
    }
}
