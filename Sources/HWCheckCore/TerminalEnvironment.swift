#if canImport(Glibc)
import Glibc
#endif

extension Terminal {
    /// Colour and symbols: only on a terminal, never with NO_COLOR (no-color.org) or TERM=dumb.
    public static func decorated(_ environment: [String: String], fd: Int32 = STDOUT_FILENO) -> Bool {
        isatty(fd) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The terminal's width for wrapping: the window size on a terminal, else $COLUMNS, else nil (no wrapping).
    public static func columns(_ environment: [String: String], fd: Int32 = STDOUT_FILENO) -> Int? {
        if isatty(fd) == 1 {
            var size = winsize()
            if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        }
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns >= 20 { return columns }
        return nil
    }
}
