// Holding back SIGINT, SIGTERM and SIGHUP while a private copy of a recording exists on disk (`--sysroot
// ARCHIVE` extracts one under $TMPDIR, with the machine's serials in it), so that the copy is always removed.
//
// A handler would need global state and could only call async-signal-safe functions (signal-safety(7)); instead
// the signals are blocked (sigprocmask(2)) from before the directory is made until after it is removed. One that
// arrives meanwhile stays pending: extraction asks `isPending` between entries and stops early, and `end()`
// restores the mask, at which point the pending signal is delivered with its usual effect (the process ends as
// it would have, only after the cleanup). SIGKILL cannot be held back: a copy may then remain (README).

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct DeferredTermination {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    private var previous = sigset_t()
    private var held = sigset_t()

    /// Blocks the termination signals for this thread (the one that will clean up).
    public static func begin() -> DeferredTermination {
        var deferral = DeferredTermination()
        sigemptyset(&deferral.held)
        for signal in signals { sigaddset(&deferral.held, signal) }
        sigprocmask(SIG_BLOCK, &deferral.held, &deferral.previous)
        return deferral
    }

    /// Whether one of them arrived since `begin()`.
    public var isPending: Bool {
        var pending = sigset_t()
        guard sigpending(&pending) == 0 else { return false }
        return Self.signals.contains { sigismember(&pending, $0) == 1 }
    }

    /// Restores the signal mask: a signal that arrived meanwhile takes effect now.
    public func end() {
        var mask = previous
        sigprocmask(SIG_SETMASK, &mask, nil)
    }
}
