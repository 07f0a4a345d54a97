// The fleet summary as text (for people), JSON (a contract: keys documented in README "Fleet") and CSV (one
// row per device, for spreadsheets).

import HWCheckCore

public enum FleetOutput {
    /// Version of the `hwcheck fleet --format json` document; bumped like the report's `schemaVersion`.
    public static let fleetSchemaVersion = 1

    public static func json(_ result: FleetResult) -> JSONValue {
        func device(_ index: Int) -> JSONValue {
            let device = result.devices[index]
            return .object(["hostId": .optional(device.hostId), "B1": .optional(device.binding[0]),
                            "source": .string(device.origin.label)])
        }
        func groups(_ groups: [ValueGroup]) -> JSONValue {
            .array(groups.map { group in
                .object(["field": .string(group.field.rawValue), "value": .string(group.value),
                         "count": .int(group.devices.count), "devices": .array(group.devices.map(device))])
            })
        }
        var verdicts: [String: JSONValue] = ["compliant": .int(0), "non-compliant": .int(0), "undetermined": .int(0)]
        for (verdict, count) in result.verdicts { verdicts[verdict] = .int(count) }
        return .object([
            "fleetSchemaVersion": .int(fleetSchemaVersion),
            "reports": .object(["read": .int(result.reportsRead), "superseded": .int(result.reportsSuperseded),
                                "skipped": .int(result.problems.count)]),
            "devices": .int(result.devices.count),
            "verdicts": .object(verdicts),
            "failingRows": .array(BindingRow.allCases.compactMap { row in
                guard let failure = result.rowFailures[row] else { return nil }
                return .object(["row": .string(row.rawValue), "devices": .int(failure.devices),
                                "reasons": .object(failure.reasons.mapValues { .int($0) })])
            }),
            "duplicates": groups(result.duplicates),
            "placeholders": groups(result.placeholders),
            "skipped": .array(result.problems.map { problem in
                .object(["source": .string(problem.origin.source), "line": .int(problem.origin.line), "reason": .string(problem.reason)])
            }),
        ])
    }

    public static func text(_ result: FleetResult, listLimit: Int = 20) -> String {
        var lines: [String] = []
        let verdictText = ["compliant", "non-compliant", "undetermined"].map { "\(result.verdicts[$0] ?? 0) \($0)" }
            .joined(separator: ", ")
        lines.append("\(result.devices.count) devices from \(result.reportsRead) reports (\(result.reportsSuperseded) superseded by a newer report, \(result.problems.count) inputs skipped)")
        lines.append("Verdicts: \(verdictText)")
        if !result.rowFailures.isEmpty {
            lines.append("")
            lines.append("Failing rows:")
            for row in BindingRow.allCases {
                guard let failure = result.rowFailures[row] else { continue }
                let reasons = failure.reasons.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", ")
                lines.append("  \(row.rawValue): \(failure.devices) devices (\(reasons))")
            }
        }
        func describe(_ groups: [ValueGroup], title: String, empty: String) {
            lines.append("")
            if groups.isEmpty { lines.append(empty); return }
            lines.append(title)
            for group in groups {
                lines.append("  \(group.field.rawValue) \"\(group.value)\": \(group.devices.count) devices")
                for index in group.devices.prefix(listLimit) {
                    let device = result.devices[index]
                    lines.append("    \(device.label)  \(device.origin.label)")
                }
                if group.devices.count > listLimit { lines.append("    … and \(group.devices.count - listLimit) more (--format json lists all)") }
            }
        }
        describe(result.duplicates, title: "Not unique (one value, several devices):", empty: "No duplicate values.")
        describe(result.placeholders, title: "Placeholders:", empty: "No placeholders.")
        if !result.problems.isEmpty {
            lines.append("")
            lines.append("Skipped:")
            for problem in result.problems { lines.append("  \(problem.origin.label): \(problem.reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static let csvHeader = "source,collectedAt,hostId,B1,B2,B3,B4,verdict,failing,duplicated,placeholders"

    /// One line per device: its identity, verdict, failing rows, and which of its values other devices share.
    public static func csv(_ result: FleetResult) -> String {
        var duplicated: [Int: Set<IdentityField>] = [:]
        for group in result.duplicates { for index in group.devices { duplicated[index, default: []].insert(group.field) } }
        var lines = [csvHeader]
        lines.reserveCapacity(result.devices.count + 1)
        for (index, device) in result.devices.enumerated() {
            let fields: [String?] = [
                device.origin.label, device.collectedAt, device.hostId, device.binding[0], device.binding[1], device.binding[2],
                device.binding[3], device.verdict, device.failures.map(\.row.rawValue).joined(separator: ";"),
                (duplicated[index] ?? []).sorted().map(\.rawValue).joined(separator: ";"),
                device.reportedPlaceholders.sorted().map(\.rawValue).joined(separator: ";"),
            ]
            lines.append(fields.map { CSV.escape($0 ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
