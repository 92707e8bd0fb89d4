import Foundation
import GovPackCore
import GovPackMetrics
@testable import GovPackRender
import Testing

/// The S-curve's integer and byte-level shortcuts print what the Decimal arithmetic they replace
/// printed: worked examples by hand, then the previous drawing code (kept below as the reference)
/// on many series.
@Suite struct ChartGeometryTests {
    static func point(_ month: Int, _ pv: String, _ ev: String, _ ac: String) -> EVMPoint {
        EVMPoint(period: Period(index: Int32(2026 * 12 + month - 1)), pv: Fixture.dec(pv), ev: Fixture.dec(ev), ac: Fixture.dec(ac))
    }

    /// Worked by hand: max 1000, so y = 220 - 206 v / 1000; x runs from 70 to 530.
    @Test func twoPeriodsWorkedByHand() {
        let svg = Charts.sCurve([Self.point(1, "0", "0", "0"), Self.point(2, "1000", "500", "-250")], title: "T")
        #expect(svg.contains("<polyline points=\"70,220 530,14\""))
        #expect(svg.contains("<polyline points=\"70,220 530,117\""))
        #expect(svg.contains("<polyline points=\"70,220 530,271.5\""))
        // Gridlines at 220, 168.5, 117, 65.5, 14 with labels 4 lower: 0, 250, 500, 750, 1k.
        for (y, label) in [("224", "0"), ("172.5", "250"), ("121", "500"), ("69.5", "750"), ("18", "1k")] {
            #expect(svg.contains("<text x=\"64\" y=\"\(y)\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">\(label)</text>"))
        }
        #expect(svg.contains("y=\"18\" font-size=\"12\" fill=\"#1f4e9c\" font-weight=\"bold\">PV 1k</text>"))
        #expect(svg.contains("y=\"121\" font-size=\"12\" fill=\"#1e7b34\" font-weight=\"bold\">EV 500</text>"))
        #expect(svg.contains("y=\"275.5\" font-size=\"12\" fill=\"#b3261e\" font-weight=\"bold\">AC -250</text>"))
    }

    /// A zero range draws against a scale of 1 (every line on the axis) and labels every quarter 0.
    @Test func allZeroWorkedByHand() {
        let svg = Charts.sCurve([Self.point(3, "0", "0", "0")], title: "T")
        // One period sits mid-plot: x = 70 + 460 / 2.
        #expect(svg.components(separatedBy: "<polyline points=\"300,220\"").count == 4)
        #expect(svg.components(separatedBy: "fill=\"#1a1a1a\">0</text>").count == 6)
    }

    /// Quarter labels: q x max / 4 with the unit chosen after rounding, ties away from zero.
    @Test(arguments: [
        ("3998", ["0", "1k", "2k", "3k", "4k"]),                 // 999.5 rounds to 1,000: written 1k
        ("3999.8", ["0", "1k", "2k", "3k", "4k"]),               // 999.95
        ("1", ["0", "0", "1", "1", "1"]),                        // 0.25, 0.5 (tie: up), 0.75, 1
        ("-1000", ["0", "-250", "-500", "-750", "-1k"]),
        ("-1", ["0", "-0", "-1", "-1", "-1"]),                   // -0.25 keeps its sign, as before
        ("0", ["0", "0", "0", "0", "0"]),
        ("4999800", ["0", "1.25m", "2.5m", "3.75m", "5m"]),      // 1,249,950 is 1.24995m: 1.25m
        ("0.000001", ["0", "0", "0", "0", "0"]),
    ])
    func quarterLabels(max text: String, expected: [String]) {
        let maxV = Fixture.dec(text)
        for q in 0...4 {
            #expect(Charts.quarterLabel(maxV, q) == expected[q], "q=\(q) of \(text)")
            #expect(Transforms.moneyCompactDecimal(Decimal(q) * maxV / 4) == expected[q], "q=\(q) of \(text)")
        }
    }

    /// Compact money from the significand matches the Decimal route, at and around every
    /// rounding boundary and unit change, signed.
    @Test(arguments: ["0", "0.4", "0.5", "-0.5", "-0.4", "2.5", "999.4999", "999.5", "-999.5", "1249.95", "1250",
                      "-1250", "999949.99", "999950", "1235000", "1234567.891", "-999999.995", "0.000000000000000000001",
                      "123456789012345678901234.5", "99999999999999999999999999999999999999"])
    func compactMoneyMatchesDecimal(_ text: String) {
        let d = Fixture.dec(text)
        #expect(Transforms.moneyCompact(d) == Transforms.moneyCompactDecimal(d))
    }

    @Test func compactMoneyOverManyValues() {
        var g = TransformsTests.Generator()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let m = g.next() >> (g.next() % 64)
            let d = Decimal(sign: g.next() % 2 == 0 ? .minus : .plus, exponent: Int(g.next() % 30) - 20, significand: Decimal(m))
            if Transforms.moneyCompact(d) != Transforms.moneyCompactDecimal(d) { mismatches.append("\(d)") }
            for q in 0...4 where Charts.quarterLabel(d, q) != Transforms.moneyCompactDecimal(Decimal(q) * d / 4) {
                mismatches.append("q\(q) \(d)")
            }
        }
        #expect(Array(mismatches.prefix(5)) == [])
    }

    /// Comparisons from the significands agree with Decimal's, across signs, zero and exponents.
    @Test func comparisonsMatchDecimal() {
        var g = TransformsTests.Generator()
        var mismatches: [String] = []
        let fixed = ["0", "-1", "1", "1.0", "0.999999", "-0.000001", "1e30", "-1e30", "12345678901234567890123456789"].map(Fixture.dec)
        var values = fixed
        for _ in 0..<400 {
            let m = g.next() >> (g.next() % 64)
            values.append(Decimal(sign: g.next() % 2 == 0 ? .minus : .plus, exponent: Int(g.next() % 24) - 12,
                                  significand: Decimal(m % 1000)))
        }
        for a in values {
            for b in values where Charts.less(a, b) != (a < b) { mismatches.append("\(a) < \(b)") }
        }
        #expect(Array(mismatches.prefix(5)) == [])
        // A Double against a threshold: what comparing its shortest spelling as a Decimal gives.
        let thresholds = ["0.9", "0.95", "1", "0", "-0.5", "1.05"].map(Fixture.dec)
        for v in [0.9, 0.8999999999999999, 0.9000000000000001, 0.95, 1, 0, -0.0, -0.5, 1.05, 1e-7, 123456.789] {
            for t in thresholds {
                let expected = (Transforms.decimal(v) ?? 0) < t
                #expect(Transforms.less(v, than: t) == expected, "\(v) < \(t)")
            }
        }
    }

    /// Coordinates at the rounding digit: ties go away from zero, as `n` prints them.
    @Test(arguments: [(0.05, "0.1"), (-0.05, "-0.1"), (0.04999, "0"), (12.25, "12.3"), (-12.25, "-12.3"),
                      (0.0, "0"), (-0.04, "0"), (219.95, "220"), (271.5, "271.5"), (Double.nan, "0"), (-Double.infinity, "0")])
    func tenthsAtTheRoundingDigit(_ v: Double, _ expected: String) {
        var bytes: [UInt8] = []
        Charts.appendTenths(v, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
        #expect(Charts.n(v) == expected)
    }

    /// The drawing before its shortcuts, on series of every length with values of every sign,
    /// ties and wide significands.
    @Test func sCurveMatchesTheDecimalDrawing() {
        var g = TransformsTests.Generator()
        var mismatches: [String] = []
        for trial in 0..<600 {
            let count = Int(g.next() % 40)
            var points: [EVMPoint] = []
            func value() -> Decimal {
                switch g.next() % 6 {
                case 0: return 0
                case 1: return Decimal(sign: g.next() % 5 == 0 ? .minus : .plus, exponent: -2, significand: Decimal(g.next() % 100_000_000))
                case 2: return Decimal(Int(g.next() % 4000))
                case 3: return Decimal(Int64(bitPattern: g.next()) % 1_000_000) / Decimal(g.next() % 97 + 1)  // 38 digits
                default: return Decimal(sign: .plus, exponent: Int(g.next() % 8), significand: Decimal(g.next() % 10_000))
                }
            }
            for i in 0..<count {
                points.append(EVMPoint(period: Period(index: Int32(2024 * 12 + i)), pv: value(), ev: value(), ac: value()))
            }
            let title = "P-\(trial) & <co>"
            if Charts.sCurve(points, title: title) != Self.reference(points, title: title) { mismatches.append("trial \(trial)") }
        }
        #expect(Array(mismatches.prefix(5)) == [])
    }

    /// `Charts.sCurve` as it was drawn with Decimal arithmetic, key paths and interpolated text.
    static func reference(_ points: [EVMPoint], title: String) -> String {
        let width = 640, height = 260, left = 70, right = 110, top = 14, bottom = 40
        let plotW = Double(width - left - right), plotH = Double(height - top - bottom)
        let n = Charts.n, dbl = Charts.dbl, xml = Charts.xml, compact = Transforms.moneyCompactDecimal
        var s = Charts.open(width: width, height: height, label: "\(title): cumulative planned value, earned value and actual cost for \(points.count) periods")
        guard !points.isEmpty else {
            return s + "<text x=\"20\" y=\"40\" font-size=\"14\" fill=\"#1a1a1a\">No earned-value data</text></svg>"
        }
        let maxV = points.map { max($0.pv, $0.ev, $0.ac) }.max() ?? 1
        let top1 = max(dbl(maxV), 1)
        func x(_ i: Int) -> Double { Double(left) + (points.count == 1 ? plotW / 2 : plotW * Double(i) / Double(points.count - 1)) }
        func y(_ v: Decimal) -> Double { Double(top) + plotH - plotH * dbl(v) / top1 }
        for q in 0...4 {
            let yy = Double(top) + plotH - plotH * Double(q) / 4
            s += "<line x1=\"\(left)\" y1=\"\(n(yy))\" x2=\"\(width - right)\" y2=\"\(n(yy))\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>"
            let value = Decimal(q) * maxV / 4
            s += "<text x=\"\(left - 6)\" y=\"\(n(yy + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">\(xml(compact(value)))</text>"
        }
        let step = max(1, points.count / 6)
        for (i, p) in points.enumerated() where i % step == 0 || i == points.count - 1 {
            s += "<text x=\"\(n(x(i)))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">\(p.period)</text>"
        }
        let series: [(String, KeyPath<EVMPoint, Decimal>, String, String)] = [
            ("PV", \.pv, "#1f4e9c", ""), ("EV", \.ev, "#1e7b34", " stroke-dasharray=\"8 4\""),
            ("AC", \.ac, "#b3261e", " stroke-dasharray=\"2 3\""),
        ]
        var labelYs: [Double] = []
        for (name, kp, color, dash) in series {
            let pts = points.enumerated().map { i, p in "\(n(x(i))),\(n(y(p[keyPath: kp])))" }.joined(separator: " ")
            s += "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2.5\"\(dash)><title>\(name)</title></polyline>"
            if let last = points.last {
                var ly = y(last[keyPath: kp]) + 4
                while labelYs.contains(where: { abs($0 - ly) < 13 }) { ly += 13 }
                labelYs.append(ly)
                s += "<text x=\"\(width - right + 6)\" y=\"\(n(ly))\" font-size=\"12\" fill=\"\(color)\" font-weight=\"bold\">\(name) \(xml(compact(last[keyPath: kp])))</text>"
            }
        }
        return s + "</svg>"
    }

    /// Dates and day counts written byte by byte read as the interpolated text did.
    @Test func datesAndDaysMatchTheirInterpolation() {
        for days in stride(from: -800_000, through: 3_000_000, by: 997) {
            let d = Day(daysSinceEpoch: Int32(days))
            let c = d.components
            let expected = "\(c.day) \(Transforms.monthNames[c.month - 1].prefix(3)) \(c.year)"
            if Transforms.date(d) != expected {
                #expect(Transforms.date(d) == expected)
                return
            }
        }
        #expect(Transforms.date(Day(year: 2026, month: 11, day: 30)) == "30 Nov 2026")
        #expect(Transforms.date(Day(year: 2027, month: 1, day: 5)) == "5 Jan 2027")
        for n in -1200...1200 {
            let unit = n.magnitude == 1 ? "day" : "days"
            let expected = (n > 0 ? "+" : n < 0 ? "-" : "") + Transforms.group(String(n.magnitude)) + " " + unit
            if Transforms.days(n) != expected {
                #expect(Transforms.days(n) == expected)
                return
            }
        }
        #expect(Transforms.days(-999) == "-999 days")
        #expect(Transforms.days(1000) == "+1,000 days")
    }

    /// Status words as constants: each is its code with spaces for underscores.
    @Test func statusWordsAreTheirSpacedCodes() {
        for s in MilestoneStatus.allCases { #expect(ViewModel.statusText(s) == ViewModel.spaced(s.rawValue)) }
        for s in DependencyStatus.allCases { #expect(ViewModel.statusText(s) == ViewModel.spaced(s.rawValue)) }
        #expect(ViewModel.statusText(MilestoneStatus?.none) == "–")
        #expect(ViewModel.statusText(DependencyStatus?.none) == "–")
        for s in Severity.allCases { #expect(ViewModel.severityCss(s) == "sev-" + s.rawValue) }
    }

    /// Planned hours summed as integers are the Decimal sum, also past six decimals.
    @Test(arguments: [["7.5", "0.25", "140", "0.000001"], ["1e-7", "2"], ["-3.5", "3.5"], [], ["18446744073709551615", "1"]])
    func exactSumIsTheDecimalSum(_ terms: [String]) {
        var sum = ExactSum()
        var reference = Decimal(0)
        for t in terms {
            sum.add(Fixture.dec(t))
            reference += Fixture.dec(t)
        }
        #expect(sum.value == reference)
        #expect(Charts.dbl(sum.value * 100 / 140) == Charts.dbl(reference * 100 / 140))
    }
}
