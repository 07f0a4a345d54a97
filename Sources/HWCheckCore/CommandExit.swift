// How every hwcheck command (and hwcheck-inventory, which speaks as hwcheck) ends on an error: one mapping from
// the error to the documented exit code (README "Exit codes"; sysexits.h) and the line, if any, on standard error.

public enum CommandExit {
    /// hwcheck's own errors carry their code (64, 65, 66, 74); a reader that went away is 74 (EPIPE, not a
    /// SIGPIPE death); anything else is a defect in hwcheck, not in the machine: 70 (EX_SOFTWARE).
    public static func exitCode(for error: any Error) -> Int32 {
        switch error {
        case let error as HWCheckError: return error.exitCode
        case is DescriptorOutput.BrokenPipe: return 74
        default: return 70
        }
    }

    /// The line for standard error, or nil when the exit code says it all (a closed pipe: nobody is reading).
    public static func message(for error: any Error) -> String? {
        switch error {
        case let error as HWCheckError: return "hwcheck: \(error.message)\n"
        case is DescriptorOutput.BrokenPipe: return nil
        default: return "hwcheck: internal error: \(error)\n"
        }
    }
}
