import HWCheckCore

// RFC 4180 CSV: quoted fields may hold commas, quotes ("" inside quotes) and line breaks; CRLF or LF ends a
// record. Used for `fleet --format csv` and for reading server exports in `trace`.

public enum CSV {
    /// A field as written: quoted when it holds a comma, quote, line break or leading/trailing space.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needsQuotes else { return field }
        return "\"" + field.replacingEvery("\"", with: "\"\"") + "\""
    }

    public struct ParseError: Error, Equatable {
        public var line: Int
        public var message: String
    }

    /// Every record of a CSV text; a UTF-8 byte-order mark at the start is dropped (spreadsheet exports).
    public static func parse(_ text: String) throws(ParseError) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() {
            endField()
            // A blank line is no record.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields.removeAll()
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty && !quotedField else { throw ParseError(line: line, message: "a quote inside an unquoted field") }
                inQuotes = true
                quotedField = true
            case UInt8(ascii: ","):
                endField()
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                break
            case 0x0A:
                endRecord()
                line += 1
                recordLine = line
            default:
                guard !quotedField else { throw ParseError(line: line, message: "text after a closing quote") }
                field.append(byte)
            }
            index += 1
        }
        if inQuotes { throw ParseError(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return records
    }
}
