import Foundation
import GovPackCore
import GovPackMetrics

/// Inline SVG charts drawn by our own code: no scripts, no external fetch. Every chart has a
/// `<title>` and an `aria-label`, and carries its meaning in text as well as colour (labels,
/// counts, dash patterns). Colours pass WCAG AA against the text drawn on them.
///
/// Coordinates print with one decimal from integer arithmetic, so output is byte-stable.
public enum Charts {
    /// Fill colours with the text colour that reaches 4.5:1 on them.
    static let palette: [String: (fill: String, text: String)] = [
        "R": ("#b3261e", "#ffffff"), "A": ("#f2b705", "#1a1a1a"), "G": ("#1e7b34", "#ffffff"),
        "none": ("#6b6b6b", "#ffffff"),
        "low": ("#d7ecd9", "#1a1a1a"), "medium": ("#ffe58a", "#1a1a1a"),
        "high": ("#f4a261", "#1a1a1a"), "critical": ("#b3261e", "#ffffff"),
    ]

    // MARK: - RAG donut

    /// A donut of RAG counts with the counts written beside it.
    public static func ragDonut(red: Int, amber: Int, green: Int, notReported: Int = 0, title: String) -> String {
        let parts: [(String, String, Int)] = [("R", "Red", red), ("A", "Amber", amber), ("G", "Green", green),
                                              ("none", "Not reported", notReported)]
        let total = parts.reduce(0) { $0 + $1.2 }
        let label = "\(title): " + parts.filter { $0.2 > 0 || $0.0 != "none" }.map { "\($0.1) \($0.2)" }.joined(separator: ", ")
        var s = open(width: 320, height: 160, label: label)
        let cx = 80.0, cy = 80.0, r = 60.0, w = 26.0
        if total == 0 {
            s += "<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" stroke=\"#cccccc\" stroke-width=\"26\"/>"
        } else {
            var start = 0.0
            for (key, _, n) in parts where n > 0 {
                let frac = Double(n) / Double(total)
                let color = palette[key]?.fill ?? "#888888"
                if frac >= 0.9999 {
                    s += "<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"26\"/>"
                } else {
                    s += arc(cx: cx, cy: cy, r: r, from: start, to: start + frac, color: color, width: w)
                }
                start += frac
            }
        }
        s += "<text x=\"80\" y=\"86\" text-anchor=\"middle\" font-size=\"20\" font-weight=\"bold\" fill=\"#1a1a1a\">\(total)</text>"
        var y = 34
        for (key, name, n) in parts where n > 0 || key != "none" {
            let c = palette[key]?.fill ?? "#888888"
            s += "<rect x=\"170\" y=\"\(y - 12)\" width=\"14\" height=\"14\" fill=\"\(c)\"/>"
            s += "<text x=\"192\" y=\"\(y)\" font-size=\"14\" fill=\"#1a1a1a\">\(name) \(n)</text>"
            y += 28
        }
        return s + "</svg>"
    }

    static func arc(cx: Double, cy: Double, r: Double, from a: Double, to b: Double, color: String, width: Double) -> String {
        func point(_ f: Double) -> (Double, Double) {
            let t = f * 2 * Double.pi - Double.pi / 2
            return (cx + r * cos(t), cy + r * sin(t))
        }
        let (x1, y1) = point(a), (x2, y2) = point(b)
        let large = b - a > 0.5 ? 1 : 0
        return "<path d=\"M\(n(x1)) \(n(y1)) A\(n(r)) \(n(r)) 0 \(large) 1 \(n(x2)) \(n(y2))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"/>"
    }

    // MARK: - Risk heat map

    /// 5x5 grid, probability up the side (5 at the top), impact along the bottom; each cell shows
    /// its count and is shaded by band (score = probability x impact).
    public static func heatMap(_ grid: [[Int]], title: String) -> String {
        let cell = 56, left = 92, top = 12
        let total = grid.joined().reduce(0, +)
        var s = open(width: left + 5 * cell + 12, height: top + 5 * cell + 56, label: "\(title): \(total) open risks by probability and impact")
        for p in stride(from: 5, through: 1, by: -1) {
            let y = top + (5 - p) * cell
            s += "<text x=\"\(left - 8)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">P\(p)</text>"
            for i in 1...5 {
                let x = left + (i - 1) * cell
                let count = grid.indices.contains(p - 1) && grid[p - 1].indices.contains(i - 1) ? grid[p - 1][i - 1] : 0
                let band = RiskBand(score: p * i).rawValue
                let c = palette[band] ?? ("#eeeeee", "#1a1a1a")
                s += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(c.fill)\"><title>Probability \(p), impact \(i): \(count) open (\(band))</title></rect>"
                if count > 0 {
                    s += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 6)\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"bold\" fill=\"\(c.text)\">\(count)</text>"
                }
            }
        }
        for i in 1...5 {
            s += "<text x=\"\(left + (i - 1) * cell + cell / 2 - 1)\" y=\"\(top + 5 * cell + 18)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1a1a1a\">I\(i)</text>"
        }
        s += "<text x=\"\(left + 5 * cell / 2)\" y=\"\(top + 5 * cell + 40)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#1a1a1a\">Impact →</text>"
        s += "<text x=\"14\" y=\"\(top + 5 * cell / 2)\" font-size=\"13\" fill=\"#1a1a1a\" transform=\"rotate(-90 14 \(top + 5 * cell / 2))\" text-anchor=\"middle\">Probability →</text>"
        return s + "</svg>"
    }

    // MARK: - S-curve

    /// Cumulative PV, EV and AC by period; the lines differ by dash pattern and carry end labels.
    public static func sCurve(_ points: [EVMPoint], title: String) -> String {
        let width = sCurveWidth, height = 260, right = 110, bottom = 40
        var s = open(width: width, height: height, label: "\(title): cumulative planned value, earned value and actual cost for \(points.count) periods")
        guard !points.isEmpty else {
            return s + "<text x=\"20\" y=\"40\" font-size=\"14\" fill=\"#1a1a1a\">No earned-value data</text></svg>"
        }
        s.reserveCapacity(s.utf8.count + 1800 + points.count * 60)
        // Each value read as a Double once (the three lines and the scale); the largest found by
        // comparing significands, not with Decimal's `<`.
        let series: [(name: String, values: [Decimal], color: String, dash: String)] = [
            ("PV", points.map(\.pv), "#1f4e9c", ""), ("EV", points.map(\.ev), "#1e7b34", " stroke-dasharray=\"8 4\""),
            ("AC", points.map(\.ac), "#b3261e", " stroke-dasharray=\"2 3\""),
        ]
        var maxV = points[0].pv
        for line in series { for v in line.values where less(maxV, v) { maxV = v } }
        let top1 = max(dbl(maxV), 1)
        let plotH = sCurvePlotH
        func y(_ v: Double) -> Double { Double(sCurveTop) + plotH - plotH * v / top1 }
        // Axes and gridlines at quarters: the lines are the same on every chart, only the labels
        // depend on the data.
        for q in 0...4 {
            s += sCurveGridlines[q]
            // `moneyCompact` prints only digits, `.`, `-`, `k` and `m`: nothing to escape.
            s += quarterLabel(maxV, q)
            s += "</text>"
        }
        let step = max(1, points.count / 6)
        for (i, p) in points.enumerated() where i % step == 0 || i == points.count - 1 {
            s += "<text x=\"\(n(sCurveX(i, of: points.count)))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">\(p.period)</text>"
        }
        // The x coordinates, printed once for the three lines.
        var xText: [UInt8] = []
        var xEnds: [Int] = []
        xText.reserveCapacity(points.count * 6)
        xEnds.reserveCapacity(points.count)
        for i in points.indices {
            appendTenths(sCurveX(i, of: points.count), to: &xText)
            xText.append(0x2C)
            xEnds.append(xText.count)
        }
        var labelYs: [Double] = []
        var pts: [UInt8] = []
        pts.reserveCapacity(points.count * 14)
        for line in series {
            // The points as bytes, made a String once: a String appended per number was most of
            // drawing a one-pager's S-curve.
            pts.removeAll(keepingCapacity: true)
            var from = 0
            for (i, v) in line.values.enumerated() {
                if i > 0 { pts.append(0x20) }
                pts.append(contentsOf: xText[from..<xEnds[i]])
                from = xEnds[i]
                appendTenths(y(dbl(v)), to: &pts)
            }
            s += "<polyline points=\""
            s += String(decoding: pts, as: UTF8.self)
            s += "\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.5\"\(line.dash)><title>\(line.name)</title></polyline>"
            if let last = line.values.last {
                var ly = y(dbl(last)) + 4
                while labelYs.contains(where: { abs($0 - ly) < 13 }) { ly += 13 }
                labelYs.append(ly)
                s += "<text x=\"\(width - right + 6)\" y=\"\(n(ly))\" font-size=\"12\" fill=\"\(line.color)\" font-weight=\"bold\">\(line.name) \(Transforms.moneyCompact(last))</text>"
            }
        }
        return s + "</svg>"
    }

    static let sCurveWidth = 640, sCurveLeft = 70, sCurveTop = 14
    static let sCurvePlotW = Double(640 - 70 - 110), sCurvePlotH = Double(260 - 14 - 40)

    /// The x of the `i`th of `count` periods.
    static func sCurveX(_ i: Int, of count: Int) -> Double {
        Double(sCurveLeft) + (count == 1 ? sCurvePlotW / 2 : sCurvePlotW * Double(i) / Double(count - 1))
    }

    /// The S-curve's five gridlines, each followed by the opening of its axis label's text.
    static let sCurveGridlines: [String] = (0...4).map { q in
        let yy = Double(sCurveTop) + sCurvePlotH - sCurvePlotH * Double(q) / 4
        return "<line x1=\"\(sCurveLeft)\" y1=\"\(n(yy))\" x2=\"\(640 - 110)\" y2=\"\(n(yy))\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>"
            + "<text x=\"\(sCurveLeft - 6)\" y=\"\(n(yy + 4))\" text-anchor=\"end\" font-size=\"11\" fill=\"#1a1a1a\">"
    }

    /// `moneyCompact(Decimal(q) * maxV / 4)`. q x maxV / 4 is q x 25 x maxV / 100: the
    /// significand times 25q with the exponent less 2, exact, where Decimal's long division was a
    /// third of drawing an S-curve. Decimal's product and quotient are exact too while the
    /// significand has room (38 digits), so both print the same; a significand of 30 digits or
    /// more goes through Decimal.
    static func quarterLabel(_ maxV: Decimal, _ q: Int) -> String {
        if Transforms.decimalLayoutVerified, let p = Transforms.rawParts(maxV), p.mantissa < Digits.powers[30],
           let s = Transforms.moneyCompact(mantissa: p.mantissa * UInt128(25 * q), exponent: p.exponent - 2, negative: p.negative) {
            return s
        }
        return Transforms.moneyCompact(Decimal(q) * maxV / 4)
    }

    /// `a < b`, exactly, from the significands (Decimal's `<` normalises both operands first).
    static func less(_ a: Decimal, _ b: Decimal) -> Bool {
        guard Transforms.decimalLayoutVerified, let x = Transforms.rawParts(a), let y = Transforms.rawParts(b) else { return a < b }
        return Digits.less(x, y)
    }

    // MARK: - Horizontal bars

    public struct Bar {
        public var label: String
        public var value: Double
        public var text: String
        /// A warning ("shortfall", "over", "breach"): the bar turns red and the word follows its value.
        public var flag: String?
        public init(label: String, value: Double, text: String, flag: String? = nil) {
            self.label = label
            self.value = value
            self.text = text
            self.flag = flag
        }
    }

    /// One bar per row with its value written at its end; `reference` (e.g. 100 for 100%) draws
    /// a dashed line.
    public static func bars(_ rows: [Bar], reference: Double?, title: String) -> String {
        let rowH = 24, left = 170, width = 640
        // Room for the longest value text after the longest bar.
        let right = min(260, max(60, (rows.map { $0.text.count + ($0.flag.map { $0.count + 3 } ?? 0) }.max() ?? 0) * 7 + 16))
        let height = max(rows.count, 1) * rowH + 30
        let maxV = max(rows.map(\.value).max() ?? 0, reference ?? 0, 1)
        let plotW = Double(width - left - right)
        var s = open(width: width, height: height, label: "\(title): " + rows.map { "\($0.label) \($0.text)" }.joined(separator: "; "))
        for (i, r) in rows.enumerated() {
            let y = 8 + i * rowH
            let w = max(plotW * max(r.value, 0) / maxV, 1)
            let fill = r.flag != nil ? "#b3261e" : "#1f4e9c"
            s += "<text x=\"\(left - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">\(xml(clip(r.label, 24)))</text>"
            s += "<rect x=\"\(left)\" y=\"\(y + 2)\" width=\"\(n(w))\" height=\"\(rowH - 8)\" fill=\"\(fill)\"/>"
            s += "<text x=\"\(n(Double(left) + w + 6))\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#1a1a1a\">\(xml(r.text))\(r.flag.map { " (" + xml($0) + ")" } ?? "")</text>"
        }
        if let reference {
            let x = Double(left) + plotW * reference / maxV
            s += "<line x1=\"\(n(x))\" y1=\"4\" x2=\"\(n(x))\" y2=\"\(height - 18)\" stroke=\"#1a1a1a\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(height - 4)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1a1a1a\">\(xml(Transforms.trimmed(String(reference))))</text>"
        }
        return s + "</svg>"
    }

    // MARK: - Scatter

    public struct Point {
        public var label: String
        public var x: Double
        public var y: Double
        /// `R`, `A`, `G`: the marker's shape and fill (square, triangle, circle) and its label.
        public var rag: String
        public init(label: String, x: Double, y: Double, rag: String) {
            self.label = label
            self.x = x
            self.y = y
            self.rag = rag
        }
    }

    /// A labelled scatter; the RAG shows as marker shape as well as colour.
    public static func scatter(_ points: [Point], xTitle: String, yTitle: String, title: String) -> String {
        let width = 640, height = 300, left = 60, right = 70, top = 14, bottom = 44
        var placed: [(Double, Double)] = []
        let plotW = Double(width - left - right), plotH = Double(height - top - bottom)
        var s = open(width: width, height: height, label: "\(title): \(points.count) projects; squares red, triangles amber, circles green")
        let maxX = max(points.map(\.x).max() ?? 1, 1), maxY = max(points.map(\.y).max() ?? 1, 1)
        s += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#1a1a1a\"/>"
        s += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#1a1a1a\"/>"
        s += "<text x=\"\(left + Int(plotW) / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1a1a1a\">\(xml(xTitle)) (0 to \(xml(Transforms.moneyCompact(Decimal(string: String(Int(maxX))) ?? 0))))</text>"
        s += "<text x=\"14\" y=\"\(top + Int(plotH) / 2)\" font-size=\"12\" fill=\"#1a1a1a\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(top + Int(plotH) / 2))\">\(xml(yTitle)) (0 to \(n(maxY)))</text>"
        for p in points {
            let x = Double(left) + plotW * p.x / maxX, y = Double(top) + plotH - plotH * p.y / maxY
            let c = palette[p.rag] ?? ("#6b6b6b", "#ffffff")
            switch p.rag {
            case "R": s += "<rect x=\"\(n(x - 5))\" y=\"\(n(y - 5))\" width=\"10\" height=\"10\" fill=\"\(c.fill)\">"
            case "A": s += "<path d=\"M\(n(x)) \(n(y - 6)) L\(n(x + 6)) \(n(y + 5)) L\(n(x - 6)) \(n(y + 5)) Z\" fill=\"\(c.fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.8\">"
            default: s += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"5\" fill=\"\(c.fill)\">"
            }
            s += "<title>\(xml(p.label))</title>" + (p.rag == "R" ? "</rect>" : p.rag == "A" ? "</path>" : "</circle>")
            // Labels that would overlap one already drawn are left to the marker's tooltip.
            if !placed.contains(where: { abs($0.0 - x) < 46 && abs($0.1 - y) < 11 }) {
                placed.append((x, y))
                s += "<text x=\"\(n(x + 7))\" y=\"\(n(y - 6))\" font-size=\"10\" fill=\"#1a1a1a\">\(xml(p.label))</text>"
            }
        }
        return s + "</svg>"
    }

    // MARK: - Sparkline

    /// A small trend line with its last value written after it.
    public static func sparkline(_ values: [Double], last: String, title: String) -> String {
        let width = 120, height = 28
        var s = open(width: width + 60, height: height, label: "\(title): \(values.count) periods, latest \(last)")
        let lo = values.min() ?? 0, hi = values.max() ?? 1
        let span = hi - lo == 0 ? 1 : hi - lo
        let pts = values.enumerated().map { i, v in
            let x = values.count == 1 ? Double(width) / 2 : Double(width) * Double(i) / Double(values.count - 1)
            return "\(n(x)),\(n(Double(height - 4) - Double(height - 8) * (v - lo) / span))"
        }.joined(separator: " ")
        s += "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"1.5\"/>"
        s += "<text x=\"\(width + 6)\" y=\"\(height / 2 + 4)\" font-size=\"11\" fill=\"#1a1a1a\">\(xml(last))</text>"
        return s + "</svg>"
    }

    /// CPI (solid) and SPI (dashed) over the same periods on one scale, with a dotted line at
    /// 1.0 and the latest values written after them; a missing figure leaves a gap in its line.
    public static func trendPair(cpi: [Double?], spi: [Double?], title: String) -> String {
        let width = 120, height = 28
        let count = max(cpi.count, spi.count)
        let all = (cpi + spi).compactMap { $0 }.filter(\.isFinite)
        let lo = min(all.min() ?? 1, 1), hi = max(all.max() ?? 1, 1)
        let span = hi - lo == 0 ? 1 : hi - lo
        func x(_ i: Int) -> Double { count < 2 ? Double(width) / 2 : Double(width) * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { Double(height - 4) - Double(height - 8) * (v - lo) / span }
        func latest(_ vs: [Double?]) -> String { Transforms.ratio(vs.last ?? nil) }
        let text = "CPI \(latest(cpi)) SPI \(latest(spi))"
        var s = open(width: width + 110, height: height, label: "\(title): CPI (solid) and SPI (dashed) over \(count) periods, latest \(text)")
        s += "<line x1=\"0\" y1=\"\(n(y(1)))\" x2=\"\(width)\" y2=\"\(n(y(1)))\" stroke=\"#9a9a9a\" stroke-width=\"1\" stroke-dasharray=\"1 2\"/>"
        for (values, dash) in [(cpi, ""), (spi, " stroke-dasharray=\"4 2\"")] {
            // One polyline per run of recorded values.
            var runs: [[String]] = [[]]
            for (i, v) in values.enumerated() {
                if let v, v.isFinite { runs[runs.count - 1].append("\(n(x(i))),\(n(y(v)))") } else if !(runs.last ?? []).isEmpty { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                s += run.count == 1
                    ? "<circle cx=\"\(run[0].split(separator: ",")[0])\" cy=\"\(run[0].split(separator: ",")[1])\" r=\"1.5\" fill=\"#1f4e9c\"/>"
                    : "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke=\"#1f4e9c\" stroke-width=\"1.5\"\(dash)/>"
            }
        }
        s += "<text x=\"\(width + 6)\" y=\"\(height / 2 + 4)\" font-size=\"11\" fill=\"#1a1a1a\">\(xml(text))</text>"
        return s + "</svg>"
    }

    // MARK: - Helpers

    static func open(width: Int, height: Int, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"\(xml(label))\" class=\"chart\"><title>\(xml(label))</title>"
    }

    /// One decimal from integer arithmetic: byte-stable across platforms.
    static func n(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let t = Int((v * 10).rounded())
        let sign = t < 0 ? "-" : ""
        let a = t.magnitude
        return a % 10 == 0 ? sign + String(a / 10) : sign + String(a / 10) + "." + String(a % 10)
    }

    /// `n(v)`'s text appended to `bytes`.
    static func appendTenths(_ v: Double, to bytes: inout [UInt8]) {
        let scaled = (v * 10).rounded()
        // Beyond ±2^62 tenths `n` would trap; such a value is off any chart anyway.
        guard scaled.isFinite, scaled.magnitude < 0x1p62 else {
            bytes.append(0x30)
            return
        }
        let t = Int(scaled)
        if t < 0 { bytes.append(0x2D) }
        let a = t.magnitude
        var whole = a / 10
        // The whole part's digits, backwards into a small buffer, then forwards.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { buf -> Int in
            var k = 0
            repeat {
                buf[k] = UInt8(truncatingIfNeeded: whole % 10) + 0x30
                whole /= 10
                k += 1
            } while whole > 0
            return k
        }
        withUnsafeBytes(of: &digits) { buf in
            for k in stride(from: count - 1, through: 0, by: -1) { bytes.append(buf[k]) }
        }
        if a % 10 != 0 {
            bytes.append(0x2E)
            bytes.append(UInt8(truncatingIfNeeded: a % 10) + 0x30)
        }
    }

    /// `Double(d.description)`, from the same digits read without `description`'s 128-bit
    /// division (an exact decimal text parses to the same Double however it is written).
    static func dbl(_ d: Decimal) -> Double {
        // A significand below 2^53 and a power of ten up to 10^22 are both exact Doubles, so one
        // multiplication or division rounds once, to the Double nearest the exact value: what
        // parsing its text gives (Clinger's fast path), without building the text.
        if Transforms.decimalLayoutVerified, let p = Transforms.rawParts(d), p.mantissa < (1 << 53),
           p.exponent >= -22, p.exponent <= 22 {
            let m = Double(UInt64(p.mantissa))
            let v = p.exponent >= 0 ? m * exactPowers[p.exponent] : m / exactPowers[-p.exponent]
            return p.negative ? -v : v
        }
        if let p = Transforms.plainDigits(d) {
            return Double((p.negative ? "-" : "") + p.int + (p.frac.isEmpty ? "" : "." + p.frac)) ?? 0
        }
        return Double(d.description) ?? 0
    }

    /// 10^0 ... 10^22, each exact as a Double.
    private static let exactPowers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    static func clip(_ s: String, _ max: Int) -> String { s.count > max ? String(s.prefix(max - 1)) + "…" : s }

    /// Escapes text and attribute values.
    public static func xml(_ s: String) -> String {
        // The same five replacements, Character by Character, as the HTML escape of the
        // templates; that one returns text without any of them untouched and escapes ASCII
        // byte by byte (a chart of 60k benefit bars escapes every label).
        HTMLContentTypeFast.escape(s)
    }
}
