import Foundation
import GovPackCore

/// The closed list of value transforms. Templates never format numbers: every figure reaches
/// them already formatted by one of these functions. All are pure and locale-free (no
/// `NumberFormatter`, no `DateFormatter`, no clock), so the same input gives the same bytes.
///
/// | Transform | Input | Output |
/// |---|---|---|
/// | `money` | Decimal? | `1,234,567.50`, `-350,000.00`; rounded half away from zero to 2 dp from the exact Decimal; nil `–` |
/// | `moneyCompact` | Decimal? | `1.92m`, `350k`, `-12.5k`, `900`; for chart labels |
/// | `number` | Decimal? | `71`, `34.5`, `1,250.25`; a non-money measure, at most 2 dp |
/// | `count` | Int? | `1,225`; nil `–` |
/// | `hours` | Decimal? | `1,225.5`; at most 1 dp |
/// | `percent` | Double? | `87.5%`, 1 dp; nil `–` |
/// | `ratio` | Double? | `0.72`, 2 dp; nil `–` |
/// | `date` | Day? | `30 Nov 2026`; nil `–` |
/// | `period` | Period | `November 2026` |
/// | `days` | Int? | `+21 days`, `-2 days`, `0 days`, `1 day` |
/// | `delta…` | signed change | `▲ +3`, `▼ -0.05`, `► 0` (arrow and sign both carry the direction) |
/// | `rag` | RAG? | `{text: "Red", code: "R", css: "rag-r"}`; nil `Not reported`, `rag-none` |
/// | `markdown` | String | backslash-escapes `\\ | * _ ` ~ < > [ ]` and a leading `#`, `- `, `+ `; line breaks become spaces; the content type of every `.md` template |
public enum Transforms {
    public static let missing = "–"

    // MARK: - Numbers

    /// Money to 2 dp with thousands separators, from the exact Decimal.
    public static func money(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        return fixed(d, places: 2)
    }

    /// Short money for chart labels: `1.92m`, `350k`, `900`.
    public static func moneyCompact(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        // Compared and printed from the significand with integers: Decimal's comparisons with a
        // literal and its negation were most of an S-curve's five axis labels.
        if decimalLayoutVerified, let p = rawParts(d),
           let s = moneyCompact(mantissa: p.mantissa, exponent: p.exponent, negative: p.negative) {
            return s
        }
        return moneyCompactDecimal(d)
    }

    /// `moneyCompact` through Decimal's own comparisons: the reference the integer path is
    /// tested against, and the way for values it cannot take.
    static func moneyCompactDecimal(_ d: Decimal) -> String {
        let a = d < 0 ? -d : d
        let sign = d < 0 ? "-" : ""
        // A value that rounds up to the next unit is written in it: 999,960 is "1m", not "1000k".
        if a >= 999_950 { return sign + trimmed(fixed(shifted(a, by: -6), places: 2, group: false)) + "m" }
        if a >= Self.roundsToAThousand { return sign + trimmed(fixed(shifted(a, by: -3), places: 1, group: false)) + "k" }
        return sign + trimmed(fixed(a, places: 0, group: false))
    }

    private static let roundsToAThousand = Decimal(sign: .plus, exponent: -1, significand: 9995)

    /// `moneyCompact` of `mantissa` x 10^`exponent` (negated when `negative`), nil when a step
    /// would not fit 128 bits (callers then go through Decimal).
    static func moneyCompact(mantissa m: UInt128, exponent e: Int, negative: Bool) -> String? {
        // 999,950 is 99995 x 10^1 and 999.5 is 9995 x 10^-1.
        let million = Digits.atLeast(m, e, 99995, 1), thousand = Digits.atLeast(m, e, 9995, -1)
        let body: String?, unit: String
        if million {
            body = Digits.fixed(mantissa: m, exponent: e - 6, negative: false, places: 2, group: false)
            unit = "m"
        } else if thousand {
            body = Digits.fixed(mantissa: m, exponent: e - 3, negative: false, places: 1, group: false)
            unit = "k"
        } else {
            body = Digits.fixed(mantissa: m, exponent: e, negative: false, places: 0, group: false)
            unit = ""
        }
        guard let body else { return nil }
        return (negative && m != 0 ? "-" : "") + trimmed(body) + unit
    }

    /// `d` times 10^`places`, by moving the exponent: the same value as Decimal's division by a
    /// power of ten, without its long division (a third of drawing an S-curve's axis labels).
    static func shifted(_ d: Decimal, by places: Int) -> Decimal {
        let exponent = d.exponent + places
        guard d.isFinite, !d.isZero, exponent > -128, exponent < 127 else {
            return places < 0 ? d / pow(10, -places) : d * pow(10, places)
        }
        return Decimal(sign: d.sign, exponent: exponent, significand: d.significand)
    }

    /// A plain measure (a score, minutes, a rate) to at most 2 dp: `71`, `34.5`, `1,250.25`.
    public static func number(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        return trimmed(fixed(d, places: 2))
    }

    public static func count(_ n: Int?) -> String {
        guard let n else { return missing }
        return Digits.format(UInt128(n.magnitude), negative: n < 0, places: 0, group: true) ?? (n < 0 ? "-" : "") + group(String(n.magnitude))
    }

    /// Hours to at most 1 dp.
    public static func hours(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        return trimmed(fixed(d, places: 1))
    }

    /// A percentage (already x100) to 1 dp: `87.5%`.
    public static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        if let s = fixedDouble(v, places: 1, suffix: "%") { return s }
        guard let d = decimal(v) else { return missing }
        return fixed(d, places: 1) + "%"
    }

    /// A ratio to 2 dp: `0.72`.
    public static func ratio(_ v: Double?) -> String {
        guard let v, v.isFinite else { return missing }
        if let s = fixedDouble(v, places: 2) { return s }
        guard let d = decimal(v) else { return missing }
        return fixed(d, places: 2)
    }

    // MARK: - Dates

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    public static func date(_ d: Day?) -> String {
        guard let d else { return missing }
        let c = d.components
        guard c.year >= 1000, c.year <= 9999 else { return "\(c.day) \(monthNames[c.month - 1].prefix(3)) \(c.year)" }
        // At most 11 ASCII bytes ("30 Nov 2026"): written straight into a String that small
        // enough to need no allocation, where the interpolation built three and joined them.
        let month = shortMonths[c.month - 1]
        return String(unsafeUninitializedCapacity: 11) { b in
            var i = 0
            if c.day >= 10 {
                b[i] = UInt8(truncatingIfNeeded: c.day / 10) + 0x30
                i += 1
            }
            b[i] = UInt8(truncatingIfNeeded: c.day % 10) + 0x30
            b[i + 1] = 0x20
            b[i + 2] = month.0
            b[i + 3] = month.1
            b[i + 4] = month.2
            b[i + 5] = 0x20
            var y = c.year
            for k in stride(from: i + 9, through: i + 6, by: -1) {
                b[k] = UInt8(truncatingIfNeeded: y % 10) + 0x30
                y /= 10
            }
            return i + 10
        }
    }

    /// The first three letters of each month's name, as bytes.
    private static let shortMonths: [(UInt8, UInt8, UInt8)] = monthNames.map { name in
        let u = Array(name.utf8)
        return (u[0], u[1], u[2])
    }

    public static func period(_ p: Period) -> String { "\(monthNames[p.month - 1]) \(p.year)" }

    public static func days(_ n: Int?) -> String {
        guard let n else { return missing }
        if n.magnitude < 1000 {
            // "+999 days" at most: one small String, not four joined.
            return String(unsafeUninitializedCapacity: 9) { b in
                var i = 0
                if n != 0 {
                    b[0] = n > 0 ? 0x2B : 0x2D
                    i = 1
                }
                let a = Int(n.magnitude)
                if a >= 100 {
                    b[i] = UInt8(truncatingIfNeeded: a / 100) + 0x30
                    i += 1
                }
                if a >= 10 {
                    b[i] = UInt8(truncatingIfNeeded: a / 10 % 10) + 0x30
                    i += 1
                }
                b[i] = UInt8(truncatingIfNeeded: a % 10) + 0x30
                for c in (a == 1 ? " day" : " days").utf8 {
                    i += 1
                    b[i] = c
                }
                return i + 1
            }
        }
        let unit = n.magnitude == 1 ? "day" : "days"
        return (n > 0 ? "+" : n < 0 ? "-" : "") + grouped(n.magnitude) + " " + unit
    }

    // MARK: - Deltas

    /// A signed change with an arrow: `▲ +3`, `▼ -2`, `► 0`.
    public static func delta(_ n: Int?) -> String {
        guard let n else { return missing }
        return arrow(n.signum()) + " " + (n > 0 ? "+" : n < 0 ? "-" : "") + grouped(n.magnitude)
    }

    public static func deltaMoney(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        let s = d > 0 ? 1 : d < 0 ? -1 : 0
        return arrow(s) + " " + (s > 0 ? "+" : "") + money(d)
    }

    public static func deltaRatio(_ v: Double?) -> String {
        guard let d = decimal(v) else { return missing }
        let r = rounded(d, places: 2)
        let s = r > 0 ? 1 : r < 0 ? -1 : 0
        return arrow(s) + " " + (s > 0 ? "+" : "") + fixed(r, places: 2)
    }

    public static func deltaPercent(_ v: Double?) -> String {
        guard let d = decimal(v) else { return missing }
        let r = rounded(d, places: 1)
        let s = r > 0 ? 1 : r < 0 ? -1 : 0
        return arrow(s) + " " + (s > 0 ? "+" : "") + fixed(r, places: 1) + " pts"
    }

    static func arrow(_ sign: Int) -> String { sign > 0 ? "▲" : sign < 0 ? "▼" : "►" }

    // MARK: - RAG

    /// RAG as text, a one-letter code and a CSS class; never colour alone.
    public static func rag(_ r: RAG?) -> [String: Any] {
        // Four possible values, built once: a one-pager asks for five of them.
        guard let r else { return ragModels[0] }
        return ragModels[r.rank + 1]
    }

    /// `rag`'s dictionaries: not reported first, then by `RAG.rank`.
    private static let ragModels: [[String: Any]] = {
        var out: [[String: Any]] = [["text": "Not reported", "code": "–", "css": "rag-none"]]
        for r in RAG.allCases.sorted(by: { $0.rank < $1.rank }) {
            out.append(["text": r.name, "code": r.rawValue, "css": "rag-" + r.rawValue.lowercased()])
        }
        return out
    }()

    // MARK: - Markdown

    /// Escapes a value for GitHub-flavoured Markdown so that it reads as text, also inside a table
    /// cell: backslash, pipe, emphasis, code, HTML and link brackets, a leading `#`, `+`, `-` or
    /// `>`, and line breaks (a cell is one line).
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for ch in s {
            switch ch {
            case "\\", "|", "*", "_", "`", "[", "]", "~", "<", ">":
                out += "\\" + String(ch)
            case "\n", "\r\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        // A heading, or a list item when followed by a space; "-350.00" stays as it is.
        let body = out.drop(while: { $0 == " " })
        if body.hasPrefix("#") || body.hasPrefix("- ") || body.hasPrefix("+ ") {
            out.insert("\\", at: body.startIndex)
        }
        return out
    }

    // MARK: - Decimal helpers

    static func decimal(_ v: Double?) -> Decimal? {
        guard let v, v.isFinite else { return nil }
        // The shortest round-trip spelling, read back exactly: 0.725 stays 0.725, not 0.72499...
        return Decimal(string: v.description, locale: nil)
    }

    /// `decimal(v)! < d` without building the Decimal: v's shortest spelling's digits compared
    /// with d's significand. Nil where either does not decode (callers then use Decimal).
    static func less(_ v: Double, than d: Decimal) -> Bool? {
        guard v.isFinite, decimalLayoutVerified, let b = rawParts(d) else { return nil }
        var text = v.description
        guard let a = text.withUTF8({ Digits.parse($0) }) else { return nil }
        return Digits.less(a, b)
    }

    static func rounded(_ d: Decimal, places: Int) -> Decimal {
        var x = d
        var r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return r
    }

    /// `d` rounded to `places` and printed with exactly `places` decimals.
    static func fixed(_ d: Decimal, places: Int, group useGroups: Bool = true) -> String {
        // Rounded and printed with integer arithmetic on the 128-bit significand (`Digits`),
        // without NSDecimalRound's digit-by-digit long division or a `description` (together
        // most of the cost of a one-pager's 40 figures).
        if decimalLayoutVerified, let p = rawParts(d),
           let s = Digits.fixed(mantissa: p.mantissa, exponent: p.exponent, negative: p.negative, places: places, group: useGroups) {
            return s
        }
        return fixedDecimal(d, places: places, group: useGroups)
    }

    /// `fixed` through Decimal's own rounding and `description`: the reference `Digits` is
    /// tested against, and the way for values whose significand does not fit 64 bits.
    static func fixedDecimal(_ d: Decimal, places: Int, group useGroups: Bool = true) -> String {
        // A value with no more than `places` decimals rounds to itself; skipping NSDecimalRound
        // (128-bit arithmetic, most of the cost of printing a budget) changes no digit printed.
        let r = d.exponent >= -places ? d : rounded(d, places: places)
        var negative = false
        var intPart: Substring, frac: Substring
        if let parts = plainDigits(r) {
            (negative, intPart, frac) = parts
        } else {
            var text = r.description  // Decimal's description is locale-free: "-1234567.5"
            if text.hasPrefix("-") {
                negative = true
                text.removeFirst()
            }
            intPart = Substring(text)
            frac = Substring("")
            if let dot = text.firstIndex(of: ".") {
                intPart = text[..<dot]
                frac = text[text.index(after: dot)...]
            }
        }
        var f = String(frac.prefix(places))
        while f.count < places { f += "0" }
        let i = useGroups ? group(String(intPart)) : String(intPart)
        let body = places > 0 ? i + "." + f : i
        let isZero = !body.contains(where: { $0 != "0" && $0 != "." && $0 != "," })
        return (negative && !isZero ? "-" : "") + body
    }

    /// The sign, integer digits and fraction digits of `d` as its `description` gives them (up
    /// to trailing zeros of the fraction, which `fixed` pads or cuts anyway), read straight from
    /// its storage when the significand fits 64 bits: `description` builds the text digit by
    /// digit through 128-bit division. Nil for NaN, wider significands, or when the storage
    /// layout check failed (see `decimalLayoutVerified`): callers then use `description`.
    static func plainDigits(_ d: Decimal) -> (negative: Bool, int: Substring, frac: Substring)? {
        guard decimalLayoutVerified else { return nil }
        return rawDigits(d)
    }

    /// NSDecimal's layout, which Foundation keeps internal: an exponent byte, a flags byte (length
    /// in the high nibble, sign in bit 3), two reserved bytes, eight little-endian 16-bit words.
    private static func rawDigits(_ d: Decimal) -> (negative: Bool, int: Substring, frac: Substring)? {
        guard let parts = rawParts(d), parts.mantissa <= UInt128(UInt64.max) else { return nil }
        let digits = String(UInt64(parts.mantissa))
        let negative = parts.negative && parts.mantissa != 0
        let e = parts.exponent
        if e >= 0 {
            return (negative, Substring(e == 0 ? digits : digits + String(repeating: "0", count: e)), "")
        }
        let fractionDigits = -e
        if digits.count > fractionDigits {
            let cut = digits.index(digits.endIndex, offsetBy: -fractionDigits)
            return (negative, digits[..<cut], digits[cut...])
        }
        return (negative, "0", Substring(String(repeating: "0", count: fractionDigits - digits.count) + digits))
    }

    /// `d` as significand x 10^exponent (the whole 128-bit significand) when the exponent is
    /// within ±40; nil for NaN and anything else. Callers check `decimalLayoutVerified` first.
    static func rawParts(_ d: Decimal) -> (mantissa: UInt128, exponent: Int, negative: Bool)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        let parts = withUnsafeBytes(of: d) { b -> (mantissa: UInt128, exponent: Int, negative: Bool)? in
            let length = Int(b[1] >> 4)
            let negative = b[1] & 0x08 != 0
            if length == 0 { return negative ? nil : (0, 0, false) }
            var m: UInt128 = 0
            for w in 0..<length { m |= UInt128(b[4 + 2 * w]) << (16 * w) | UInt128(b[5 + 2 * w]) << (16 * w + 8) }
            return (m, Int(Int8(bitPattern: b[0])), negative)
        }
        guard let parts, parts.exponent > -40, parts.exponent < 40 else { return nil }
        return parts
    }

    /// `fixed(decimal(v), places:)` (plus `suffix`) without a Decimal: the digits of `v`'s
    /// shortest spelling (`description`, as `decimal` reads it) rounded by `Digits`. Nil where
    /// that spelling has more than 19 digits or an exponent beyond ±40 (callers then go through
    /// Decimal).
    static func fixedDouble(_ v: Double, places: Int, suffix: String = "") -> String? {
        var text = v.description
        let parsed = text.withUTF8 { Digits.parse($0) }
        guard let parsed, let s = Digits.fixed(mantissa: parsed.mantissa, exponent: parsed.exponent, negative: parsed.negative,
                                               places: places, group: true) else { return nil }
        return suffix.isEmpty ? s : s + suffix
    }

    /// Whether `rawDigits` reads the layout right: checked once on probes against `description`.
    static let decimalLayoutVerified: Bool = {
        let probes = ["0", "1", "-1", "97000.5", "-97000.50", "1250000", "0.000001", "-0.25", "18446744073709551615",
                      "123456789.123456", "1e20", "-7e-10", "65536", "4294967296", "281474976710656", "0.05"]
        for text in probes {
            guard let d = Decimal(string: text), let p = rawDigits(d) else { return false }
            var expected = d.description
            let negative = expected.hasPrefix("-")
            if negative { expected.removeFirst() }
            var int = Substring(expected), frac = Substring("")
            if let dot = expected.firstIndex(of: ".") {
                int = expected[..<dot]
                frac = expected[expected.index(after: dot)...]
            }
            func trim(_ f: Substring) -> Substring {
                var f = f
                while f.last == "0" { f.removeLast() }
                return f
            }
            if p.negative != negative || p.int != int || trim(p.frac) != trim(frac) { return false }
        }
        // The upper words of a significand beyond 64 bits, as `fixed` reads them.
        let wide: [(String, UInt128, Int, Bool)] = [
            ("340282366920938463463374607431768211455", UInt128.max, 0, false),
            ("-1234567890123456789012345.678", 1_234_567_890_123_456_789_012_345_678, -3, true),
        ]
        for (text, mantissa, exponent, negative) in wide {
            guard let d = Decimal(string: text), let p = rawParts(d),
                  p.mantissa == mantissa, p.exponent == exponent, p.negative == negative else { return false }
        }
        return true
    }()

    static func trimmed(_ s: String) -> String {
        // On the UTF-8 bytes: `contains(".")` went through Foundation's string search and each
        // `removeLast` found a Character boundary.
        let u = s.utf8
        guard u.contains(0x2E) else { return s }
        var end = u.endIndex
        while end > u.startIndex, u[u.index(before: end)] == 0x30 { end = u.index(before: end) }
        if end > u.startIndex, u[u.index(before: end)] == 0x2E { end = u.index(before: end) }
        return end == u.endIndex ? s : String(decoding: u[..<end], as: UTF8.self)
    }

    /// `group(String(n))` written straight from the integer.
    static func grouped(_ n: UInt) -> String {
        Digits.format(UInt128(n), negative: false, places: 0, group: true) ?? group(String(n))
    }

    static func group(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}

/// Fixed-point printing on a 128-bit significand: `mantissa` x 10^`exponent` rounded half away
/// from zero to `places` decimals (NSDecimalRound's `.plain`: the first digit dropped decides)
/// and written with `places` decimals and optional thousands commas. Nil when a step would not
/// fit 128 bits; `Transforms.fixedDecimal` then prints the value.
enum Digits {
    static let powers: [UInt128] = (0...38).map { k in (0..<k).reduce(UInt128(1)) { p, _ in p * 10 } }

    /// `a < b` for two signed values significand x 10^exponent, exactly.
    static func less(_ a: (mantissa: UInt128, exponent: Int, negative: Bool),
                     _ b: (mantissa: UInt128, exponent: Int, negative: Bool)) -> Bool {
        let aNegative = a.negative && a.mantissa != 0, bNegative = b.negative && b.mantissa != 0
        if aNegative != bNegative { return aNegative }
        // Same sign: compare magnitudes, the other way round below zero.
        return aNegative
            ? !atLeast(b.mantissa, b.exponent, a.mantissa, a.exponent)
            : !atLeast(a.mantissa, a.exponent, b.mantissa, b.exponent)
    }

    /// Whether m x 10^e >= c x 10^ce, exactly (magnitudes). A side scaled beyond 128 bits is
    /// larger than any UInt128 the other side can be.
    static func atLeast(_ m: UInt128, _ e: Int, _ c: UInt128, _ ce: Int) -> Bool {
        if c == 0 { return true }
        if m == 0 { return false }
        if e >= ce {
            guard e - ce <= 38 else { return true }
            let (l, o) = m.multipliedReportingOverflow(by: powers[e - ce])
            return o || l >= c
        }
        guard ce - e <= 38 else { return false }
        let (r, o) = c.multipliedReportingOverflow(by: powers[ce - e])
        return !o && m >= r
    }

    static func fixed(mantissa: UInt128, exponent: Int, negative: Bool, places: Int, group: Bool) -> String? {
        guard places >= 0, places <= 18 else { return nil }
        let scaled: UInt128
        if exponent >= -places {
            let shift = exponent + places
            guard shift <= 38 else { return nil }
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: powers[shift])
            guard !overflow else { return nil }
            scaled = m
        } else {
            let shift = -exponent - places
            guard shift <= 38 else { return nil }
            let divisor = powers[shift]
            let (q, r) = mantissa.quotientAndRemainder(dividingBy: divisor)
            // Half or more of the unit dropped rounds the magnitude up (q < mantissa / 10 + 1).
            scaled = r >= divisor - r ? q + 1 : q
        }
        return format(scaled, negative: negative, places: places, group: group)
    }

    /// `value` / 10^`places` with exactly `places` decimals; "-" only before a value that is not
    /// zero once printed.
    static func format(_ value: UInt128, negative: Bool, places: Int, group: Bool) -> String? {
        guard places >= 0, places <= 18 else { return nil }
        // At most 39 digits, a point, 12 commas and a sign.
        return String(unsafeUninitializedCapacity: 56) { buf in
            var tmp: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
            return withUnsafeMutableBytes(of: &tmp) { digits -> Int in
                // The digits backwards, at least places + 1 of them; 64-bit division once the
                // rest fits (128-bit division is a library call).
                var n = 0
                var v = value
                while v > UInt128(UInt64.max) {
                    digits[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30
                    v /= 10
                    n += 1
                }
                var w = UInt64(v)
                repeat {
                    digits[n] = UInt8(truncatingIfNeeded: w % 10) + 0x30
                    w /= 10
                    n += 1
                } while w > 0 || n <= places
                var out = 0
                if negative && value != 0 {
                    buf[out] = 0x2D
                    out += 1
                }
                let intDigits = n - places
                for i in 0..<intDigits {
                    if group, i > 0, (intDigits - i) % 3 == 0 {
                        buf[out] = 0x2C
                        out += 1
                    }
                    buf[out] = digits[n - 1 - i]
                    out += 1
                }
                if places > 0 {
                    buf[out] = 0x2E
                    out += 1
                    for i in 0..<places {
                        buf[out] = digits[places - 1 - i]
                        out += 1
                    }
                }
                return out
            }
        }
    }

    /// A Double's `description` ("87.5", "-0.725", "1e-05", "1.2345e+20") as significand,
    /// exponent and sign; nil for anything else or more than 19 significant digits.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (mantissa: UInt128, exponent: Int, negative: Bool)? {
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2D {
            negative = true
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var seenPoint = false
        var any = false
        while i < b.count {
            let c = b[i]
            if c >= 0x30, c <= 0x39 {
                any = true
                if mantissa == 0 && c == 0x30 {
                    // Leading zeros count only for the exponent.
                    if seenPoint { exponent -= 1 }
                } else {
                    guard digits < 19 else { return nil }
                    mantissa = mantissa * 10 + UInt64(c - 0x30)
                    digits += 1
                    if seenPoint { exponent -= 1 }
                }
            } else if c == 0x2E, !seenPoint {
                seenPoint = true
            } else {
                break
            }
            i += 1
        }
        guard any else { return nil }
        if i < b.count {
            guard b[i] == 0x65 || b[i] == 0x45 else { return nil }
            i += 1
            var expNegative = false
            if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
                expNegative = b[i] == 0x2D
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39, expDigits < 4 {
                e = e * 10 + Int(b[i] - 0x30)
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == b.count else { return nil }
            exponent += expNegative ? -e : e
        }
        guard exponent > -40, exponent < 40 else { return nil }
        return (UInt128(mantissa), exponent, negative)
    }
}
