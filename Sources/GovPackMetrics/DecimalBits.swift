import Foundation

/// Reads a `Decimal`'s sign, exponent and (up to 64-bit) significand straight from its storage.
///
/// Foundation keeps those fields internal, and the public route (`significand`, `exponent`,
/// comparisons) costs about a microsecond per value, which matters on millions of rows. The
/// layout (exponent byte, then a flags byte with the length in its high nibble and the sign in
/// bit 3, two reserved bytes, then eight little-endian 16-bit mantissa words) is the one
/// NSDecimal has always had. It is verified once against the public API on a set of probes;
/// if the layout ever differs, `decode` returns nil for everything and callers take the slow,
/// public path, so results never depend on the layout being right.
enum DecimalBits {
    struct Parts: Equatable {
        var significand: UInt64
        var exponent: Int
        var negative: Bool
    }

    /// The parts of `d`, or nil when its significand needs more than 64 bits, it is NaN, or
    /// the layout check failed.
    @inline(__always)
    static func decode(_ d: Decimal) -> Parts? {
        guard layoutVerified else { return nil }
        return raw(d)
    }

    @inline(__always)
    private static func raw(_ d: Decimal) -> Parts? {
        guard let w = rawWide(d), w.significand <= UInt128(UInt64.max) else { return nil }
        return Parts(significand: UInt64(w.significand), exponent: w.exponent, negative: w.negative)
    }

    /// All eight mantissa words: Decimal's full 128-bit significand.
    @inline(__always)
    private static func rawWide(_ d: Decimal) -> (significand: UInt128, exponent: Int, negative: Bool)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: d) { b -> (significand: UInt128, exponent: Int, negative: Bool)? in
            let flags = b[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            if length == 0 { return negative ? nil : (0, 0, false) }
            guard length <= 8 else { return nil }
            var m: UInt128 = 0
            for w in 0..<length {
                m |= UInt128(b[4 + 2 * w]) << (16 * w) | UInt128(b[5 + 2 * w]) << (16 * w + 8)
            }
            return (m, Int(Int8(bitPattern: b[0])), negative)
        }
    }

    static let layoutVerified: Bool = {
        let probes = ["0", "1", "-1", "97000.5", "-97000.50", "1250000", "0.000001", "-0.25", "18446744073709551615",
                      "123456789.123456", "1e20", "-7e-10", "65536", "4294967296", "281474976710656"]
        for s in probes {
            guard let d = Decimal(string: s), let p = raw(d) else { return false }
            let rebuilt = Decimal(sign: p.negative ? .minus : .plus, exponent: p.exponent,
                                  significand: Decimal(p.significand))
            if rebuilt != d { return false }
            if !d.isZero && (p.exponent != d.exponent || p.negative != (d.sign == .minus)) { return false }
        }
        // A significand wider than 64 bits must be refused by `raw`, and read whole by `rawWide`.
        guard let wide = Decimal(string: "18446744073709551616"), raw(wide) == nil,
              rawWide(wide)?.significand == UInt128(UInt64.max) + 1,
              let third = Decimal(string: "0.33333333333333333333333333333333333333"),
              rawWide(third)?.significand.description == String(repeating: "3", count: 38),
              rawWide(third)?.exponent == -38
        else { return false }
        return true
    }()

    /// `d` x 10^6 as an exact integer, when it is one and fits comfortably.
    @inline(__always)
    static func millionths(_ d: Decimal) -> Int128? {
        guard let p = decode(d), p.exponent >= -6, p.exponent <= 12 else { return nil }
        let v = Int128(p.significand) * pow10[p.exponent + 6]
        return p.negative ? -v : v
    }

    /// The nearest double of `d`, the value `Double(d.description)` gives, without Foundation's
    /// slow formatter (a quarter of the metrics stage at 20k projects, on benefit realisations
    /// with 38-digit significands). Nil when `d` does not decode; callers then format.
    static func double(_ d: Decimal) -> Double? {
        guard layoutVerified, let p = rawWide(d) else { return nil }
        let x: Double
        if p.significand <= 1 << 53, p.exponent >= -22, p.exponent <= 22 {
            // Both operands are exact doubles (integers up to 2^53, powers of ten up to 1e22), so
            // IEEE multiplication or division rounds the exact value once: the nearest double.
            let m = Double(UInt64(p.significand))
            x = p.exponent < 0 ? m / exactPow10[-p.exponent] : m * exactPow10[p.exponent]
        } else {
            // The exact value spelled in scientific notation; parsing rounds it correctly.
            guard let parsed = Double("\(p.significand)e\(p.exponent)") else { return nil }
            x = parsed
        }
        return p.negative ? -x : x
    }

    /// 1e0 ... 1e22, every one exact in a Double.
    private static let exactPow10: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { r, _ in r * 10 } }

    static let pow10: [Int128] = (0...18).map { e in (0..<e).reduce(Int128(1)) { r, _ in r * 10 } }

    /// The plain decimal spelling Foundation's `description` gives (no exponent, no trailing
    /// fractional zeros), written without Foundation's slow formatter when the value decodes.
    static func text(_ d: Decimal) -> String {
        guard layoutVerified, let p = rawWide(d) else { return d.description }
        if p.significand == 0 { return "0" }
        guard p.significand <= UInt128(UInt64.max) else { return wideText(p) }
        // Money and hours fit 64 bits: digits are cut with 64-bit division into one buffer (the
        // 128-bit `description` and string edits were half of encoding metrics.json at 20k).
        var m = UInt64(p.significand)
        var e = p.exponent
        while e < 0, m % 10 == 0 {
            m /= 10
            e += 1
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 0  // digits[0] is the last digit
            repeat {
                digits[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            return String(unsafeUninitializedCapacity: n + 3 + abs(e)) { out in
                var i = 0
                func put(_ b: UInt8) {
                    out[i] = b
                    i += 1
                }
                if p.negative { put(UInt8(ascii: "-")) }
                if e >= 0 {
                    for k in stride(from: n - 1, through: 0, by: -1) { put(digits[k]) }
                    for _ in 0..<e { put(UInt8(ascii: "0")) }
                } else if n > -e {
                    for k in stride(from: n - 1, through: -e, by: -1) { put(digits[k]) }
                    put(UInt8(ascii: "."))
                    for k in stride(from: -e - 1, through: 0, by: -1) { put(digits[k]) }
                } else {
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "."))
                    for _ in 0..<(-e - n) { put(UInt8(ascii: "0")) }
                    for k in stride(from: n - 1, through: 0, by: -1) { put(digits[k]) }
                }
                return i
            }
        }
    }

    /// `text` for significands wider than 64 bits (long quotients).
    private static func wideText(_ p: (significand: UInt128, exponent: Int, negative: Bool)) -> String {
        var digits = p.significand.description
        var e = p.exponent
        // Drop trailing zeros of the fraction (and fold them into the exponent).
        while e < 0, digits.hasSuffix("0") {
            digits.removeLast()
            e += 1
        }
        var out = p.negative ? "-" : ""
        if e >= 0 {
            out += digits
            if e > 0 { out += String(repeating: "0", count: e) }
        } else {
            let frac = -e
            if digits.count > frac {
                let cut = digits.index(digits.endIndex, offsetBy: -frac)
                out += digits[..<cut] + "." + digits[cut...]
            } else {
                out += "0." + String(repeating: "0", count: frac - digits.count) + digits
            }
        }
        return out
    }
}
