#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import HWCheckCore

/// `Terminal.displayWidth`, the one width function the text report aligns and wraps with, against the reference
/// terminals use: glibc's wcswidth(3) in a UTF-8 locale (C.UTF-8, glibc 2.35+).
@Suite struct DisplayWidthTests {
    /// wcswidth of `line`, or nil when glibc calls a character non-printable (-1) or the locale is missing.
    static func glibcWidth(_ line: String) -> Int? {
        // Glibc's module map leaves wcswidth out (it is declared only under _XOPEN_SOURCE): looked up by name.
        typealias WidthFunction = @convention(c) (UnsafePointer<wchar_t>?, Int) -> Int32
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "wcswidth") else { return nil }
        let wcswidth = unsafeBitCast(symbol, to: WidthFunction.self)
        let wide = line.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        let width = wide.withUnsafeBufferPointer { wcswidth($0.baseAddress, $0.count) }
        return width < 0 ? nil : Int(width)
    }

    /// Every line hwcheck's catalogue and explain topics print, in both languages.
    static var printedLines: [String] {
        let spec = Spec.builtIn()
        var texts: [String] = []
        for key in Catalog.keys.sorted() {
            guard let entry = Catalog.entry(key) else { continue }
            texts += [entry.message.en, entry.message.zh, entry.remedy.en, entry.remedy.zh]
        }
        for topic in Explain.topics(spec) {
            for language in Language.allCases { texts.append(Explain.render(topic, spec: spec, language: language) ?? "") }
        }
        return texts.flatMap { $0.split(separator: "\n").map(String.init) }
    }

    @Test func matchesGlibcOnEveryPrintedLine() throws {
        try #require(Self.glibcWidth("a") == 1, "the C.UTF-8 locale is missing")
        let lines = Self.printedLines
        #expect(lines.count > 100)
        for line in lines {
            #expect(Terminal.displayWidth(line) == Self.glibcWidth(line), "\(line)")
        }
    }

    @Test(arguments: ["系统盘", "B2 ok", "한국어", "ＡＢＣ", "ｶﾀｶﾅ", "é", "e\u{301}", "（", "—", "ぁ", "㐀", "𠀀", "・"])
    func matchesGlibcOnSamples(text: String) throws {
        let reference = try #require(Self.glibcWidth(text))
        #expect(Terminal.displayWidth(text) == reference, "\(text)")
    }
}
