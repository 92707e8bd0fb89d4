/// A reporting month, `YYYY-MM`, stored as months since year 0.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32

    public init(index: Int32) { self.index = index }

    @inlinable
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        index = Int32(year * 12 + month - 1)
    }

    /// Parses `YYYY-MM` exactly.
    public init?(_ text: String) {
        var t = text
        guard let p = t.withUTF8({ Period(bytes: $0) }) else { return nil }
        self = p
    }

    /// Inlinable, as are the other byte parsers the CSV typer calls per field: called across
    /// modules, parsing a period cost 150 instructions (a third of typing an assignment row's fields).
    @inlinable
    public init?(bytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 7, b[4] == 0x2D, let y = Day.digits(b, 0, 4), let m = Day.digits(b, 5, 2),
            let p = Period(year: y, month: m)
        else { return nil }
        self = p
    }

    public var year: Int { Int(index) / 12 }
    public var month: Int { Int(index) % 12 + 1 }

    /// The first day of the month.
    public var start: Day { Day(civil: year, month, 1) }
    /// The last day of the month: the "E" of the metric definitions.
    public var end: Day { Day(civil: year, month, Day.daysIn(month: month, year: year)) }

    public func adding(months: Int) -> Period { Period(index: index + Int32(months)) }
    public var previous: Period { adding(months: -1) }
    public var next: Period { adding(months: 1) }

    public var description: String { Day.format(year, month, nil) }

    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }
}
