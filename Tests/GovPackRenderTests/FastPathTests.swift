import Foundation
import GovPackCore
import Testing

@testable import GovPackRender

/// The rendering fast paths give exactly what the slow ones they replace give.
struct FastPathTests {
    /// swift-mustache's `String.htmlEscape()` (its HTML content type), as the library writes it:
    /// character by character through a dictionary.
    static func mustacheEscape(_ s: String) -> String {
        let table: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]
        var out = ""
        for c in s {
            if let r = table[c] { out += r } else { out.append(c) }
        }
        return out
    }

    @Test(arguments: [
        "", "plain text", "Tom & Jerry's <b>\"bold\"</b>", "a<b>c&d\"e'f", "&amp; already",
        "café <naïve> & 'quoted'", "<\u{0338} a less-than with a combining mark", "e\u{0301}<x>",
        "line\r\nbreak & <tag>", "日本語 & <中文>", "🙂<🙂>&", "\u{0}<nul>",
    ])
    func htmlEscapeMatchesMustache(text: String) {
        let fast = HTMLContentTypeFast.escape(text)
        #expect(Array(fast.utf8) == Array(Self.mustacheEscape(text).utf8))
    }

    @Test func htmlEscapeWorkedExample() {
        #expect(HTMLContentTypeFast.escape("R&D <2026> \"Q4\" 'plan'") == "R&amp;D &lt;2026&gt; &quot;Q4&quot; &#39;plan&#39;")
        #expect(HTMLContentTypeFast.escape("no specials: café") == "no specials: café")
    }

    /// `Transforms.fixed` as it was, through `Decimal.description`.
    static func fixedByDescription(_ d: Decimal, places: Int, group: Bool) -> String {
        let r = Transforms.rounded(d, places: places)
        var text = r.description
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        var intPart = Substring(text), frac = Substring("")
        if let dot = text.firstIndex(of: ".") {
            intPart = text[..<dot]
            frac = text[text.index(after: dot)...]
        }
        var f = String(frac.prefix(places))
        while f.count < places { f += "0" }
        let i = group ? Transforms.group(String(intPart)) : String(intPart)
        let body = places > 0 ? i + "." + f : i
        let isZero = !body.contains(where: { $0 != "0" && $0 != "." && $0 != "," })
        return (negative && !isZero ? "-" : "") + body
    }

    static let decimals: [String] = [
        "0", "0.001", "-0.001", "0.005", "-0.005", "1", "-1", "12.5", "999.995", "1000", "-1234567.5",
        "1450000", "0.1", "0.01", "123456789012.345", "-0.0049", "5e3", "2.5e-5", "18446744073709551615",
        "18446744073709551616.25", "-99999999999999999999999.99", "3.14159265358979", "100.00", "7e10",
    ]

    @Test(arguments: decimals, [0, 1, 2])
    func fixedMatchesDescription(text: String, places: Int) throws {
        let d = try #require(Decimal(string: text))
        for group in [true, false] {
            #expect(Transforms.fixed(d, places: places, group: group) == Self.fixedByDescription(d, places: places, group: group))
        }
    }

    @Test(arguments: decimals)
    func chartDoubleMatchesDescription(text: String) throws {
        let d = try #require(Decimal(string: text))
        #expect(Charts.dbl(d) == (Double(d.description) ?? 0))
        #expect(Charts.dbl(-d) == (Double((-d).description) ?? 0))
    }

    @Test func fixedOverManyValues() {
        // Quotients and products of assorted integers: mantissas of every length and exponents
        // on both sides.
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 11
        }
        for _ in 0..<3000 {
            let a = Decimal(Int64(next() % 10_000_000_000)) - Decimal(5_000_000_000)
            let b = Decimal(Int64(next() % 997 + 1))
            let d = next() % 2 == 0 ? a / b : a * b / 1000
            #expect(Charts.dbl(d) == (Double(d.description) ?? 0))
            for places in [0, 1, 2] {
                #expect(Transforms.fixed(d, places: places) == Self.fixedByDescription(d, places: places, group: true))
            }
        }
    }

    @Test func fixedWorkedExamples() {
        // The fast path is on (it turns itself off when Decimal's storage is not as expected).
        #expect(Transforms.decimalLayoutVerified)
        #expect(Transforms.money(Decimal(string: "1234567.505")) == "1,234,567.51")
        #expect(Transforms.money(Decimal(string: "-350000")) == "-350,000.00")
        #expect(Transforms.money(Decimal(string: "-0.004")) == "0.00")
        #expect(Transforms.money(Decimal(string: "0.07")) == "0.07")
    }
}
