import Foundation
import GovPackCore
@testable import GovPackRender
import Testing

@Suite struct TransformsTests {
    @Test(arguments: [
        ("1234567.5", "1,234,567.50"),
        ("0", "0.00"),
        ("-350000", "-350,000.00"),
        ("999.995", "1,000.00"),       // half away from zero, from the exact decimal
        ("0.125", "0.13"),
        ("-0.001", "0.00"),            // no "-0.00"
        ("2666666.666666", "2,666,666.67"),
        ("100", "100.00"),
    ])
    func money(text: String, expected: String) {
        #expect(Transforms.money(Decimal(string: text)) == expected)
    }

    @Test func missingValuesAreADash() {
        #expect(Transforms.money(nil) == "–")
        #expect(Transforms.percent(nil) == "–")
        #expect(Transforms.ratio(nil) == "–")
        #expect(Transforms.ratio(.nan) == "–")
        #expect(Transforms.date(nil) == "–")
        #expect(Transforms.count(nil) == "–")
        #expect(Transforms.delta(nil) == "–")
    }

    @Test(arguments: [
        (87.5, "87.5%"), (122.85714285714286, "122.9%"), (40, "40.0%"), (0, "0.0%"), (-12.25, "-12.3%"), (99.95, "100.0%"),
    ])
    func percent(value: Double, expected: String) {
        #expect(Transforms.percent(value) == expected)
    }

    @Test(arguments: [(0.72, "0.72"), (0.725, "0.73"), (1.5223880597014925, "1.52"), (1, "1.00"), (0.9626, "0.96")])
    func ratio(value: Double, expected: String) {
        #expect(Transforms.ratio(value) == expected)
    }

    @Test(arguments: [(3, "▲ +3"), (-2, "▼ -2"), (0, "► 0"), (1234, "▲ +1,234")])
    func delta(value: Int, expected: String) {
        #expect(Transforms.delta(value) == expected)
    }

    @Test func otherDeltas() {
        #expect(Transforms.deltaMoney(Decimal(string: "-350000")) == "▼ -350,000.00")
        #expect(Transforms.deltaMoney(Decimal(string: "1250.5")) == "▲ +1,250.50")
        #expect(Transforms.deltaRatio(-0.05) == "▼ -0.05")
        #expect(Transforms.deltaRatio(0.001) == "► 0.00")
        #expect(Transforms.deltaPercent(2.5) == "▲ +2.5 pts")
    }

    @Test func datesAndPeriods() {
        #expect(Transforms.date(Day("2026-11-30")) == "30 Nov 2026")
        #expect(Transforms.date(Day("2027-01-05")) == "5 Jan 2027")
        #expect(Transforms.period(Period("2026-11") ?? Period(index: 0)) == "November 2026")
        #expect(Transforms.days(21) == "+21 days")
        #expect(Transforms.days(-1) == "-1 day")
        #expect(Transforms.days(0) == "0 days")
    }

    @Test func countsAndHours() {
        #expect(Transforms.count(1225) == "1,225")
        #expect(Transforms.count(-1000000) == "-1,000,000")
        #expect(Transforms.hours(Decimal(string: "1225.55")) == "1,225.6")
        #expect(Transforms.hours(Decimal(140)) == "140")
        #expect(Transforms.moneyCompact(Decimal(1_920_000)) == "1.92m")
        #expect(Transforms.moneyCompact(Decimal(350_000)) == "350k")
        #expect(Transforms.moneyCompact(Decimal(-12_500)) == "-12.5k")
        #expect(Transforms.moneyCompact(Decimal(900)) == "900")
    }

    /// Moving the exponent gives the value Decimal's division by a power of ten gives.
    @Test(arguments: ["1920000", "350000", "1234567.891", "999999.995", "0.5", "0", "-12500",
                      "12345678901234567890123456789012345678", "0.00000000000000000000000000000000001", "97000.50"])
    func shiftingTheExponentIsDividingByAPowerOfTen(_ text: String) {
        let d = Fixture.dec(text)
        #expect(Transforms.shifted(d, by: -6) == d / 1_000_000)
        #expect(Transforms.shifted(d, by: -3) == d / 1_000)
        #expect(Transforms.shifted(d, by: 2) == d * 100)
    }

    /// Worked by hand: the unit is chosen so that rounding never writes 1000 of the smaller one.
    @Test(arguments: [("999999.995", "1m"), ("999950", "1m"), ("999949.99", "999.9k"), ("999.5", "1k"),
                      ("999.49", "999"), ("1234567.891", "1.23m"), ("1250", "1.3k"), ("1249.99", "1.2k"),
                      ("123456789012345678901234.5", "123456789012345678.9m")])
    func compactMoneyRoundsAtItsUnit(_ text: String, _ expected: String) {
        #expect(Transforms.moneyCompact(Fixture.dec(text)) == expected)
    }

    @Test func ragIsTextAndClass() {
        #expect(Transforms.rag(.red)["text"] as? String == "Red")
        #expect(Transforms.rag(.red)["css"] as? String == "rag-r")
        #expect(Transforms.rag(.amber)["code"] as? String == "A")
        #expect(Transforms.rag(nil)["text"] as? String == "Not reported")
    }

    @Test(arguments: [
        ("<script>alert(1)</script> | x", "\\<script\\>alert(1)\\</script\\> \\| x"),
        ("a*b*_c_ `d`", "a\\*b\\*\\_c\\_ \\`d\\`"),
        ("# Heading", "\\# Heading"),
        ("- item", "\\- item"),
        ("-350,000.00", "-350,000.00"),
        ("[link](x)", "\\[link\\](x)"),
        ("two\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
        ("Zoë Núñez", "Zoë Núñez"),
    ])
    func markdown(text: String, expected: String) {
        #expect(Transforms.markdown(text) == expected)
    }

    /// Worked by hand: rounding half away from zero on the first dropped digit, commas, no "-0".
    @Test(arguments: [
        ("-2.675", 2, "-2.68"), ("2.665", 2, "2.67"), ("0.0049999", 2, "0.00"), ("-0.005", 2, "-0.01"),
        ("999999.5", 0, "1,000,000"), ("1234.5678", 3, "1,234.568"), ("-0.04", 1, "0.0"), ("12", 3, "12.000"),
        ("18446744073709551615", 2, "18,446,744,073,709,551,615.00"), ("0.000000000000000000015", 2, "0.00"),
    ])
    func fixedRoundsTheExactDecimal(text: String, places: Int, expected: String) {
        #expect(Transforms.fixed(Fixture.dec(text), places: places) == expected)
    }

    /// A small deterministic generator for the comparisons below.
    struct Generator {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// The 64-bit integer path prints what Decimal's own rounding and `description` print, for
    /// significands of every width and exponents on both sides of the places kept.
    @Test func integerFixedMatchesDecimal() {
        var g = Generator()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let m = g.next() >> (g.next() % 64)
            let e = Int(g.next() % 34) - 24
            let d = Decimal(sign: g.next() % 2 == 0 ? .minus : .plus, exponent: e, significand: Decimal(m))
            for places in 0...3 {
                for grouped in [true, false] {
                    let fast = Transforms.fixed(d, places: places, group: grouped)
                    let slow = Transforms.fixedDecimal(d, places: places, group: grouped)
                    if fast != slow { mismatches.append("\(d) \(places): \(fast) vs \(slow)") }
                }
            }
        }
        // Significands beyond 64 bits, as divisions leave them (an EAC is BAC / CPI).
        for _ in 0..<5_000 {
            let a = Decimal(Int64(bitPattern: g.next()) % 10_000_000_000) / Decimal(g.next() % 9_999 + 1)
            let d = Transforms.shifted(a, by: Int(g.next() % 8) - 4)
            for places in 0...3 {
                let fast = Transforms.fixed(d, places: places)
                let slow = Transforms.fixedDecimal(d, places: places)
                if fast != slow { mismatches.append("\(d) \(places): \(fast) vs \(slow)") }
            }
        }
        #expect(Array(mismatches.prefix(5)) == [])
    }

    /// Percent and ratio from a Double's digits print what the Decimal read from its
    /// `description` prints: random bit patterns, ratios of small integers, and the edge spellings.
    @Test func doubleFixedMatchesDecimal() {
        var g = Generator()
        var values: [Double] = [-0.0, 0, 1e-05, .leastNonzeroMagnitude, 1e300, -1e-300, 0.725, 99.95, 1.5e16, 123456789012345.67, 0.00015]
        for _ in 0..<20_000 {
            let v = Double(bitPattern: g.next())
            if v.isFinite { values.append(v) }
            values.append(Double(Int64(bitPattern: g.next()) % 1_000_000) / Double(g.next() % 997 + 1))
            values.append(Double(g.next() % 100_000) / 1000)
        }
        var mismatches: [String] = []
        for v in values {
            let percent = Transforms.decimal(v).map { Transforms.fixedDecimal($0, places: 1) + "%" } ?? "–"
            let ratio = Transforms.decimal(v).map { Transforms.fixedDecimal($0, places: 2) } ?? "–"
            if Transforms.percent(v) != percent { mismatches.append("percent \(v): \(Transforms.percent(v)) vs \(percent)") }
            if Transforms.ratio(v) != ratio { mismatches.append("ratio \(v): \(Transforms.ratio(v)) vs \(ratio)") }
        }
        #expect(Array(mismatches.prefix(5)) == [])
    }

    /// Counts, days and deltas are grouped from the integer as the digit string was.
    @Test(arguments: [0, 7, 999, 1000, -1000, 123_456_789, Int.max, Int.min + 1])
    func groupedIntegers(n: Int) {
        #expect(Transforms.count(n) == (n < 0 ? "-" : "") + Transforms.group(String(n.magnitude)))
        #expect(Transforms.grouped(n.magnitude) == Transforms.group(String(n.magnitude)))
    }

    /// Chart coordinates: `dbl` gives the Double that parsing the Decimal's text gives, and
    /// `appendTenths` writes what `n` returns.
    @Test func chartNumbersMatchTheirTextualForms() {
        var g = Generator()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let m = g.next() >> (g.next() % 64)
            let d = Decimal(sign: g.next() % 2 == 0 ? .minus : .plus, exponent: Int(g.next() % 40) - 25, significand: Decimal(m))
            let wide = Decimal(Int64(bitPattern: g.next()) % 100_000_000) / Decimal(g.next() % 97 + 1)
            for x in [d, wide] where Charts.dbl(x) != (Double(x.description) ?? 0) {
                mismatches.append("dbl \(x): \(Charts.dbl(x))")
            }
            let v = Double(Int64(bitPattern: g.next()) % 10_000_000) / Double(g.next() % 1_000 + 1)
            for y in [v, -v, 0.05, -0.05, 0.04999, .infinity, .nan] {
                var bytes: [UInt8] = [0x70]
                Charts.appendTenths(y, to: &bytes)
                let s = String(decoding: bytes, as: UTF8.self)
                if s != "p" + Charts.n(y) { mismatches.append("n \(y): \(s)") }
            }
        }
        #expect(Array(mismatches.prefix(5)) == [])
    }
}
