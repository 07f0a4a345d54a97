#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// The header-by-header reading of a ustar/pax archive, from memory or from an open file, within `Tar.Limits`.
/// Total: any bytes give headers or a `Tar.ReadError`, never a trap. Numbers are octal digits only (a sign, a
/// base-256 field or any other byte is an error), pax records must be well formed ("LEN key=value\n", LEN
/// counting the whole record), and paths may not be absolute or climb with "..".
struct TarReader {
    enum Input {
        case memory([UInt8])
        case descriptor(Int32)
    }

    enum Kind: Equatable {
        case directory
        case file
        case symlink(String)
    }

    struct Header {
        var path: String
        var kind: Kind
        var mode: UInt32
        var size: Int
    }

    static let blockSize = 512
    var input: Input
    let limits: Tar.Limits
    /// Bytes consumed, for messages.
    var position = 0
    var entries = 0
    var contentSize = 0
    /// Content of the current entry not read yet, and the padding after it.
    var remaining = 0
    var padding = 0

    init(input: Input, limits: Tar.Limits) {
        self.input = input
        self.limits = limits
    }

    /// Up to `count` bytes; fewer only at the end of the input.
    mutating func readUpTo(_ count: Int) throws(Tar.ReadError) -> [UInt8] {
        switch input {
        case .memory(let bytes):
            let end = min(bytes.count, position + count)
            defer { position = end }
            return Array(bytes[min(position, end)..<end])
        case .descriptor(let descriptor):
            var buffer = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let read = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return Glibc.read(descriptor, base + filled, count - filled)
                }
                if read < 0 {
                    if errno == EINTR { continue }
                    throw Tar.ReadError(message: "read failed at byte \(position + filled): \(ErrnoError(code: errno).text)")
                }
                if read == 0 { break }
                filled += read
            }
            position += filled
            return filled == count ? buffer : Array(buffer[0..<filled])
        }
    }

    mutating func readExactly(_ count: Int) throws(Tar.ReadError) -> [UInt8] {
        let bytes = try readUpTo(count)
        guard bytes.count == count else { throw Tar.ReadError(message: "archive cut short") }
        return bytes
    }

    /// Reads the rest of the current entry's content in chunks of at most 64 KiB.
    mutating func readContent(_ body: (ArraySlice<UInt8>) throws(Tar.ReadError) -> Void) throws(Tar.ReadError) {
        while remaining > 0 {
            let chunk = try readExactly(min(remaining, 1 << 16))
            remaining -= chunk.count
            try body(chunk[...])
        }
    }

    /// The rest of the current entry's content, whole (bounded by `Limits.maximumSize`).
    mutating func content() throws(Tar.ReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readContent { (chunk: ArraySlice<UInt8>) throws(Tar.ReadError) in bytes += chunk }
        return bytes
    }

    /// The next directory, file or link, or nil at the end marker (a block of zeros).
    mutating func next() throws(Tar.ReadError) -> Header? {
        var paxPath: String?
        var paxLink: String?
        while true {
            // What the caller did not read of the previous entry, and its padding.
            while remaining + padding > 0 {
                let skipped = try readExactly(min(remaining + padding, 1 << 16)).count
                let fromContent = min(skipped, remaining)
                remaining -= fromContent
                padding -= skipped - fromContent
            }
            let start = position
            let block = try readUpTo(Self.blockSize)
            if block.isEmpty || block.count < Self.blockSize {
                throw Tar.ReadError(message: block.isEmpty ? "archive cut short (no end marker)" : "archive cut short")
            }
            if block.allSatisfy({ $0 == 0 }) { return nil }
            entries += 1
            guard entries <= limits.maximumEntries else {
                throw Tar.ReadError(message: "more than \(limits.maximumEntries) entries (the limit for a bundle)")
            }
            var sum = 0
            for index in 0..<Self.blockSize { sum += (148..<156).contains(index) ? 0x20 : Int(block[index]) }
            guard try Self.number(block, 148, 8, at: start) == sum else {
                throw Tar.ReadError(message: "bad header checksum at byte \(start)")
            }
            let size = try Self.number(block, 124, 12, at: start)
            let mode = UInt32(try Self.number(block, 100, 8, at: start) & 0o7777)
            guard size <= limits.maximumSize - contentSize else {
                throw Tar.ReadError(message: "content over \(limits.maximumSize >> 20) MiB (the limit for a bundle)")
            }
            contentSize += size
            remaining = size
            padding = (Self.blockSize - size % Self.blockSize) % Self.blockSize
            let type = block[156]
            switch type {
            case UInt8(ascii: "x"):
                for (key, value) in try Self.parsePax(try content(), at: start) {
                    if key == "path" { paxPath = value }
                    if key == "linkpath" { paxLink = value }
                }
                continue
            case UInt8(ascii: "g"):
                continue
            default: break
            }
            let prefix = Self.text(block, 345, 155)
            let name = paxPath ?? (prefix.isEmpty ? Self.text(block, 0, 100) : prefix + "/" + Self.text(block, 0, 100))
            let link = paxLink ?? Self.text(block, 157, 100)
            paxPath = nil
            paxLink = nil
            let components = PathComponents.split(name).filter { $0 != "." }
            guard !components.isEmpty else { continue }
            guard !components.contains(".."), !name.hasPrefix("/") else { throw Tar.ReadError(message: "unsafe path \"\(name)\"") }
            let path = components.joined(separator: "/")
            switch type {
            case UInt8(ascii: "5"): return Header(path: path, kind: .directory, mode: mode, size: size)
            case UInt8(ascii: "0"), 0: return Header(path: path, kind: .file, mode: mode, size: size)
            case UInt8(ascii: "2"): return Header(path: path, kind: .symlink(link), mode: mode, size: size)
            default: continue
            }
        }
    }

    static func text(_ block: [UInt8], _ start: Int, _ length: Int) -> String {
        String(decoding: block[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal header field: digits, optionally surrounded by spaces and ended by NUL or space (POSIX ustar;
    /// GNU's base-256 form and signs are refused). At most 12 digits, so it always fits an `Int`.
    static func number(_ block: [UInt8], _ start: Int, _ length: Int, at header: Int) throws(Tar.ReadError) -> Int {
        var field = block[start..<start + length].prefix { $0 != 0 }
        while field.first == 0x20 { field = field.dropFirst() }
        while field.last == 0x20 { field = field.dropLast() }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") else {
                throw Tar.ReadError(message: "bad header number at byte \(header + start)")
            }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// pax extended header records (POSIX.1-2001 pax, "extended header"): "LEN key=value\n" each.
    static func parsePax(_ data: [UInt8], at header: Int) throws(Tar.ReadError) -> [(String, String)] {
        var records: [(String, String)] = []
        var index = 0
        while index < data.count {
            let bad = Tar.ReadError(message: "bad pax header record at byte \(header + Tar.blockSize + index)")
            // LEN: decimal digits (at most 9: a record never exceeds the bounded content), then a space.
            var length = 0
            var cursor = index
            while cursor < data.count, cursor - index < 9, data[cursor] >= 0x30, data[cursor] <= 0x39 {
                length = length * 10 + Int(data[cursor] - 0x30)
                cursor += 1
            }
            guard cursor > index, cursor < data.count, data[cursor] == 0x20 else { throw bad }
            let end = index + length
            // The record holds at least "key=" after the space and ends with its newline.
            guard end <= data.count, end - 1 > cursor + 1, data[end - 1] == 0x0A else { throw bad }
            let record = data[(cursor + 1)..<(end - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")), equals > record.startIndex else { throw bad }
            records.append((String(decoding: record[..<equals], as: UTF8.self), String(decoding: record[(equals + 1)...], as: UTF8.self)))
            index = end
        }
        return records
    }
}
