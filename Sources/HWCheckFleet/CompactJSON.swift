/// JSON text without the white space outside strings: one form for a pretty and a compact report.
public enum Compact {
    public static func write(_ text: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output = bytes(text)
    }

    /// The compact form in a new array. Written through a pointer into storage of the input's size (the compact
    /// form is never longer): `fleet import` compacts every report, and a checked `append` per byte cost it
    /// about 20 instructions a byte (callgrind), this loop 4 to 5.
    public static func bytes(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: text.count) { output, count in
            var written = 0
            var inString = false
            var escaped = false
            for byte in text {
                if inString {
                    output[written] = byte
                    written += 1
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                    continue
                }
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09: continue
                case UInt8(ascii: "\""): inString = true; output[written] = byte; written += 1
                default: output[written] = byte; written += 1
                }
            }
            count = written
        }
    }
}
