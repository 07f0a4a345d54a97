/// JSON text without the white space outside strings: one form for a pretty and a compact report.
public enum Compact {
    public static func write(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(text.count)
        var inString = false
        var escaped = false
        for byte in text {
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case UInt8(ascii: "\""): inString = true; output.append(byte)
            default: output.append(byte)
            }
        }
    }
}
