import Foundation

/// An exact running sum of decimals that stays fast on millions of rows.
///
/// Foundation's `Decimal` addition costs about a microsecond, so amounts with at most six
/// fractional digits and an 18-digit significand (every real money or hours figure) are
/// summed as an `Int128` count of millionths; anything else, or an overflow, switches the
/// sum to `Decimal` arithmetic for good. Either way the result is exact. (Public for the
/// resource report, which sums planned hours per person and period the same way.)
public struct ExactSum: Sendable {
    private var millionths: Int128 = 0
    private var slow: Decimal?

    public init() {}

    public mutating func add(_ d: Decimal) {
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

    public var value: Decimal { slow ?? Exact.decimal(millionths: millionths) }

    /// Adds another sum without going through `Decimal` when both are still exact integers.
    mutating func add(_ other: ExactSum) {
        if slow == nil, other.slow == nil {
            let (r, o) = millionths.addingReportingOverflow(other.millionths)
            if !o {
                millionths = r
                return
            }
        }
        slow = value + other.value
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
        // Int64 conversions: Double(Int128) goes through a slow generic path.
        return Double(Int64(truncatingIfNeeded: a)) / Double(Int64(truncatingIfNeeded: b))
    }

    /// a - b, exactly; fast when both have at most six decimals.
    @inline(__always)
    static func difference(_ a: Decimal, _ b: Decimal) -> Decimal {
        if let x = DecimalBits.millionths(a), let y = DecimalBits.millionths(b) {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return decimal(millionths: r) }
        }
        return a - b
    }

    /// x x y / z, exact when the quotient has at most six decimals (found with integers), else
    /// Decimal's 38 significant digits. z must not be zero.
    static func productQuotient(_ x: Decimal, _ y: Decimal, _ z: Decimal) -> Decimal {
        if let a = DecimalBits.millionths(x), let b = DecimalBits.millionths(y), let c = DecimalBits.millionths(z), c != 0 {
            // (a / 1e6)(b / 1e6) / (c / 1e6) = (a x b / c) millionths.
            let (p, o) = a.multipliedReportingOverflow(by: b)
            if !o, p % c == 0 { return decimal(millionths: p / c) }
        }
        return x * y / z
    }

    /// The decimal with this many millionths.
    static func decimal(millionths m: Int128) -> Decimal {
        let negative = m < 0
        let mag = m.magnitude
        if mag <= UInt128(UInt64.max) {
            return Decimal(sign: negative ? .minus : .plus, exponent: -6, significand: Decimal(UInt64(mag)))
        }
        // Beyond 2^64: three 18-digit parts (an Int128 has at most 39 digits).
        let base = UInt128(1_000_000_000_000_000_000)
        let b = Decimal(UInt64(base))
        let top = UInt64(mag / base / base), mid = UInt64(mag / base % base), low = UInt64(mag % base)
        let whole = (Decimal(top) * b + Decimal(mid)) * b + Decimal(low)
        return Decimal(sign: negative ? .minus : .plus, exponent: -6, significand: whole)
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
        if let x = DecimalBits.double(d) { return x }
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

/// A dictionary lookup that first checks the previous key: rows arrive grouped by project
/// (one team's file after another), so most lookups skip hashing.
struct CachedLookup {
    let index: [String: Int]
    private var lastKey = ""
    private var lastValue: Int?

    init(_ index: [String: Int]) { self.index = index }

    @inline(__always)
    mutating func callAsFunction(_ key: String) -> Int? {
        if let v = lastValue, key == lastKey { return v }
        let v = index[key]
        if v != nil {
            lastKey = key
            lastValue = v
        }
        return v
    }
}

/// Identifiers compare in code-point order (byte order of UTF-8), never by locale.
@inline(__always)
func idLess(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
