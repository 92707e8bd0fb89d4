import Foundation
import GovPackCore

/// Decimal fields repeat a lot (hours, percentages, round amounts), and building a `Decimal` and
/// its range-check `Double` costs far more than scanning the digits. This direct-mapped cache
/// keeps the last value made for each (sign, digits, scale), so a hit hands back exactly the
/// `Decimal` that `FieldParser.parseDecimal` made for the same text the first time.
///
/// A plain pointer wrapper, so that using it in the hot path retains nothing: the owner
/// (`TypingContext`) calls `free()` when done.
struct DecimalCache {
    private struct Entry {
        var mantissa: UInt64
        /// `scale << 1 | negative`; -1 for an empty entry.
        var tag: Int
        var value: Decimal
        /// The range-check value, once a column with a range asked for it.
        var double: Double
        var hasDouble: Bool
    }

    private static let bits = 12
    private let entries: UnsafeMutablePointer<Entry>

    init() {
        let n = 1 << Self.bits
        entries = .allocate(capacity: n)
        entries.initialize(
            repeating: Entry(mantissa: 0, tag: -1, value: Decimal(), double: 0, hasDouble: false), count: n)
    }

    func free() {
        entries.deinitialize(count: 1 << Self.bits)
        entries.deallocate()
    }

    /// What `FieldParser.parse(b, as: .decimal, range:)` gives on success; nil when it fails.
    @inline(__always)
    func parse(_ b: UnsafeBufferPointer<UInt8>, range: ClosedRange<Double>?) -> Decimal? {
        guard let parts = FieldParser.scanDecimal(b), !parts.overflow else { return nil }
        let tag = parts.scale << 1 | (parts.negative ? 1 : 0)
        let h = (parts.mantissa ^ UInt64(truncatingIfNeeded: tag) &* 0x94D0_49BB_1331_11EB) &* 0x9E37_79B9_7F4A_7C15
        let e = entries + Int(truncatingIfNeeded: h >> UInt64(64 - Self.bits))
        if e.pointee.tag != tag || e.pointee.mantissa != parts.mantissa {
            e.pointee = Entry(
                mantissa: parts.mantissa, tag: tag,
                value: FieldParser.decimal(negative: parts.negative, mantissa: parts.mantissa, scale: parts.scale),
                double: 0, hasDouble: false)
        }
        if let range {
            if !e.pointee.hasDouble {
                e.pointee.double = FieldParser.rangeValue(e.pointee.value)
                e.pointee.hasDouble = true
            }
            if !range.contains(e.pointee.double) { return nil }
        }
        return e.pointee.value
    }
}
