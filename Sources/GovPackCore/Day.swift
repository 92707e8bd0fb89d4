/// A calendar date with no time and no time zone, stored as days since 1970-01-01.
///
/// Conversions use Howard Hinnant's civil-date algorithms, so no `Calendar` or
/// `DateFormatter` runs per row and the result never depends on the machine's zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) { self.daysSinceEpoch = daysSinceEpoch }

    /// A valid date, or nil for e.g. 2026-02-30. Inlinable with `init(civil:)` and `daysIn`,
    /// for the CSV typer's date fields.
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.init(civil: year, month, day)
    }

    /// Any year (the algorithm is proleptic Gregorian); month and day already in range.
    @inlinable
    init(civil year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = Int32(era * 146097 + doe - 719468)
    }

    /// Parses ISO 8601 `YYYY-MM-DD` exactly.
    public init?(_ text: String) {
        var t = text
        guard let d = t.withUTF8({ Day(bytes: $0) }) else { return nil }
        self = d
    }

    /// Parses ISO 8601 `YYYY-MM-DD` from UTF-8 bytes.
    @inlinable
    public init?(bytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
            let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2), let d = Day.digits(b, 8, 2),
            let day = Day(year: y, month: m, day: d)
        else { return nil }
        self = day
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var period: Period { let c = components; return Period(index: Int32(c.year * 12 + c.month - 1)) }

    /// The day `days` later; clamped to the representable range rather than trapping.
    public func adding(days: Int) -> Day {
        let step = Int64(max(min(days, Int(UInt32.max)), -Int(UInt32.max)))
        return Day(daysSinceEpoch: Int32(clamping: Int64(daysSinceEpoch) + step))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: Day) -> Int { Int(other.daysSinceEpoch) - Int(daysSinceEpoch) }

    public var description: String {
        let c = components
        return Day.format(c.year, c.month, c.day)
    }

    /// `YYYY-MM` or `YYYY-MM-DD` written digit by digit (this runs for every date a rule or a
    /// pack shows; string interpolation and padding were a measurable share of rule time).
    static func format(_ year: Int, _ month: Int, _ day: Int?) -> String {
        let count = day == nil ? 7 : 10
        return String(unsafeUninitializedCapacity: count) { b in
            let y = max(0, min(9999, year))
            b[0] = UInt8(0x30 + y / 1000)
            b[1] = UInt8(0x30 + y / 100 % 10)
            b[2] = UInt8(0x30 + y / 10 % 10)
            b[3] = UInt8(0x30 + y % 10)
            b[4] = 0x2D
            b[5] = UInt8(0x30 + month / 10)
            b[6] = UInt8(0x30 + month % 10)
            if let day {
                b[7] = 0x2D
                b[8] = UInt8(0x30 + day / 10)
                b[9] = UInt8(0x30 + day % 10)
            }
            return count
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Always inlined: with `count` a constant the loop unrolls (a call per date part cost 50
    /// instructions).
    @inlinable @inline(__always)
    static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var v = 0
        var i = start
        while i < start &+ count {
            let c = b[i] &- 0x30
            guard c < 10 else { return nil }
            v = v &* 10 &+ Int(c)
            i &+= 1
        }
        return v
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
