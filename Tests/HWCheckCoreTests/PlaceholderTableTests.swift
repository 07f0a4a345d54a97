import Foundation
import Testing
@testable import HWCheckCore

/// Sources/HWCheckCore/PlaceholderTable.swift, the built-in placeholder list indexed ahead of time, is what
/// `PlaceholderRules.index` makes of Resources/placeholders.json at run time: every key (UUIDs in both byte
/// orders), value and source list, and nothing else. `RECORD=1` rewrites the file from the list (and fails).
@Suite struct PlaceholderTableTests {
    typealias Table = [(key: String, value: String, sources: [String])]

    static var tableFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HWCheckCore/PlaceholderTable.swift")
    }

    /// The runtime index of the built-in entries as the file's tables: per kind, sorted by the key's bytes.
    static func expectedTables() -> [IdentifierKind: Table] {
        let index = PlaceholderRules.index(PlaceholderRules.builtInEntries())
        var tables: [IdentifierKind: Table] = [:]
        for kind in IdentifierKind.allCases {
            tables[kind] = (index[kind] ?? [:]).map { (key: $0.key, value: $0.value.value, sources: $0.value.sources) }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        }
        return tables
    }

    static func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func source(_ tables: [IdentifierKind: Table]) -> String {
        var text = """
            // Generated from Resources/placeholders.json by PlaceholderTableTests; do not edit. After changing the list:
            // RECORD=1 swift test --filter PlaceholderTableTests (it rewrites this file and fails), then run it again.
            extension PlaceholderRules {

            """
        for (kind, name) in [(IdentifierKind.serial, "builtInSerials"), (.uuid, "builtInUUIDs"), (.mac, "builtInMACs")] {
            text += "    static let \(name): [(key: String, value: String, sources: [String])] = [\n"
            for row in tables[kind] ?? [] {
                text += "        (\(literal(row.key)), \(literal(row.value)), [\(row.sources.map(literal).joined(separator: ", "))]),\n"
            }
            text += "    ]\n"
        }
        return text + "}\n"
    }

    @Test func tableIsTheListIndexed() throws {
        let expected = Self.expectedTables()
        if ProcessInfo.processInfo.environment["RECORD"] == "1" {
            try Self.source(expected).write(to: Self.tableFile, atomically: true, encoding: .utf8)
            Issue.record("recorded \(Self.tableFile.path); run again without RECORD=1")
            return
        }
        let compiled: [IdentifierKind: Table] = [.serial: PlaceholderRules.builtInSerials, .uuid: PlaceholderRules.builtInUUIDs,
                                                 .mac: PlaceholderRules.builtInMACs]
        for kind in IdentifierKind.allCases {
            let want = expected[kind] ?? [], have = compiled[kind] ?? []
            #expect(have.count == want.count, "\(kind)")
            for (have, want) in zip(have, want) {
                #expect(Array(have.key.utf8) == Array(want.key.utf8) && have.value == want.value && have.sources == want.sources,
                        "\(kind): \(have) != \(want)")
            }
        }
        #expect((expected[.serial]?.count ?? 0) > 50 && (expected[.uuid]?.count ?? 0) > 5 && (expected[.mac]?.count ?? 0) > 10)
        // The file on disk is what the generator writes (nothing edited by hand around the tables).
        #expect(try String(contentsOf: Self.tableFile, encoding: .utf8) == Self.source(expected))
    }

    /// Every built-in value and every key is found through the tables exactly as through the runtime index, and
    /// a spec file's entry under a built-in key adds its source after the built-in ones.
    @Test func lookupsEqualTheRuntimeIndex() {
        let entries = PlaceholderRules.builtInEntries()
        let tabled = PlaceholderRules(builtIn: true, entries: [], rules: [])
        let indexed = PlaceholderRules(entries: entries, rules: [])
        var probes = entries.map { ($0.value, $0.kind) }
        probes += entries.map { ("  " + $0.value.uppercased() + "\t", $0.kind) }
        probes += [("not listed", .serial), ("\u{212A}", .serial), ("00:11:22:33:44:55", .mac), ("", .serial),
                   ("03000200-0400-0500-0006-000700080009", .uuid), ("12345678-1234-5678-1234-567812345678", .uuid)]
        for (value, kind) in probes {
            #expect(tabled.match(value, kind: kind) == indexed.match(value, kind: kind), "\(kind) \(value)")
        }
        let added = PlaceholderRules.Entry(kind: .serial, value: "Default String", sources: ["spec file"])
        let both = PlaceholderRules(builtIn: true, entries: [added], rules: [])
        #expect(both.match("default string", kind: .serial) == PlaceholderRules(entries: entries + [added], rules: []).match("default string", kind: .serial))
        #expect(both.match("default string", kind: .serial)?.hasSuffix(", spec file)") == true)
    }
}
