import Foundation

/// An exact running sum of decimals that stays fast on millions of rows.
///
/// Foundation's `Decimal` addition costs about a microsecond, so amounts with at most six
/// fractional digits and an 18-digit significand (every real money or hours figure) are
/// summed as an `Int128` count of millionths; anything else, or an overflow, switches the
/// sum to `Decimal` arithmetic for good. Either way the result is exact.
struct ExactSum: Sendable {
    private var millionths: Int128 = 0
    private var slow: Decimal?

    init() {}

    mutating func add(_ d: Decimal) {
        if slow == nil, let units = DecimalBits.millionths(d) {
            let (r, o) = millionths.addingReportingOverflow(units)
            if !o {
                millionths = r
                return
            }
        }
        slow = value + d
    }

    /// The exact sum as an integer count of millionths, while it is one.
    var exactMillionths: Int128? { slow == nil ? millionths : nil }

    var value: Decimal {
        if let s = slow { return s }
        let negative = millionths < 0
        let mag = millionths.magnitude
        if mag <= UInt128(UInt64.max) {
            return Decimal(sign: negative ? .minus : .plus, exponent: -6, significand: Decimal(UInt64(mag)))
        }
        // Beyond 2^64 millionths: three 18-digit parts (an Int128 has at most 39 digits).
        let base = UInt128(1_000_000_000_000_000_000)
        let b = Decimal(UInt64(base))
        let top = UInt64(mag / base / base), mid = UInt64(mag / base % base), low = UInt64(mag % base)
        let whole = (Decimal(top) * b + Decimal(mid)) * b + Decimal(low)
        return Decimal(sign: negative ? .minus : .plus, exponent: -6, significand: whole)
    }
}

/// Ratios from exact decimals.
///
/// A ratio is the `Decimal` quotient (38 significant digits) converted to the nearest `Double`
/// by parsing its exact decimal text (`Double(String)` rounds correctly). The only departure from
/// "the nearest double of the exact value" would need the true quotient to lie within 1e-38
/// (relative) of a midpoint between two doubles.
enum Exact {
    /// n / d, nil when d is 0.
    static func ratio(_ n: Decimal, _ d: Decimal) -> Double? {
        guard !d.isZero, !n.isNaN, !d.isNaN else { return nil }
        if let a = DecimalBits.millionths(n), let b = DecimalBits.millionths(d), let q = quotient(a, b) { return q }
        return double(n / d)
    }

    /// 100 x n / d, nil when d is 0.
    static func percent(_ n: Decimal, _ d: Decimal) -> Double? {
        guard !d.isZero, !n.isNaN, !d.isNaN else { return nil }
        if let a = DecimalBits.millionths(n), let b = DecimalBits.millionths(d), let q = quotient(100 * a, b) { return q }
        return double(Decimal(100) * n / d)
    }

    static func percent(_ n: Int, _ d: Int) -> Double? {
        d == 0 ? nil : Double(100 * n) / Double(d)  // both integers exact: IEEE division rounds correctly
    }

    /// a / b when both integers are exact in a Double (|x| <= 2^53): IEEE division then rounds
    /// the exact quotient correctly, which is the nearest double. Nil otherwise.
    @inline(__always)
    static func quotient(_ a: Int128, _ b: Int128) -> Double? {
        let limit: Int128 = 1 << 53
        guard b != 0, a.magnitude <= limit.magnitude, b.magnitude <= limit.magnitude else { return nil }
        return Double(a) / Double(b)
    }

    /// x < t x y, exactly.
    static func less(_ x: Decimal, than t: Decimal, times y: Decimal) -> Bool {
        if let a = DecimalBits.millionths(x), let k = DecimalBits.millionths(t), let b = DecimalBits.millionths(y) {
            let (l, o1) = a.multipliedReportingOverflow(by: 1_000_000)
            let (r, o2) = k.multipliedReportingOverflow(by: b)
            if !o1 && !o2 { return l < r }
        }
        return x < t * y
    }

    /// The nearest double of a decimal.
    static func double(_ d: Decimal) -> Double? {
        guard !d.isNaN else { return nil }
        return Double(d.description) ?? NSDecimalNumber(decimal: d).doubleValue
    }

    /// The exact decimal mean, then the nearest double.
    static func mean(_ values: [Decimal]) -> Double? {
        guard !values.isEmpty else { return nil }
        var s = ExactSum()
        for v in values { s.add(v) }
        if let m = s.exactMillionths, let q = quotient(m, Int128(values.count) * 1_000_000) { return q }
        return double(s.value / Decimal(values.count))
    }
}

/// Identifiers compare in code-point order (byte order of UTF-8), never by locale.
@inline(__always)
func idLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
