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
        let a = d < 0 ? -d : d
        let sign = d < 0 ? "-" : ""
        if a >= 1_000_000 { return sign + trimmed(fixed(a / 1_000_000, places: 2, group: false)) + "m" }
        if a >= 1_000 { return sign + trimmed(fixed(a / 1_000, places: 1, group: false)) + "k" }
        return sign + trimmed(fixed(a, places: 0, group: false))
    }

    /// A plain measure (a score, minutes, a rate) to at most 2 dp: `71`, `34.5`, `1,250.25`.
    public static func number(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        return trimmed(fixed(d, places: 2))
    }

    public static func count(_ n: Int?) -> String {
        guard let n else { return missing }
        return (n < 0 ? "-" : "") + group(String(n.magnitude))
    }

    /// Hours to at most 1 dp.
    public static func hours(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return missing }
        return trimmed(fixed(d, places: 1))
    }

    /// A percentage (already x100) to 1 dp: `87.5%`.
    public static func percent(_ v: Double?) -> String {
        guard let d = decimal(v) else { return missing }
        return fixed(d, places: 1) + "%"
    }

    /// A ratio to 2 dp: `0.72`.
    public static func ratio(_ v: Double?) -> String {
        guard let d = decimal(v) else { return missing }
        return fixed(d, places: 2)
    }

    // MARK: - Dates

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    public static func date(_ d: Day?) -> String {
        guard let d else { return missing }
        let c = d.components
        return "\(c.day) \(monthNames[c.month - 1].prefix(3)) \(c.year)"
    }

    public static func period(_ p: Period) -> String { "\(monthNames[p.month - 1]) \(p.year)" }

    public static func days(_ n: Int?) -> String {
        guard let n else { return missing }
        let unit = n.magnitude == 1 ? "day" : "days"
        return (n > 0 ? "+" : n < 0 ? "-" : "") + group(String(n.magnitude)) + " " + unit
    }

    // MARK: - Deltas

    /// A signed change with an arrow: `▲ +3`, `▼ -2`, `► 0`.
    public static func delta(_ n: Int?) -> String {
        guard let n else { return missing }
        return arrow(n.signum()) + " " + (n > 0 ? "+" : n < 0 ? "-" : "") + group(String(n.magnitude))
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
        guard let r else { return ["text": "Not reported", "code": "–", "css": "rag-none"] }
        return ["text": r.name, "code": r.rawValue, "css": "rag-" + r.rawValue.lowercased()]
    }

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

    static func rounded(_ d: Decimal, places: Int) -> Decimal {
        var x = d
        var r = Decimal()
        NSDecimalRound(&r, &x, places, .plain)
        return r
    }

    /// `d` rounded to `places` and printed with exactly `places` decimals.
    static func fixed(_ d: Decimal, places: Int, group useGroups: Bool = true) -> String {
        let r = rounded(d, places: places)
        var text = r.description  // Decimal's description is locale-free: "-1234567.5"
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
        let i = useGroups ? group(String(intPart)) : String(intPart)
        let body = places > 0 ? i + "." + f : i
        let isZero = !body.contains(where: { $0 != "0" && $0 != "." && $0 != "," })
        return (negative && !isZero ? "-" : "") + body
    }

    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
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
