/// A small, deterministic JSON writer: keys come out in the order they are written, so output is
/// byte-identical across runs (Foundation's encoder sorts or shuffles keys and formats doubles
/// its own way).
public struct JSONWriter {
    /// The document so far. Written as UTF-8 bytes: findings.json is some 70 MB at 20,000
    /// projects, and appending to a `String` piece by piece cost twice as much.
    private var bytes: [UInt8] = []
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    private var pretty: Bool { !indentUnit.isEmpty }

    public init(pretty: Bool = true) { indentUnit = pretty ? "  " : "" }

    // Everything is appended in place, without a temporary string per key, value or indentation.

    private mutating func put(_ s: String) { bytes.append(contentsOf: s.utf8) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { put(",") }
        if pretty && needsComma.count > 1 { newline(depth: needsComma.count - 1) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func newline(depth: Int) {
        put("\n")
        for _ in 0..<depth { put(indentUnit) }
    }

    private mutating func key(_ k: String?) {
        separator()
        if let k {
            appendQuoted(k)
            put(pretty ? ": " : ":")
        }
    }

    private mutating func appendQuoted(_ s: String) {
        if JSONWriter.needsEscape(s) {
            put(JSONWriter.quote(s))
        } else {
            put("\"")
            put(s)
            put("\"")
        }
    }

    public mutating func beginObject(_ k: String? = nil) {
        key(k)
        put("{")
        needsComma.append(false)
    }

    public mutating func endObject() { close("}") }

    public mutating func beginArray(_ k: String? = nil) {
        key(k)
        put("[")
        needsComma.append(false)
    }

    public mutating func endArray() { close("]") }

    private mutating func close(_ c: String) {
        let hadItems = needsComma.removeLast()
        if pretty && hadItems { newline(depth: needsComma.count - 1) }
        put(c)
    }

    public mutating func string(_ k: String? = nil, _ v: String?) {
        key(k)
        if let v { appendQuoted(v) } else { put("null") }
    }

    public mutating func int(_ k: String? = nil, _ v: Int?) {
        key(k)
        put(v.map(String.init) ?? "null")
    }

    public mutating func bool(_ k: String? = nil, _ v: Bool?) {
        key(k)
        put(v.map { $0 ? "true" : "false" } ?? "null")
    }

    /// A number already formatted as JSON (e.g. an exact decimal), or null.
    public mutating func raw(_ k: String? = nil, _ v: String?) {
        key(k)
        put(v ?? "null")
    }

    /// A double in its shortest round-trip form; integral values without ".0"; non-finite as null.
    public mutating func double(_ k: String? = nil, _ v: Double?) {
        key(k)
        put(v.map(JSONWriter.number) ?? "null")
    }

    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Whether `s` holds a byte `quote` may escape (0xE2 leads U+2028 and U+2029).
    static func needsEscape(_ s: String) -> Bool {
        s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (U+2028 and
    /// U+2029 too, so the output is also safe inside a script).
    public static func quote(_ s: String) -> String {
        if !needsEscape(s) { return "\"" + s + "\"" }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16, uppercase: false)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
