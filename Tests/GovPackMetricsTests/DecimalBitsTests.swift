import Foundation
import Testing
@testable import GovPackMetrics

@Suite struct DecimalBitsTests {
    @Test func theStorageLayoutIsTheOneWeRead() {
        // If this fails the fast paths are off (results stay right, only slower): worth knowing.
        #expect(DecimalBits.layoutVerified)
    }

    @Test(arguments: ["0", "1", "-1", "97000.50", "1250000", "-300", "0.05", "0.000001", "123456789012345678",
                      "18446744073709551615", "18446744073709551616", "1e30", "-7e-10", "4480.00", "100.05",
                      "0.33333333333333333333333333333333333333", "1e20", "-12.5", "100", "-0.001", "5e100", "-9e-100",
                      "0.1", "10.01", "-18446744073709551615.5", "1844674407370955161.5"])
    func textMatchesFoundation(_ s: String) {
        let d = dec(s)
        #expect(DecimalBits.text(d) == d.description)
    }

    /// Built from parts: trailing zeros in the significand, positive and negative exponents.
    @Test(arguments: [(UInt64(120), 3), (1200, -2), (1200, -4), (1200, -6), (5, -1), (10, -1), (7, 0), (1, -20),
                      (UInt64.max, -10), (UInt64.max, 5), (1_000_000, -6)])
    func textMatchesFoundationOnParts(_ significand: UInt64, _ exponent: Int) {
        for sign in [FloatingPointSign.plus, .minus] {
            let d = Decimal(sign: sign, exponent: exponent, significand: Decimal(significand))
            #expect(DecimalBits.text(d) == d.description)
        }
    }

    @Test func textMatchesFoundationOnSums() {
        var g = SplitMix64(state: 7)
        for _ in 0..<2000 {
            let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &g)
            let d = Decimal(cents) / 100 + Decimal(Int64.random(in: 0...999, using: &g)) / 1_000_000
            #expect(DecimalBits.text(d) == d.description)
            var s = ExactSum()
            s.add(d)
            #expect(DecimalBits.text(s.value) == d.description)
        }
    }

    /// Quotients fill all 38 digits: the wide (128-bit) reading must print them as Foundation does.
    @Test func textMatchesFoundationOnLongQuotients() {
        var g = SplitMix64(state: 11)
        for _ in 0..<2000 {
            let a = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &g)) / 100
            let b = Decimal(Int64.random(in: 1...9_999_999, using: &g)) / 1000
            let q = a * Decimal(Int64.random(in: 1...1_000_000, using: &g)) / b
            #expect(DecimalBits.text(q) == q.description)
        }
    }

    /// The fast nearest double is the one parsing Foundation's text gives, on short and long values.
    @Test(arguments: ["0", "1", "-1", "0.1", "-0.3", "97000.50", "1e22", "1e23", "9007199254740993", "2.5e-22",
                      "123456789.123456", "18446744073709551616", "-7e-10", "0.33333333333333333333333333333333333333",
                      "66.666666666666666666666666666666666667"])
    func doubleMatchesParsingTheText(_ s: String) {
        let d = dec(s)
        #expect(DecimalBits.double(d) == Double(d.description))
    }

    @Test func doubleMatchesParsingTheTextOnQuotients() {
        var g = SplitMix64(state: 13)
        for _ in 0..<4000 {
            let a = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &g)) / 100
            let b = Decimal(Int64.random(in: 1...9_999_999, using: &g)) / 1000
            let q = 100 * a / b
            #expect(DecimalBits.double(q) == Double(q.description))
            #expect(DecimalBits.double(a) == Double(a.description))
        }
    }

    @Test(arguments: [("97000.5", Int128(97_000_500_000)), ("-0.25", -250_000), ("0", 0), ("1e12", 1_000_000_000_000_000_000)])
    func millionths(_ s: String, _ v: Int128) {
        #expect(DecimalBits.millionths(dec(s)) == v)
    }

    @Test(arguments: ["0.0000001", "1e13", "18446744073709551616"])
    func outOfRangeHasNoMillionths(_ s: String) {
        #expect(DecimalBits.millionths(dec(s)) == nil)
    }

    /// The fast ratio path and the Decimal path agree.
    @Test(arguments: [("4400", "3750.6"), ("2500", "2800"), ("0.3", "0.1"), ("9999999999.99", "0.07"), ("-1", "3")])
    func ratioPathsAgree(_ n: String, _ d: String) {
        #expect(Exact.ratio(dec(n), dec(d)) == Exact.double(dec(n) / dec(d)))
    }
}
