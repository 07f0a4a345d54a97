import HWCheckCore
import Testing
@testable import HWCheckBundle
@testable import HWCheckFleet

#if canImport(Glibc)
import Glibc
#endif

/// What the command line leaves to the libraries: the check run with redaction and collectedAt in the Report, the
/// bundle capture, the one error → exit-code mapping, and error messages that name inputs as the caller says.
@Suite struct CommandLibraryTests {
    static let repository = String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")
    static let seed = "/\(repository)/fixtures/seed-m903g6g4/root"

    static func members(_ value: JSONValue) -> [String: JSONValue] {
        if case .object(let members) = value { return members }
        return [:]
    }

    @Test func reportCarriesRedactionAndCollectedAtOnlyWhenGiven() throws {
        let machine = Machine.recorded(SystemRoot(path: Self.seed))
        let plain = Self.members(try checkMachine(machine, spec: Spec.builtIn()).json(language: .en))
        #expect(plain["redaction"] == nil && plain["collectedAt"] == nil)

        let redactor = Redactor(salt: "test-salt")
        let report = try checkMachine(machine, spec: Spec.builtIn(), redactor: redactor, collectedAt: "2026-01-02T03:04:05Z")
        let members = Self.members(report.json(language: .en))
        #expect(members["collectedAt"] == .string("2026-01-02T03:04:05Z"))
        #expect(members["redaction"] == .object(["method": .string("sha256-salted"), "saltId": .string(redactor.saltId)]))
        // The values themselves are the redacted ones.
        let serial = try collectInventory(machine, spec: Spec.builtIn()).dmi[.productSerial]
        #expect(serial.value != nil && report.inventory.dmi[.productSerial].value != serial.value)
        #expect(report.inventory.dmi[.productSerial].value == redactor.redact(serial, kind: .serial).value)
    }

    @Test func captureReplaysToTheSameReportAndMarksARedactedBundle() throws {
        let source = Machine.recorded(SystemRoot(path: Self.seed))
        let redactor = Redactor(salt: "bundle-salt")
        let entries = try Bundle.capture(source, sourceRoot: Self.seed, spec: Spec.builtIn(), redactor: redactor)
        #expect(entries.contains { $0.path == LiveRecording.redactionPath })
        #expect(entries.contains { $0.path == "usr/share/misc/pci.ids" })

        guard let directory = FileIO.makeTemporaryDirectory(prefix: "hwcheck-capture-test") else {
            Issue.record("no temporary directory")
            return
        }
        defer { FileIO.removeTree(directory) }
        try Tar.extract(entries, into: directory)
        // The replay of the redacted bundle is the redacted report, marked with the same salt id.
        let replay = try checkMachine(Machine.recorded(SystemRoot(path: directory)), spec: Spec.builtIn())
        let direct = try checkMachine(source, spec: Spec.builtIn(), redactor: redactor)
        #expect(replay.json(language: .en).serialized() == direct.json(language: .en).serialized())
        #expect(replay.redaction == ReportRedaction(saltId: redactor.saltId))
    }

    @Test func unknownDiskIsNamedAsGivenWithoutAnOption() {
        let machine = Machine.recorded(SystemRoot(path: Self.seed))
        #expect(throws: HWCheckError.self) { try checkMachine(machine, spec: Spec.builtIn(), explicitDisk: "sdz") }
        do {
            _ = try checkMachine(machine, spec: Spec.builtIn(), explicitDisk: "sdz")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("sdz: no such physical disk"), "\(error.message)")
        }
    }

    @Test func sysrootMessagesNameTheInputAsTheCallerGivesIt() {
        do {
            _ = try SystemRootLocation.open("/nonexistent-hwcheck-root", given: "ROOT")
            Issue.record("a missing root opened")
        } catch {
            #expect(error.kind == .inputMissing)
            #expect(error.message.hasPrefix("ROOT: no such directory"), "\(error.message)")
        }
        do {
            _ = try SystemRootLocation.open("", given: "EMPTY")
            Issue.record("an empty path opened")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("EMPTY: give the folder"), "\(error.message)")
        }
    }

    @Test func oneExitCodeMapping() {
        #expect(CommandExit.exitCode(for: HWCheckError(.usage, "u")) == 64)
        #expect(CommandExit.exitCode(for: HWCheckError(.badData, "b")) == 65)
        #expect(CommandExit.exitCode(for: HWCheckError(.inputMissing, "m")) == 66)
        #expect(CommandExit.exitCode(for: HWCheckError(.outputError, "o")) == 74)
        #expect(CommandExit.exitCode(for: DescriptorOutput.BrokenPipe()) == 74)
        #expect(CommandExit.exitCode(for: ErrnoError(code: EIO)) == 70)
        #expect(CommandExit.message(for: HWCheckError(.badData, "spec.json: not JSON")) == "hwcheck: spec.json: not JSON\n")
        #expect(CommandExit.message(for: DescriptorOutput.BrokenPipe()) == nil)
        #expect(CommandExit.message(for: ErrnoError(code: EIO))?.hasPrefix("hwcheck: internal error: ") == true)
    }

    /// A column map names its source as the caller gives it: a --map-file's unknown field is not blamed on --map.
    @Test func columnMapErrorsNameTheirOwnSource() {
        do {
            _ = try TraceMapping.parse(json: Array(#"{"serial": "X"}"#.utf8), origin: "--map-file m.json")
            Issue.record("an unknown field was accepted")
        } catch {
            #expect(error.message.hasPrefix("--map-file m.json: unknown field \"serial\""), "\(error.message)")
        }
        do {
            _ = try TraceMapping.parse("serial=X", origin: "MAP")
            Issue.record("an unknown field was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("MAP: unknown field \"serial\""), "\(error.message)")
        }
    }
}
