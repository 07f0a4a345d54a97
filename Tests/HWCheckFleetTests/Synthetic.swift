import HWCheckCore
@testable import HWCheckBundle
@testable import HWCheckFleet

/// A compact report shaped like `hwcheck --json --compact` (the keys the fleet reads, plus the bulk it skips),
/// for small fleets with exactly known duplicates and placeholders.
struct SyntheticDevice {
    var hostId: String?
    var b1: String?
    var b2: String?
    var b3: String?
    var b4: String?
    /// Rows (and "hostId") whose value is a placeholder.
    var placeholders: Set<String> = []
    var collectedAt: String?
    /// The B2 check's `windowsValue` (an NVMe disk's Windows form), and whether it is junk (`windows-placeholder`).
    var windowsB2: String? = nil
    var windowsB2IsPlaceholder = false
    /// Written as hwcheck writes B2 since review item 2: judged on the Windows form, the serial Linux shows only in
    /// `linuxReasons` (older reports put its "placeholder" into `reasons`).
    var judgedOnWindowsForm = false

    func json() -> String {
        var checks: [JSONValue] = []
        var failing = false
        for (row, value) in [("B1", b1), ("B2", b2), ("B3", b3), ("B4", b4)] {
            var reasons: [String] = value == nil ? ["empty"] : placeholders.contains(row) ? ["placeholder"] : []
            var windows: [String: JSONValue] = [:]
            if row == "B2" && judgedOnWindowsForm && windowsB2 != nil {
                windows["linuxReasons"] = .array(reasons.map(JSONValue.string))
                reasons = []
            }
            if row == "B2" && windowsB2IsPlaceholder { reasons.append("windows-placeholder") }
            failing = failing || !reasons.isEmpty
            if row == "B2", let windowsB2 { windows.merge(["windowsValue": .string(windowsB2), "windowsRule": .string("nvme-eui64")]) { _, new in new } }
            checks.append(.object(windows.merging([
                "id": .string(row), "status": .string(reasons.isEmpty ? "pass" : "fail"),
                "reasons": .array(reasons.map(JSONValue.string)), "value": .optional(value),
                "message": .string("\(row): \(value ?? "-") \"quoted\" \\ and \u{4E2D}"), "remedy": .null,
                "findings": .array(reasons.map { .object(["reason": .string($0), "message": .string("m"), "remedy": .string("r")]) }),
            ]) { _, new in new }))
        }
        var report: [String: JSONValue] = [
            "schemaVersion": .int(1),
            "tool": .object(["name": .string("hwcheck"), "version": .string("0.1.0")]),
            "spec": .object(["name": .string("DeviceBinding"), "version": .string("1")]),
            "verdict": .string(failing ? "non-compliant" : "compliant"),
            "binding": .object(["B1": .optional(b1), "B2": .optional(b2), "B3": .optional(b3), "B4": .optional(b4)]),
            "hostId": .optional(hostId),
            "checks": .array(checks),
            "notes": .array([]),
            "inventory": .object([
                "udevDatabase": .bool(true),
                "dmi": .object(["available": .bool(true), "fields": .object([
                    "product_uuid": .object(["state": .string(placeholders.contains("hostId") ? "placeholder" : hostId == nil ? "empty" : "value"),
                                             "value": .optional(hostId), "raw": .null, "detail": .null, "source": .string("x")]),
                ])]),
                "disks": .array([.object(["sizeBytes": .int(1_000_204_886_016), "name": .string("sda")])]),
            ]),
        ]
        if let collectedAt { report["collectedAt"] = .string(collectedAt) }
        return JSONValue.object(report).serializedCompact()
    }
}

/// Reads reports from text through the real stream (a temporary file), collecting devices and problems.
func analyse(_ text: String) throws -> FleetResult {
    let path = try temporaryFile(text)
    defer { removeTemporary(path) }
    var analyzer = FleetAnalyzer()
    ReportStream().read([path], onProblem: { analyzer.addProblem($0) }) { (document: ReportDocument) throws(Never) in
        analyzer.add(document.summary, origin: document.origin, modificationTime: document.modificationTime)
    }
    return analyzer.finish()
}

struct TestFailure: Error { var message: String }

func temporaryFile(_ text: String, name: String = "reports.jsonl") throws -> String {
    guard let directory = FileIO.makeTemporaryDirectory(prefix: "hwcheck-fleet-test") else { throw TestFailure(message: "no temp dir") }
    let path = directory + "/" + name
    if let error = FileIO.writeAtomically(Array(text.utf8), to: path) { throw error }
    return path
}

/// Removes the directory `temporaryFile` made.
func removeTemporary(_ path: String) {
    if let slash = path.lastIndex(of: "/") { FileIO.removeTree(String(path[..<slash])) }
}
