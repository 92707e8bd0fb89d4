import Foundation

/// Why a field's text is not a valid value of its type.
public enum FieldParseError: Error, Equatable, Sendable {
    case invalid(expected: String, hint: String?)
    case outOfRange(ClosedRange<Double>)
}

/// The contract's parsing rules for field text, over UTF-8 bytes (no `String` work on the hot path
/// except for text fields themselves).
public enum FieldParser {
    /// Parses a non-empty, already trimmed field. Empty fields are "missing" and never reach here.
    public static func parse(
        _ b: UnsafeBufferPointer<UInt8>, as type: FieldType, range: ClosedRange<Double>? = nil
    ) -> Result<FieldValue, FieldParseError> {
        let value: FieldValue
        switch type {
        case .text:
            return .success(.text(String(decoding: b, as: UTF8.self)))
        case .int:
            guard let i = parseInt(b) else {
                return .failure(.invalid(expected: "a whole number", hint: nil))
            }
            value = .int(i)
        case .decimal:
            guard let d = parseDecimal(b) else {
                return .failure(.invalid(expected: "a plain decimal number", hint: decimalHint(b)))
            }
            value = .decimal(d)
        case .date:
            guard let d = Day(bytes: b) else {
                return .failure(.invalid(expected: "a date as YYYY-MM-DD", hint: nil))
            }
            return .success(.date(d))
        case .period:
            guard let p = Period(bytes: b) else {
                return .failure(.invalid(expected: "a period as YYYY-MM", hint: nil))
            }
            return .success(.period(p))
        case .bool:
            guard let v = parseBool(b) else {
                return .failure(.invalid(expected: "Y/N, yes/no, true/false or 1/0", hint: nil))
            }
            return .success(.bool(v))
        case .rag:
            guard let r = parseRAG(b) else {
                return .failure(.invalid(expected: "R, A or G (or Red, Amber, Green)", hint: nil))
            }
            return .success(.rag(r))
        case .enumeration(let allowed):
            guard let match = allowed.first(where: { equalsIgnoringASCIICase(b, $0) }) else {
                return .failure(.invalid(expected: "one of " + allowed.joined(separator: ", "), hint: nil))
            }
            return .success(.text(match))
        }
        if let range {
            let x: Double
            switch value {
            case .int(let i): x = Double(i)
            case .decimal(let d): x = rangeValue(d)
            default: return .success(value)
            }
            if !range.contains(x) { return .failure(.outOfRange(range)) }
        }
        return .success(value)
    }

    /// String convenience for tests, rule examples and configuration.
    public static func parse(_ text: String, as type: FieldType, range: ClosedRange<Double>? = nil)
        -> Result<FieldValue, FieldParseError>
    {
        var t = text
        return t.withUTF8 { parse($0, as: type, range: range) }
    }

    /// `[+-]?digits`, no separators, fits in Int.
    @inlinable
    public static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            let d = b[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(d))
            if o1 || o2 { return nil }
            v = a
            i += 1
        }
        return negative ? -v : v
    }

    /// `[+-]?digits[.digits]` (also `.5` and `5.`), exact; no thousands separators, no symbols.
    public static func parseDecimal(_ b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        guard let parts = scanDecimal(b) else { return nil }
        if parts.overflow {
            return Decimal(string: String(decoding: b, as: UTF8.self), locale: Locale(identifier: "en_US_POSIX"))
        }
        return decimal(negative: parts.negative, mantissa: parts.mantissa, scale: parts.scale)
    }

    /// The parts of a decimal as `parseDecimal` reads them: nil when the text is not a decimal;
    /// `overflow` when the digits do not fit a `UInt64` (then `parseDecimal` reads the text).
    @inlinable @inline(__always)
    public static func scanDecimal(_ b: UnsafeBufferPointer<UInt8>)
        -> (negative: Bool, mantissa: UInt64, scale: Int, overflow: Bool)?
    {
        var i = 0
        var negative = false
        if i < b.count, b[i] == 0x2D || b[i] == 0x2B { negative = b[i] == 0x2D; i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var seenPoint = false
        var overflow = false
        while i < b.count {
            let c = b[i]
            if c == 0x2E {
                if seenPoint { return nil }
                seenPoint = true
            } else {
                let d = c &- 0x30
                guard d < 10 else { return nil }
                digits += 1
                if seenPoint { scale += 1 }
                let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(d))
                if o1 || o2 { overflow = true } else { mantissa = a }
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        return (negative, mantissa, scale, overflow)
    }

    /// The `Decimal` that `parseDecimal` makes from the parts `scanDecimal` read (no overflow).
    public static func decimal(negative: Bool, mantissa: UInt64, scale: Int) -> Decimal {
        Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(mantissa))
    }

    /// A decimal as the range check sees it.
    public static func rangeValue(_ d: Decimal) -> Double {
        NSDecimalNumber(decimal: d).doubleValue
    }

    public static func parseBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        for t in ["y", "yes", "true", "1"] where equalsIgnoringASCIICase(b, t) { return true }
        for f in ["n", "no", "false", "0"] where equalsIgnoringASCIICase(b, f) { return false }
        return nil
    }

    public static func parseRAG(_ b: UnsafeBufferPointer<UInt8>) -> RAG? {
        if b.count == 1 {
            switch b[0] | 0x20 {
            case UInt8(ascii: "r"): return .red
            case UInt8(ascii: "a"): return .amber
            case UInt8(ascii: "g"): return .green
            default: return nil
            }
        }
        if equalsIgnoringASCIICase(b, "red") { return .red }
        if equalsIgnoringASCIICase(b, "amber") { return .amber }
        if equalsIgnoringASCIICase(b, "green") { return .green }
        return nil
    }

    /// Byte comparison that folds ASCII letters only (the contract's keywords are ASCII).
    @inline(__always)
    static func equalsIgnoringASCIICase(_ b: UnsafeBufferPointer<UInt8>, _ s: String) -> Bool {
        let u = s.utf8
        guard u.count == b.count else { return false }
        var i = 0
        for c in u {
            var x = b[i]
            if x >= 0x41 && x <= 0x5A { x |= 0x20 }
            var y = c
            if y >= 0x41 && y <= 0x5A { y |= 0x20 }
            if x != y { return false }
            i += 1
        }
        return true
    }

    /// Says what is wrong with a number as Excel users typically write it.
    static func decimalHint(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let s = String(decoding: b, as: UTF8.self)
        if s.contains(",") || s.filter({ $0 == "." }).count > 1 || s.contains(" ") || s.contains("'") {
            return "write numbers without thousands separators and with '.' for decimals (e.g. 1250000.50)"
        }
        if s.contains(where: { "$€£¥".contains($0) }) || s.uppercased().hasSuffix("EUR") {
            return "leave out the currency symbol; the project's currency column says which currency"
        }
        if s.hasSuffix("%") { return "write percentages as plain numbers (e.g. 45 for 45%)" }
        return nil
    }
}
