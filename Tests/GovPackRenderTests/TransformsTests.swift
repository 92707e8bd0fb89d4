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
}
