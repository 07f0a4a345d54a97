import Foundation
import Testing

/// Every committed fuzz input (seeds and past finds, Fuzz/corpus/<target>/) replayed through its target's checks:
/// what libFuzzer found once stays fixed. scripts/fuzz.sh runs the same checks under libFuzzer and ASan.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus")

    static var targets: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    }

    @Test func everyTargetHasACorpusAndEveryCorpusATarget() {
        let checks = Set(FuzzChecks.all.map(\.name))
        #expect(Set(Self.targets) == checks)
    }

    @Test(arguments: FuzzChecks.all.map(\.name))
    func corpusReplays(target: String) throws {
        let check = try #require(FuzzChecks.all.first { $0.name == target }?.check)
        let directory = Self.corpus.appendingPathComponent(target)
        let inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!inputs.isEmpty, "no seed inputs for \(target)")
        for input in inputs {
            let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(input)))
            let problems = check(bytes)
            #expect(problems.isEmpty, "\(target)/\(input): \(problems)")
        }
    }
}
