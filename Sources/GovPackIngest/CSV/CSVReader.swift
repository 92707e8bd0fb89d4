import GovPackCore

/// The CSV fast path: an RFC 4180 tokenizer over UTF-8 bytes that hands out fields without copying.
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines end in CR, LF or CRLF;
/// the delimiter (`,`, `;` or tab) is detected from the header line. Blank lines are skipped; a line
/// of delimiters only is a row of empty fields. The header sets the width: short rows are padded
/// with empty fields (a warning), long rows keep their extra fields (an error).
public enum CSVReader {
    static let quote: UInt8 = 0x22
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let nul: UInt8 = 0x00

    /// Decodes, detects the delimiter, and calls `body` for every record, the header first
    /// (record.line == header line).
    ///
    /// Problems go to `diagnostics` with `SourceLocation(file: path, line:, column:)`. Returns false
    /// when the file could not be read at all (undecodable). `delimiter` overrides detection.
    @discardableResult
    public static func read(
        _ bytes: [UInt8], path: String, diagnostics: DiagnosticSink, delimiter: UInt8? = nil,
        body: (CSVRecord) throws -> Void
    ) rethrows -> Bool {
        guard let text = TextDecoder.decode(bytes, path: path, diagnostics: diagnostics) else { return false }
        try text.bytes.withUnsafeBufferPointer { all in
            try tokenize(
                UnsafeBufferPointer(rebasing: all[text.start...]), path: path, diagnostics: diagnostics,
                delimiter: delimiter, body: body)
        }
        return true
    }

    /// The delimiter of the header line: whichever of `,` `;` and tab occurs most often outside
    /// quotes on the first non-blank line (ties go to comma, then `;`); comma when none occurs.
    public static func detectDelimiter(_ text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var i = 0
        let n = text.count
        while i < n, text[i] == cr || text[i] == lf { i += 1 }
        var comma = 0, semicolon = 0, tab = 0
        var inQuotes = false
        while i < n {
            let c = text[i]
            if c == quote {
                inQuotes.toggle()
            } else if !inQuotes {
                switch c {
                case 0x2C: comma += 1
                case 0x3B: semicolon += 1
                case 0x09: tab += 1
                case cr, lf: i = n
                default: break
                }
            }
            i += 1
        }
        if semicolon > comma && semicolon >= tab { return 0x3B }
        if tab > comma && tab > semicolon { return 0x09 }
        return 0x2C
    }

    /// Tokenizes text that is already valid UTF-8 (see `TextDecoder`), calling `body` for every
    /// record, the header first.
    public static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, path: String, diagnostics: DiagnosticSink, delimiter: UInt8? = nil,
        body: (CSVRecord) throws -> Void
    ) rethrows {
        guard let p = text.baseAddress, text.count > 0 else { return }
        let n = text.count
        let delim = delimiter ?? detectDelimiter(text)

        // Bit 1: the byte interrupts an unquoted field; bit 2: it interrupts a quoted one.
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for c in [quote, cr, lf, nul] { table[Int(c)] = 3 }
        table[Int(delim)] |= 1
        // Records of plain fields take `plainRecord` unless the delimiter is itself a byte the
        // general path treats apart (possible only when the caller sets it).
        let plainFirst = table[Int(delim)] == 1
        var spanCapacity = 64
        var spans = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity)
        var scratchCapacity = 4096
        var scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchCapacity)
        defer {
            table.deallocate()
            spans.deallocate()
            scratch.deallocate()
        }

        func location(_ line: Int, _ lineStart: Int, _ offset: Int) -> SourceLocation {
            SourceLocation(file: path, line: line, column: CSVPosition.column(p, lineStart: lineStart, offset: offset))
        }
        var firstNul: SourceLocation?
        var nulCount = 0
        func noteNul(_ line: Int, _ lineStart: Int, _ offset: Int) {
            if firstNul == nil { firstNul = location(line, lineStart, offset) }
            nulCount += 1
        }

        var i = 0
        var line = 1
        var lineStart = 0
        var width = -1  // the header's field count, once read

        records: while i < n {
            let first = p[i]
            if first == lf || first == cr {
                i += 1
                if first == cr && i < n && p[i] == lf { i += 1 }
                line += 1
                lineStart = i
                continue
            }
            let recordLine = line
            var nf = 0
            var used = 0  // bytes of scratch in use by this record

            if plainFirst, let plain = plainRecord(
                p, n, from: i, table: table, delimiter: delim, spans: spans, capacity: spanCapacity, line: line,
                lineStart: lineStart)
            {
                i = plain.end
                nf = plain.count
            } else {
                fields: while true {
                    if nf == spanCapacity { grow(&spans, &spanCapacity, keeping: nf) }
                    let origin = i
                    let fieldLine = line
                    let fieldLineStart = lineStart
                    if i < n && p[i] == quote {
                        // MARK: Quoted field
                        i += 1
                        var segment = i  // start of the bytes not yet copied to scratch
                        var inScratch = false
                        var scratchStart = used
                        var contentEnd = -1
                        while i < n {
                            while i < n && table[Int(p[i])] & 2 == 0 { i += 1 }
                            guard i < n else { break }
                            let c = p[i]
                            if c == quote {
                                if i + 1 < n && p[i + 1] == quote {
                                    if !inScratch { inScratch = true; scratchStart = used }
                                    append(p + segment, i + 1 - segment, &scratch, &scratchCapacity, &used)
                                    i += 2
                                    segment = i
                                    continue
                                }
                                contentEnd = i
                                i += 1
                                break
                            } else if c == lf {
                                i += 1
                                line += 1
                                lineStart = i
                            } else if c == cr {
                                i += 1
                                if i < n && p[i] == lf { i += 1 }
                                line += 1
                                lineStart = i
                            } else {
                                noteNul(line, lineStart, i)
                                i += 1
                            }
                        }
                        if contentEnd < 0 {
                            diagnostics.emit(
                                IngestID.unterminatedQuote, .error,
                                "this quote is never closed; the record from line \(recordLine) to the end of the file was not read",
                                at: location(fieldLine, fieldLineStart, origin),
                                hint: "close the quoted value with \" and write a quote inside it as \"\"")
                            break records
                        }
                        if i < n && p[i] != delim && p[i] != cr && p[i] != lf {
                            diagnostics.emit(
                                IngestID.textAfterQuote, .warning,
                                "text follows the closing quote of a quoted value; it was kept as part of the value",
                                at: location(line, lineStart, i),
                                hint: "put the whole value inside the quotes, writing a quote inside it as \"\"")
                            if !inScratch { inScratch = true; scratchStart = used }
                            append(p + segment, contentEnd - segment, &scratch, &scratchCapacity, &used)
                            let tail = i
                            while i < n && p[i] != delim && p[i] != cr && p[i] != lf {
                                if p[i] == nul { noteNul(line, lineStart, i) }
                                i += 1
                            }
                            append(p + tail, i - tail, &scratch, &scratchCapacity, &used)
                        } else if inScratch {
                            append(p + segment, contentEnd - segment, &scratch, &scratchCapacity, &used)
                        }
                        spans[nf] = inScratch
                            ? FieldSpan(
                                start: scratchStart, count: used - scratchStart, origin: origin,
                                lineStart: fieldLineStart, line: fieldLine, inScratch: true)
                            : FieldSpan(
                                start: origin + 1, count: contentEnd - origin - 1, origin: origin,
                                lineStart: fieldLineStart, line: fieldLine, inScratch: false)
                    } else {
                        // MARK: Unquoted field
                        var warned = false
                        while true {
                            while i < n && table[Int(p[i])] & 1 == 0 { i += 1 }
                            guard i < n else { break }
                            let c = p[i]
                            if c == quote {
                                if !warned {
                                    warned = true
                                    diagnostics.emit(
                                        IngestID.quoteInUnquotedField, .warning,
                                        "a quote inside a value that does not start with one; it was kept as text",
                                        at: location(line, lineStart, i),
                                        hint: "quote the whole value and write the quote as \"\"")
                                }
                                i += 1
                            } else if c == nul {
                                noteNul(line, lineStart, i)
                                i += 1
                            } else {
                                break
                            }
                        }
                        spans[nf] = FieldSpan(
                            start: origin, count: i - origin, origin: origin, lineStart: fieldLineStart,
                            line: fieldLine, inScratch: false)
                    }
                    nf += 1
                    if i < n && p[i] == delim {
                        i += 1
                        continue fields
                    }
                    break fields
                }
            }

            // The record ends at a line break or the end of the text.
            let end = i
            let endLine = line
            let endLineStart = lineStart
            if i < n {
                let c = p[i]
                i += 1
                if c == cr && i < n && p[i] == lf { i += 1 }
                line += 1
                lineStart = i
            }

            if width < 0 {
                width = nf
                checkHeader(spans, nf, p, scratch, path: path, diagnostics: diagnostics)
            } else if nf < width {
                diagnostics.emit(
                    IngestID.raggedRow, .warning,
                    "this row has \(nf) field\(nf == 1 ? "" : "s") but the header has \(width); the missing ones are read as empty",
                    at: location(endLine, endLineStart, end),
                    hint: "add the missing delimiters so every row has one field per column")
                if width > spanCapacity { grow(&spans, &spanCapacity, keeping: nf, atLeast: width) }
                while nf < width {
                    spans[nf] = FieldSpan(
                        start: end, count: 0, origin: end, lineStart: endLineStart, line: endLine, inScratch: false)
                    nf += 1
                }
            } else if nf > width {
                let extra = spans[width]
                diagnostics.emit(
                    IngestID.raggedRow, .error,
                    "this row has \(nf) fields but the header has \(width); the fields from here on have no column",
                    at: location(extra.line, extra.lineStart, extra.origin),
                    hint: "a value holding the delimiter must be quoted; or add a name for the column to the header")
            }
            try body(CSVRecord(line: recordLine, count: nf, input: p, scratch: scratch, spans: spans))
        }

        if let firstNul {
            diagnostics.emit(
                IngestID.nulByte, .error,
                nulCount == 1
                    ? "a NUL byte (0x00) in the text"
                    : "\(nulCount) NUL bytes (0x00) in the text, the first here",
                at: firstNul,
                hint: nulCount * 4 >= n
                    ? "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (Excel: Save As > CSV UTF-8)"
                    : "remove the NUL bytes; they are not text")
        }
    }
}

// MARK: - Helpers

private extension CSVReader {
    /// The fields of a record that holds no quote and no NUL byte, from `start` to the line
    /// break or the end of the text: its end (at the line break) and field count. Nil when the
    /// record holds a quote or a NUL or has more fields than `capacity`: the general loop then
    /// reads it from `start` (this reports nothing, so nothing is reported twice).
    ///
    /// Most records are plain; the general loop, with its quoted-field and diagnostic state
    /// live, spent about 60 instructions a field on register traffic alone.
    @inline(__always)
    static func plainRecord(
        _ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, table: UnsafePointer<UInt8>, delimiter: UInt8,
        spans: UnsafeMutablePointer<FieldSpan>, capacity: Int, line: Int, lineStart: Int
    ) -> (end: Int, count: Int)? {
        var i = start
        var nf = 0
        while true {
            guard nf < capacity else { return nil }
            let origin = i
            while i < n && table[Int(p[i])] & 1 == 0 { i += 1 }
            spans[nf] = FieldSpan(
                start: origin, count: i - origin, origin: origin, lineStart: lineStart, line: line, inScratch: false)
            nf += 1
            guard i < n else { return (i, nf) }
            let c = p[i]
            if c == delimiter {
                i += 1
                continue
            }
            return c == lf || c == cr ? (i, nf) : nil
        }
    }

    @inline(__always)
    static func append(
        _ src: UnsafePointer<UInt8>, _ count: Int, _ buffer: inout UnsafeMutablePointer<UInt8>,
        _ capacity: inout Int, _ used: inout Int
    ) {
        guard count > 0 else { return }
        if used + count > capacity {
            var newCapacity = capacity * 2
            while newCapacity < used + count { newCapacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.update(from: buffer, count: used)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        (buffer + used).update(from: src, count: count)
        used += count
    }

    static func grow(
        _ spans: inout UnsafeMutablePointer<FieldSpan>, _ capacity: inout Int, keeping count: Int, atLeast: Int = 0
    ) {
        var newCapacity = capacity * 2
        while newCapacity < atLeast { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: newCapacity)
        bigger.moveInitialize(from: spans, count: count)
        spans.deallocate()
        spans = bigger
        capacity = newCapacity
    }

    /// Header names are compared case-insensitively after trimming, as the typing layer matches them.
    static func checkHeader(
        _ spans: UnsafeMutablePointer<FieldSpan>, _ count: Int, _ p: UnsafePointer<UInt8>,
        _ scratch: UnsafePointer<UInt8>, path: String, diagnostics: DiagnosticSink
    ) {
        let header = CSVRecord(line: spans[0].line, count: count, input: p, scratch: scratch, spans: spans)
        if isPlainHeader(header) { return }
        func location(_ k: Int) -> SourceLocation {
            SourceLocation(file: path, line: header.line(k), column: header.column(k))
        }
        var seen: [String: Int] = [:]
        for k in 0..<count {
            let name = trimmed(header.string(k))
            if name.isEmpty {
                diagnostics.emit(
                    IngestID.emptyHeader, .warning,
                    "header field \(k + 1) has no name; its values cannot be matched to a column",
                    at: location(k), hint: "name the column, or delete it if it holds nothing")
                continue
            }
            let key = name.lowercased()
            if let earlier = seen[key] {
                let earlierName = trimmed(header.string(earlier))
                diagnostics.emit(
                    IngestID.duplicateHeader, .error,
                    "header field \(k + 1) \"\(name)\" repeats field \(earlier + 1) \"\(earlierName)\"; the later column is ignored",
                    at: location(k), related: [location(earlier)],
                    hint: "rename or delete one of the two columns")
            } else {
                seen[key] = k
            }
        }
    }

    /// Whether a header certainly has nothing to report: every name ASCII with no blank at
    /// either end (so trimming leaves it as it is), and no two names equal ignoring ASCII case.
    /// The usual header, checked on its bytes: making, trimming and folding a `String` per name
    /// and hashing it cost more than reading a small file's rows (this runs for every file).
    /// Anything else takes the full check.
    static func isPlainHeader(_ header: CSVRecord) -> Bool {
        // Names are compared pairwise: fine for a contract's dozen columns, not for a header of
        // thousands (which the full check's dictionary handles).
        guard header.count <= 64 else { return false }
        @inline(__always) func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        for k in 0..<header.count {
            let f = header.field(k)
            guard let first = f.first, let last = f.last, first > 0x20, last > 0x20 else { return false }
            for c in f where c >= 0x7F { return false }
            for j in 0..<k {
                let g = header.field(j)
                guard g.count == f.count else { continue }
                var i = 0
                while i < f.count && fold(f[i]) == fold(g[i]) { i += 1 }
                if i == f.count { return false }
            }
        }
        return true
    }

    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
