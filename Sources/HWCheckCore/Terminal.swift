/// Terminal helpers: ANSI colour, display width, and making untrusted text safe to print.
public enum Terminal {
    public enum Colour: Int, Sendable { case red = 31, green = 32, yellow = 33 }

    static func paint(_ text: String, _ colour: Colour?, bold: Bool) -> String {
        var codes: [String] = []
        if bold { codes.append("1") }
        if let colour { codes.append(String(colour.rawValue)) }
        return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
    }

    /// Control characters (ANSI escapes included) from firmware strings shown as \xNN, never sent raw.
    public static func printable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Words (and single CJK characters, which break anywhere) laid out in lines of at most `width` cells.
    public static func wrap(_ text: String, width: Int, firstPrefix: String, restPrefix: String) -> [String] {
        var lines: [String] = []
        var line = firstPrefix
        var lineHasText = false
        var pieces: [(String, Bool)] = []  // (piece, followed by a space)
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty {
                    pieces.append((word, true))
                    word = ""
                } else if let last = pieces.last {
                    pieces[pieces.count - 1] = (last.0, true)  // a space after a CJK character
                }
            } else if displayWidth(String(character)) == 2 {
                if !word.isEmpty { pieces.append((word, false)); word = "" }
                pieces.append((String(character), false))
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pieces.append((word, false)) }
        var pendingSpace = false
        for (piece, spaceAfter) in pieces {
            let separator = lineHasText && pendingSpace ? " " : ""
            if lineHasText && displayWidth(line) + displayWidth(separator + piece) > width {
                lines.append(line)
                line = restPrefix
                lineHasText = false
            }
            line += (lineHasText && pendingSpace ? " " : "") + piece
            lineHasText = true
            pendingSpace = spaceAfter
        }
        lines.append(line)
        return lines
    }

    /// `text` in lines of at most `width` cells: wrapped at spaces (and between CJK characters), a word longer
    /// than the width cut (a 64 KiB firmware string must not run off the screen).
    public static func fit(_ text: String, width: Int) -> [String] {
        guard displayWidth(text) > width else { return [text] }
        var result: [String] = []
        for line in wrap(text, width: width, firstPrefix: "", restPrefix: "") {
            var piece = ""
            for character in line {
                if displayWidth(piece) + displayWidth(String(character)) > width && !piece.isEmpty {
                    result.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            result.append(piece)
        }
        return result
    }

    /// Terminal cells: East Asian Wide and Fullwidth characters take two (Unicode UAX #11), the rest one.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            if (0x0300...0x036F).contains(value) || value == 0x200B { return width }  // combining, zero width
            let wide = (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
                || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
                || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            return width + (wide ? 2 : 1)
        }
    }
}
