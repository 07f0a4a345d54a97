// The fleet summary as text (for people), JSON (a contract: keys documented in README "Fleet") and CSV (one
// row per device, for spreadsheets).

import HWCheckCore

public enum FleetOutput {
    /// Version of the `hwcheck fleet --format json` document; bumped like the report's `schemaVersion`.
    public static let fleetSchemaVersion = 1

    public static func json(_ result: FleetResult) -> JSONValue {
        func device(_ index: Int) -> JSONValue {
            let device = result.devices[index]
            var members: [String: JSONValue] = ["hostId": .optional(device.hostId), "source": .string(device.origin.label)]
            // The row that names the device after its host id: the one bound to dmi.product_serial ("B1").
            if let serial = device.row(boundTo: .productSerial) { members[serial.id] = .optional(serial.value) }
            return .object(members)
        }
        func groups(_ groups: [ValueGroup]) -> JSONValue {
            .array(groups.map { group in
                .object(["field": .string(group.field.name), "value": .string(group.value),
                         "count": .int(group.devices.count), "devices": .array(group.devices.map(device))])
            })
        }
        var verdicts: [String: JSONValue] = ["compliant": .int(0), "non-compliant": .int(0), "undetermined": .int(0)]
        for (verdict, count) in result.verdicts { verdicts[verdict.rawValue] = .int(count) }
        return .object([
            "fleetSchemaVersion": .int(fleetSchemaVersion),
            "reports": .object(["read": .int(result.reportsRead), "superseded": .int(result.reportsSuperseded),
                                "skipped": .int(result.problems.count)]),
            "devices": .int(result.devices.count),
            "verdicts": .object(verdicts),
            "failingRows": .array(result.rowIDs.compactMap { row in
                guard let failure = result.rowFailures[row] else { return nil }
                var reasons: [String: JSONValue] = [:]
                for (reason, count) in failure.reasons { reasons[reason.text] = .int(count) }
                return .object(["row": .string(row), "devices": .int(failure.devices), "reasons": .object(reasons)])
            }),
            "duplicates": groups(result.duplicates),
            "placeholders": groups(result.placeholders),
            "skipped": .array(result.problems.map { problem in
                .object(["source": .string(problem.origin.source), "line": .int(problem.origin.line), "reason": .string(problem.reason)])
            }),
        ])
    }

    /// The summary for people, in English or Chinese (verdicts, rows, fields and reason codes stay as the JSON has
    /// them: they are what `hwcheck explain` takes).
    public static func text(_ result: FleetResult, listLimit: Int = 20, language: Language = .en) -> String {
        let zh = language == .zh
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        func devices(_ number: Int) -> String { zh ? "\(number) 台设备" : count(number, "device", "devices") }
        var lines: [String] = []
        let verdictText = [Verdict.compliant, .nonCompliant, .undetermined].map { "\(result.verdicts[$0] ?? 0) \($0.rawValue)" }
            .joined(separator: ", ")
        lines.append(zh
            ? "\(result.devices.count) 台设备，来自 \(result.reportsRead) 份报告（\(result.reportsSuperseded) 份被更新的报告取代，跳过 \(result.problems.count) 个输入）"
            : "\(devices(result.devices.count)) from \(count(result.reportsRead, "report", "reports")) (\(result.reportsSuperseded) superseded by a newer report, \(count(result.problems.count, "input", "inputs")) skipped)")
        lines.append((zh ? "结论：" : "Verdicts: ") + verdictText)
        if !result.rowFailures.isEmpty {
            lines.append("")
            lines.append(zh ? "不通过的项：" : "Failing rows:")
            for row in result.rowIDs {
                guard let failure = result.rowFailures[row] else { continue }
                let reasons = failure.reasons.map { (reason: $0.key.text, count: $0.value) }
                    .sorted { ($1.count, $0.reason) < ($0.count, $1.reason) }.map { "\($0.reason) \($0.count)" }
                    .joined(separator: ", ")
                lines.append("  \(row): \(devices(failure.devices)) (\(reasons))")
            }
        }
        func describe(_ groups: [ValueGroup], title: String, empty: String) {
            lines.append("")
            if groups.isEmpty { lines.append(empty); return }
            lines.append(title)
            for group in groups {
                lines.append("  \(group.field.name) \"\(group.value)\": \(devices(group.devices.count))")
                for index in group.devices.prefix(listLimit) {
                    let device = result.devices[index]
                    // A device known by nothing but its source is shown by its source, once.
                    lines.append(device.label == device.origin.label ? "    \(device.label)" : "    \(device.label)  \(device.origin.label)")
                }
                if group.devices.count > listLimit {
                    let more = group.devices.count - listLimit
                    lines.append(zh ? "    … 另有 \(more) 台（--json 列出全部）" : "    … and \(more) more (--json lists all)")
                }
            }
        }
        describe(result.duplicates, title: zh ? "不唯一（同一个值出现在多台设备上）：" : "Not unique (one value, several devices):",
                 empty: zh ? "没有重复的值。" : "No duplicate values.")
        describe(result.placeholders, title: zh ? "占位值：" : "Placeholders:", empty: zh ? "没有占位值。" : "No placeholders.")
        if !result.problems.isEmpty {
            lines.append("")
            lines.append(zh ? "已跳过：" : "Skipped:")
            for problem in result.problems { lines.append("  \(problem.origin.label): \(problem.reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The header line: one column per row id of the fleet (`FleetResult.rowIDs`; B1…B4 with the built-in spec).
    public static func csvHeader(rowIDs: [String]) -> String {
        (["source", "collectedAt", "hostId"] + rowIDs + ["verdict", "failing", "duplicated", "placeholders"]).map(CSV.escape)
            .joined(separator: ",")
    }

    /// One line per device: its identity, verdict, failing rows, and which of its values other devices share.
    public static func csv(_ result: FleetResult) -> String {
        var duplicated: [Int: Set<FleetField>] = [:]
        for group in result.duplicates { for index in group.devices { duplicated[index, default: []].insert(group.field) } }
        var lines = [csvHeader(rowIDs: result.rowIDs)]
        lines.reserveCapacity(result.devices.count + 1)
        for (index, device) in result.devices.enumerated() {
            let values: [String?] = result.rowIDs.enumerated().map { column, id in device.row(id: id, hint: column)?.value }
            let fields: [String?] = [device.origin.label, device.collectedAt, device.hostId] + values + [
                device.verdict.rawValue, device.failingRows.map(\.id).joined(separator: ";"),
                (duplicated[index] ?? []).sorted { result.order($0) < result.order($1) }.map(\.name).joined(separator: ";"),
                device.reportedPlaceholders.sorted { result.order($0) < result.order($1) }.map(\.name).joined(separator: ";"),
            ]
            lines.append(fields.map { CSV.escape($0 ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
