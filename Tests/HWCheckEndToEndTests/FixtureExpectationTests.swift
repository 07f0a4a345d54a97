import Foundation
import Testing

/// Each fixture's MACHINE.md ends with a fenced `expect` block that fixtures/build.py (or build_hostile.py) writes
/// from its `EXPECTED` table: what the machine must show, read from the hardware its prose describes. The expected
/// report files are re-recorded with `RECORD=1`, so on their own they only say "unchanged"; this holds the actual
/// `--sysroot --json` report to the hardware truth, and a fixture without the block fails.
///
/// The block, one `key: value` per line:
///
///     exit: 1 non-compliant
///     B1: pass
///     B2: fail empty, hot-plug on sda        status, then reason codes (any order), then "on" the row's subject
///     B3: unknown source-unavailable
///     B4: pass on eno1
///     notes: root-not-on-disk                note codes the report must hold (it may hold more)
///     without notes: recording-gap           note codes it must not hold
///     host id: placeholder                   the state of the SMBIOS UUID (product_uuid), where the prose says
@Suite struct FixtureExpectationTests {
    struct Row: Equatable {
        var status: String
        var reasons: Set<String>
        var subject: String?
    }

    struct Expectation: Equatable {
        var exitCode: Int32
        var verdict: String
        var rows: [String: Row]
        var notes: [String] = []
        var withoutNotes: [String] = []
        var hostID: String?
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    /// Fixtures whose report does not (yet) show what their prose and expectation say. Each entry is a finding for
    /// the lead, not a waiver: the comparison still runs, its mismatches are recorded as a known issue, and once the
    /// report and the expectation agree the entry itself fails ("known issue was not recorded") until removed.
    static let knownDisagreements: [String: String] = [:]

    // MARK: the fixtures

    @Test(arguments: Harness.machines)
    func reportMeetsExpectation(machine: String) throws {
        let directory = Harness.fixtures.appendingPathComponent(machine)
        let markdown = try String(contentsOf: directory.appendingPathComponent("MACHINE.md"), encoding: .utf8)
        let expectation = try Self.parse(markdown)
        let result = try Harness.hwcheck(["--sysroot", directory.appendingPathComponent("root").path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let mismatches = Self.mismatches(expectation, report: report, exitCode: result.status)
        if let finding = Self.knownDisagreements[machine] {
            withKnownIssue(Comment(rawValue: finding)) {
                for mismatch in mismatches { Issue.record("\(machine): \(mismatch)") }
            }
        } else {
            for mismatch in mismatches { Issue.record("\(machine): \(mismatch)") }
        }
    }

    /// Every entry names a fixture that exists (a renamed fixture must take its finding along).
    @Test func knownDisagreementsNameFixtures() {
        for machine in Self.knownDisagreements.keys {
            #expect(Harness.machines.contains(machine), "\(machine) is not a fixture")
        }
    }

    // MARK: the parser and the comparison can fail

    @Test func parsesTheBlock() throws {
        let markdown = """
            # m

            Prose. Expected: B2 fails.

            ```expect
            exit: 1 non-compliant
            B1: pass
            B2: fail empty, hot-plug on sda, sdb
            B3: unknown source-unavailable
            B4: pass on eno1
            notes: current-mac, root-not-on-disk
            without notes: recording-gap
            host id: placeholder
            ```
            """
        let expectation = try Self.parse(markdown)
        #expect(expectation == Expectation(
            exitCode: 1, verdict: "non-compliant",
            rows: ["B1": Row(status: "pass", reasons: [], subject: nil),
                   "B2": Row(status: "fail", reasons: ["empty", "hot-plug"], subject: "sda, sdb"),
                   "B3": Row(status: "unknown", reasons: ["source-unavailable"], subject: nil),
                   "B4": Row(status: "pass", reasons: [], subject: "eno1")],
            notes: ["current-mac", "root-not-on-disk"], withoutNotes: ["recording-gap"], hostID: "placeholder"))
    }

    /// Prose alone, a second block, an unknown key or status, a failing row without reasons: all refused, so a
    /// fixture cannot pass by stating nothing.
    @Test(arguments: [
        "# m\n\nExpected: compliant; exit 0.\n",
        "```expect\nexit: 0 compliant\nB1: pass\n```\n```expect\nexit: 0 compliant\nB1: pass\n```\n",
        "```expect\nB1: pass\n```\n",
        "```expect\nexit: 0 compliant\n```\n",
        "```expect\nexit: zero compliant\nB1: pass\n```\n",
        "```expect\nexit: 0 compliant\nB1: passes\n```\n",
        "```expect\nexit: 0 compliant\nB1: fail\n```\n",
        "```expect\nexit: 0 compliant\nB1: pass empty\n```\n",
        "```expect\nexit: 0 compliant\nB1: pass\nB1: pass\n```\n",
        "```expect\nexit: 0 compliant\nB1: pass\nverdict: compliant\n```\n",
        "```expect\nexit: 0 compliant\nB1: pass\n",
        "```expect\nexit: 0 compliant\nB1: pass\nhost id:\n```\n",
    ])
    func refusesIncompleteBlocks(markdown: String) {
        #expect(throws: ParseError.self) { try Self.parse(markdown) }
    }

    /// The seed's real report against its own expectation, then against each single change of it.
    @Test func comparisonSeesEveryField() throws {
        let directory = Harness.fixtures.appendingPathComponent("seed-m903g6g4")
        let expectation = try Self.parse(try String(contentsOf: directory.appendingPathComponent("MACHINE.md"),
                                                    encoding: .utf8))
        let result = try Harness.hwcheck(["--sysroot", directory.appendingPathComponent("root").path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Self.mismatches(expectation, report: report, exitCode: result.status) == [])

        var changes: [(String, Expectation)] = []
        var changed = expectation
        changed.exitCode = 2
        changes.append(("exit code", changed))
        changed = expectation
        changed.verdict = "compliant"
        changes.append(("verdict", changed))
        changed = expectation
        changed.rows["B2"]?.status = "unknown"
        changes.append(("status", changed))
        changed = expectation
        changed.rows["B2"]?.reasons.remove("hot-plug")
        changes.append(("reasons", changed))
        changed = expectation
        changed.rows["B2"]?.subject = "sdb"
        changes.append(("subject", changed))
        changed = expectation
        changed.rows["B5"] = Row(status: "pass", reasons: [], subject: nil)
        changes.append(("a row the report lacks", changed))
        changed = expectation
        changed.rows["B4"] = nil
        changes.append(("a report row not expected", changed))
        changed = expectation
        changed.notes = ["recording-gap"]
        changes.append(("a missing note", changed))
        changed = expectation
        changed.withoutNotes = ["current-mac"]
        changes.append(("a forbidden note", changed))
        changed = expectation
        changed.hostID = "placeholder"
        changes.append(("the host id's state", changed))
        for (what, wrong) in changes {
            #expect(Self.mismatches(wrong, report: report, exitCode: result.status).count == 1, "\(what)")
        }
    }

    // MARK: parsing and comparing

    static func parse(_ markdown: String) throws -> Expectation {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let openings = lines.indices.filter { lines[$0] == "```expect" }
        guard openings.count == 1, let opening = openings.first else {
            throw ParseError(description: "MACHINE.md needs exactly one ```expect block (found \(openings.count)); "
                + "add the fixture to EXPECTED in fixtures/build.py or build_hostile.py and run it")
        }
        guard let closing = lines[(opening + 1)...].firstIndex(of: "```") else {
            throw ParseError(description: "the ```expect block is not closed")
        }
        var exit: (code: Int32, verdict: String)?
        var rows: [String: Row] = [:]
        var notes: [String]?, withoutNotes: [String]?, hostID: String?
        for line in lines[(opening + 1)..<closing] {
            guard let colon = line.firstIndex(of: ":") else { throw ParseError(description: "no key in \(line)") }
            let key = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "exit":
                let words = value.split(separator: " ").map(String.init)
                guard exit == nil, words.count == 2, let code = Int32(words[0]) else {
                    throw ParseError(description: "expected `exit: CODE VERDICT` once, got \(line)")
                }
                exit = (code, words[1])
            case "notes", "without notes":
                let codes = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard (key == "notes" ? notes : withoutNotes) == nil, !codes.contains("") else {
                    throw ParseError(description: "bad or repeated \(line)")
                }
                if key == "notes" { notes = codes } else { withoutNotes = codes }
            case "host id":
                guard hostID == nil, !value.isEmpty, !value.contains(" ") else {
                    throw ParseError(description: "bad or repeated \(line)")
                }
                hostID = value
            case _ where key.first == "B" && Int(key.dropFirst()) != nil:
                guard rows[key] == nil else { throw ParseError(description: "\(key) stated twice") }
                rows[key] = try parseRow(value)
            default:
                throw ParseError(description: "unknown key in \(line)")
            }
        }
        guard let exit, !rows.isEmpty else {
            throw ParseError(description: "the ```expect block needs an `exit:` line and a line per row")
        }
        return Expectation(exitCode: exit.code, verdict: exit.verdict, rows: rows, notes: notes ?? [],
                           withoutNotes: withoutNotes ?? [], hostID: hostID)
    }

    /// `STATUS [REASON, REASON…] [on SUBJECT]`: a passing row has no reasons, a failing or unknown one has some.
    static func parseRow(_ text: String) throws -> Row {
        var words = text.split(separator: " ").map(String.init)
        var subject: String?
        if let on = words.firstIndex(of: "on") {
            subject = words[(on + 1)...].joined(separator: " ")
            words.removeSubrange(on...)
        }
        guard let status = words.first, ["pass", "fail", "unknown"].contains(status), subject != "" else {
            throw ParseError(description: "bad row \(text)")
        }
        let reasons = Set(words.dropFirst().joined(separator: " ").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) })
        guard (status == "pass") == reasons.isEmpty, !reasons.contains("") else {
            throw ParseError(description: "\(text): a passing row has no reasons, a failing or unknown row has some")
        }
        return Row(status: status, reasons: reasons, subject: subject)
    }

    /// What differs between the expectation and a `--json` report, one line each.
    static func mismatches(_ expected: Expectation, report: [String: Any], exitCode: Int32) -> [String] {
        var found: [String] = []
        if exitCode != expected.exitCode { found.append("exit code \(exitCode), expected \(expected.exitCode)") }
        let verdict = report["verdict"] as? String ?? "none"
        if verdict != expected.verdict { found.append("verdict \(verdict), expected \(expected.verdict)") }
        var checks: [String: [String: Any]] = [:]
        for check in report["checks"] as? [[String: Any]] ?? [] {
            if let id = check["id"] as? String { checks[id] = check }
        }
        for id in Set(checks.keys).union(expected.rows.keys).sorted() {
            guard let row = expected.rows[id] else { found.append("\(id) is in the report but not expected"); continue }
            guard let check = checks[id] else { found.append("\(id) is expected but not in the report"); continue }
            let status = check["status"] as? String ?? "none"
            let reasons = Set(check["reasons"] as? [String] ?? [])
            if status != row.status || reasons != row.reasons {
                found.append("\(id) \(status) \(reasons.sorted()), expected \(row.status) \(row.reasons.sorted())")
            }
            if let subject = row.subject, check["subject"] as? String != subject {
                found.append("\(id) on \(check["subject"] as? String ?? "nothing"), expected on \(subject)")
            }
        }
        if let hostID = expected.hostID {
            let dmi = (report["inventory"] as? [String: Any])?["dmi"] as? [String: Any]
            let uuid = (dmi?["fields"] as? [String: Any])?["product_uuid"] as? [String: Any]
            let state = uuid?["state"] as? String ?? "not in the report"
            if state != hostID { found.append("host id \(state), expected \(hostID)") }
        }
        let notes = Set((report["notes"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
        let missing = expected.notes.filter { !notes.contains($0) }
        let forbidden = expected.withoutNotes.filter { notes.contains($0) }
        if !missing.isEmpty { found.append("notes lack \(missing)") }
        if !forbidden.isEmpty { found.append("notes hold \(forbidden), expected without") }
        return found
    }
}
