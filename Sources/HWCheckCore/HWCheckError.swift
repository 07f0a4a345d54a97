/// Errors that stop hwcheck before it can report; each maps to a documented exit code.
public struct HWCheckError: Error, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 64: the command line asks for something that cannot be (an unknown --disk).
        case usage
        /// 65: an input file is malformed (the spec file).
        case badData
        /// 66: an input does not exist (the sysroot, the spec file).
        case inputMissing
        /// 74 (EX_IOERR): the report could not be written (standard output or --output failed mid-way).
        case outputError
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 {
        switch kind {
        case .usage: return 64
        case .badData: return 65
        case .inputMissing: return 66
        case .outputError: return 74
        }
    }
}
