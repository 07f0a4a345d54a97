import Foundation
import Testing
@testable import HWCheckCore

/// The placeholder rules against real firmware values: shared/corpus/machines.jsonl (public records, each
/// classified by hand as placeholder or plausible). It lives beside the repository (../shared), as on developer
/// machines and in CI, or where HWCHECK_CORPUS names it (a git worktree elsewhere); the test is skipped where it
/// is not.
@Suite struct CorpusTests {
    static let corpus = ProcessInfo.processInfo.environment["HWCHECK_CORPUS"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus/machines.jsonl")

    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    @Test(.enabled(if: corpusPresent, "shared/corpus is not beside the repository"))
    func everyCorpusPlaceholderCaughtNoPlausibleFlagged() throws {
        let rules = Spec.builtIn().placeholders
        let fields: [(String, IdentifierKind)] = [("product_serial", .serial), ("board_serial", .serial), ("product_uuid", .uuid)]
        var caught: [String] = [], missed: [String] = [], falsePositives: [String] = [], plausible = 0
        let text = try String(contentsOf: Self.corpus, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = record["id"] as? String ?? "?"
            for (field, kind) in fields {
                guard let value = record[field] as? String, let label = record["class_\(field)"] as? String else { continue }
                let classified = Field.classify(value, source: field, kind: kind, placeholders: rules)
                if label.hasPrefix("placeholder") {
                    if classified.state == .placeholder { caught.append("\(id).\(field)") } else { missed.append("\(id).\(field)=\(value)") }
                } else if label == "plausible" {
                    plausible += 1
                    if classified.state != .value { falsePositives.append("\(id).\(field)=\(value) (\(classified.detail?.en ?? ""))") }
                }
            }
        }
        print("corpus placeholders: \(caught.count) caught, \(missed.count) missed; \(plausible) plausible values, \(falsePositives.count) false positives")
        #expect(missed.isEmpty, "missed: \(missed)")
        #expect(falsePositives.isEmpty, "flagged: \(falsePositives)")
        #expect(caught.count >= 15)
    }
}
