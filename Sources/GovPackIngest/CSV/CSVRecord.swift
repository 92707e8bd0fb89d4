/// Where one field lies: in the input (unquoted, or quoted without escapes) or in the scratch buffer.
struct FieldSpan {
    /// Offset of the value's first byte in the input, or in scratch when `inScratch`.
    var start: Int
    var count: Int
    /// Offset in the input where the field starts (its opening quote when quoted).
    var origin: Int
    /// Offset in the input where the line holding `origin` starts.
    var lineStart: Int
    var line: Int
    var inScratch: Bool
}

/// One record of a CSV file, handed to the reader's callback; valid only during that call.
///
/// Field bytes are UTF-8, unescaped (surrounding quotes removed, `""` turned into `"`) and point into
/// the input or a scratch buffer, so nothing is copied unless the caller copies it.
public struct CSVRecord {
    /// The line where the record starts.
    public var line: Int
    /// The number of fields: at least the header's width (missing trailing fields of a short row
    /// are empty), more when the row has extra fields.
    public var count: Int

    let input: UnsafePointer<UInt8>
    let scratch: UnsafePointer<UInt8>
    let spans: UnsafePointer<FieldSpan>

    /// The unescaped bytes of field `i` (0-based).
    @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(i >= 0 && i < count, "field index out of range")
        let s = spans[i]
        return UnsafeBufferPointer(start: (s.inScratch ? scratch : input) + s.start, count: s.count)
    }

    /// The 1-based column, in Unicode scalars, where field `i` starts (its opening quote when quoted).
    public func column(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "field index out of range")
        let s = spans[i]
        return CSVPosition.column(input, lineStart: s.lineStart, offset: s.origin)
    }

    /// The line where field `i` starts; later than `line` after a quoted line break.
    public func line(_ i: Int) -> Int {
        precondition(i >= 0 && i < count, "field index out of range")
        return spans[i].line
    }

    /// Field `i` as a `String` (for headers, messages and tests; the hot path uses `field(_:)`).
    public func string(_ i: Int) -> String {
        String(decoding: field(i), as: UTF8.self)
    }
}

/// Columns are computed only when asked for (diagnostics), from byte offsets, in one place.
enum CSVPosition {
    /// 1 + the number of Unicode scalars in `lineStart..<offset`; the input is valid UTF-8, so
    /// every byte that is not a continuation byte starts a scalar.
    @inline(__always)
    static func column(_ p: UnsafePointer<UInt8>, lineStart: Int, offset: Int) -> Int {
        var column = 1
        var i = lineStart
        while i < offset {
            if p[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }
}
