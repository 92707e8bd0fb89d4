import GovPackCore
import Testing
@testable import GovPackIngest

// MARK: - Helpers shared by the CSV tests

/// What one read produced: the records as strings, their lines, and the diagnostics in order.
struct CSVParse {
    var ok: Bool
    var rows: [[String]]
    var lines: [Int]
    var diagnostics: [Diagnostic]

    /// Diagnostics reduced to what the tests compare: id, severity, line, column.
    var found: [Expected] {
        diagnostics.map { Expected($0.id, $0.severity, $0.location?.line ?? 0, $0.location?.column ?? 0) }
    }
}

/// An expected diagnostic, checked whole (the file is always the path given to the reader).
struct Expected: Equatable, CustomStringConvertible {
    var id: String
    var severity: Severity
    var line: Int
    var column: Int

    init(_ id: String, _ severity: Severity, _ line: Int, _ column: Int) {
        self.id = id
        self.severity = severity
        self.line = line
        self.column = column
    }

    var description: String { "\(line):\(column) \(severity) \(id)" }
}

func parseCSV(_ bytes: [UInt8], path: String = "t.csv") -> CSVParse {
    let sink = DiagnosticSink()
    var rows: [[String]] = []
    var lines: [Int] = []
    let ok = CSVReader.read(bytes, path: path, diagnostics: sink) { record in
        rows.append((0..<record.count).map { record.string($0) })
        lines.append(record.line)
    }
    let diagnostics = sink.all
    for d in diagnostics {
        #expect(d.location?.file == path, "diagnostic \(d.id) names the wrong file")
    }
    return CSVParse(ok: ok, rows: rows, lines: lines, diagnostics: diagnostics)
}

func parseCSV(_ text: String, path: String = "t.csv") -> CSVParse {
    parseCSV(Array(text.utf8), path: path)
}

/// UTF-16 bytes of `text` with a byte-order mark.
func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for u in text.utf16 {
        let hi = UInt8(u >> 8), lo = UInt8(u & 0xFF)
        out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
}

// MARK: - Defects and conventions, table-driven

struct CSVCase: CustomTestStringConvertible, Sendable {
    var name: String
    var input: [UInt8]
    var rows: [[String]]
    var diagnostics: [Expected]
    var ok = true

    var testDescription: String { name }

    init(_ name: String, _ input: String, _ rows: [[String]], _ diagnostics: [Expected] = []) {
        self.name = name
        self.input = Array(input.utf8)
        self.rows = rows
        self.diagnostics = diagnostics
    }

    init(_ name: String, bytes: [UInt8], _ rows: [[String]], _ diagnostics: [Expected] = [], ok: Bool = true) {
        self.name = name
        input = bytes
        self.rows = rows
        self.diagnostics = diagnostics
        self.ok = ok
    }
}

extension Expected: Sendable {}

private let E = IngestID.self

let structureCases: [CSVCase] = [
    CSVCase("plain rows", "a,b\n1,2\n3,4\n", [["a", "b"], ["1", "2"], ["3", "4"]]),
    CSVCase("last line without a line break", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
    CSVCase("trailing delimiter at the end of the text", "a,b\n1,", [["a", "b"], ["1", ""]]),
    CSVCase("quoted delimiter", "a,b\n\"x,y\",2\n", [["a", "b"], ["x,y", "2"]]),
    CSVCase("doubled quotes, two escaped fields in one record",
            "a,b\n\"x\"\"y\",\"\"\"z\"\"\"\n", [["a", "b"], ["x\"y", "\"z\""]]),
    CSVCase("empty quoted field", "a,b\n\"\",2\n", [["a", "b"], ["", "2"]]),
    CSVCase("LF inside a quoted field", "a,b\n\"x\ny\",2\n", [["a", "b"], ["x\ny", "2"]]),
    CSVCase("CRLF inside a quoted field is kept as is", "a,b\r\n\"x\r\ny\",2\r\n3,4\r\n",
            [["a", "b"], ["x\r\ny", "2"], ["3", "4"]]),
    CSVCase("CR-only line endings", "a,b\r1,2\r3,4", [["a", "b"], ["1", "2"], ["3", "4"]]),
    CSVCase("blank lines are skipped, a line of delimiters is not blank", "\na,b\n\n,\n\r\n\r1,2\n\n",
            [["a", "b"], ["", ""], ["1", "2"]]),
    CSVCase("semicolon detected", "a;b;c\n1;\"x;y\";3,5\n", [["a", "b", "c"], ["1", "x;y", "3,5"]]),
    CSVCase("tab detected", "a\tb\n1,5\t2\n", [["a", "b"], ["1,5", "2"]]),
    CSVCase("delimiters inside quotes do not count for detection", "\"a;b;c\",d\n1,2\n",
            [["a;b;c", "d"], ["1", "2"]]),
    CSVCase("a tie goes to comma", "a,b;c\n1,2;3\n", [["a", "b;c"], ["1", "2;3"]]),
    CSVCase("single column", "name\nx\n", [["name"], ["x"]]),
    CSVCase("empty file", "", []),
    CSVCase("only blank lines", "\n\r\n\n", []),
    CSVCase("byte-order mark only", bytes: [0xEF, 0xBB, 0xBF], []),
    CSVCase("header only", "a,b,c", [["a", "b", "c"]]),
    CSVCase("header only, with line break", "a,b,c\r\n", [["a", "b", "c"]]),

    // Defects: id, severity, line, column worked out by hand.
    CSVCase("unterminated quote: the record is dropped, the error points at the opening quote",
            "a,b\n1,2\n3,\"x\n4,5\n", [["a", "b"], ["1", "2"]],
            [Expected(E.unterminatedQuote, .error, 3, 3)]),
    CSVCase("unterminated quote columns count scalars, not bytes",
            "a,b\n日本,\"x\n", [["a", "b"]], [Expected(E.unterminatedQuote, .error, 2, 4)]),
    CSVCase("stray quote kept literally, one warning per field",
            "a,b\n1,x\"y\"z\n", [["a", "b"], ["1", "x\"y\"z"]],
            [Expected(E.quoteInUnquotedField, .warning, 2, 4)]),
    CSVCase("text after the closing quote is kept, later quotes are literal",
            "a,b\n\"ab\"c\"d,2\n", [["a", "b"], ["abc\"d", "2"]],
            [Expected(E.textAfterQuote, .warning, 2, 5)]),
    CSVCase("short row padded with empty fields, located at the end of the row",
            "a,b,c\n1,2\n", [["a", "b", "c"], ["1", "2", ""]],
            [Expected(E.raggedRow, .warning, 2, 4)]),
    CSVCase("long row keeps its extra fields, located at the first extra one",
            "a,b\n1,2,3,4\n", [["a", "b"], ["1", "2", "3", "4"]],
            [Expected(E.raggedRow, .error, 2, 5)]),
    CSVCase("duplicate header, case-insensitive and trimmed",
            "id,Name, name \n1,x,y\n", [["id", "Name", " name "], ["1", "x", "y"]],
            [Expected(E.duplicateHeader, .error, 1, 9)]),
    CSVCase("duplicate header differing in ASCII case only", "ID,id\n1,2\n", [["ID", "id"], ["1", "2"]],
            [Expected(E.duplicateHeader, .error, 1, 4)]),
    CSVCase("duplicate header differing in non-ASCII case", "É,é\n1,2\n", [["É", "é"], ["1", "2"]],
            [Expected(E.duplicateHeader, .error, 1, 3)]),
    CSVCase("header name ending in a tab is trimmed", "a\t,a\n1,2\n", [["a\t", "a"], ["1", "2"]],
            [Expected(E.duplicateHeader, .error, 1, 4)]),
    CSVCase("empty header name", "a,,c\n1,2,3\n", [["a", "", "c"], ["1", "2", "3"]],
            [Expected(E.emptyHeader, .warning, 1, 3)]),
    CSVCase("blank header name", "a, ,c\n1,2,3\n", [["a", " ", "c"], ["1", "2", "3"]],
            [Expected(E.emptyHeader, .warning, 1, 3)]),
    CSVCase("NUL byte is an error, reported once with the first place", "a,b\n1,x\0y\n2,\0\n",
            [["a", "b"], ["1", "x\0y"], ["2", "\0"]], [Expected(E.nulByte, .error, 2, 4)]),
    CSVCase("NUL inside a quoted field", "a\n\"x\n\0\"\n", [["a"], ["x\n\0"]],
            [Expected(E.nulByte, .error, 3, 1)]),
]

@Test(arguments: structureCases)
func csvStructure(_ c: CSVCase) {
    let r = parseCSV(c.input)
    #expect(r.ok == c.ok)
    #expect(r.rows == c.rows)
    #expect(r.found == c.diagnostics)
}

// MARK: - Encodings

let encodingCases: [CSVCase] = [
    CSVCase("UTF-8 byte-order mark stripped", bytes: [0xEF, 0xBB, 0xBF] + Array("név,b\n1,2\n".utf8),
            [["név", "b"], ["1", "2"]]),
    CSVCase("Windows-1252 é", bytes: Array("name\ncaf".utf8) + [0xE9] + [0x0A], [["name"], ["café"]],
            [Expected(E.encodingConverted, .info, 0, 0)]),
    CSVCase("Windows-1252 0x80-0x9F block and Latin-1 half",
            bytes: [0x61, 0x0D, 0x0A, 0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x9F, 0xFF, 0xA0],
            [["a"], ["€ “q” Ÿÿ\u{A0}"]], [Expected(E.encodingConverted, .info, 0, 0)]),
    CSVCase("Windows-1252 undefined byte 0x81", bytes: Array("a,b\nx,".utf8) + [0xE9, 0x81] + [0x0A], [],
            [Expected(E.undecodable, .error, 2, 4)], ok: false),
    CSVCase("invalid UTF-8 next to valid multi-byte UTF-8 is not guessed as Windows-1252",
            bytes: Array("a,b\n1,café\n2,x".utf8) + [0xFF] + Array("y\n".utf8), [],
            [Expected(E.invalidUTF8, .error, 3, 4)], ok: false),
    CSVCase("overlong encoding", bytes: Array("é,".utf8) + [0xE0, 0x80, 0xAF], [],
            [Expected(E.invalidUTF8, .error, 1, 3)], ok: false),
    CSVCase("encoded surrogate", bytes: Array("é\nab".utf8) + [0xED, 0xA0, 0x80], [],
            [Expected(E.invalidUTF8, .error, 2, 3)], ok: false),
    CSVCase("truncated sequence at the end", bytes: Array("é\n".utf8) + [0xE2, 0x82], [],
            [Expected(E.invalidUTF8, .error, 2, 1)], ok: false),
    CSVCase("above U+10FFFF", bytes: Array("é,".utf8) + [0xF4, 0x90, 0x80, 0x80], [],
            [Expected(E.invalidUTF8, .error, 1, 3)], ok: false),
    CSVCase("after a UTF-8 byte-order mark, bad bytes are an error, not Windows-1252",
            bytes: [0xEF, 0xBB, 0xBF] + Array("a\r\nx".utf8) + [0xE9], [],
            [Expected(E.invalidUTF8, .error, 2, 2)], ok: false),
    CSVCase("UTF-16LE with byte-order mark", bytes: utf16("a,b\r\né,😄\n", bigEndian: false),
            [["a", "b"], ["é", "😄"]]),
    CSVCase("UTF-16BE with byte-order mark", bytes: utf16("a;b\nü;\"x\"\"y\"\n", bigEndian: true),
            [["a", "b"], ["ü", "x\"y"]]),
    CSVCase("UTF-16LE lone high surrogate",
            bytes: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62, 0x00, 0x00, 0xD8, 0x63, 0x00], [],
            [Expected(E.undecodable, .error, 2, 2)], ok: false),
    CSVCase("UTF-16BE odd byte count", bytes: [0xFE, 0xFF, 0x00, 0x61, 0x00], [],
            [Expected(E.undecodable, .error, 1, 2)], ok: false),
]

@Test(arguments: encodingCases)
func csvEncoding(_ c: CSVCase) {
    let r = parseCSV(c.input)
    #expect(r.ok == c.ok)
    #expect(r.rows == c.rows)
    #expect(r.found == c.diagnostics)
}

// MARK: - Locations

@Test func fieldLocationsCountScalarsAndFollowQuotedLineBreaks() {
    let text = "id,name,note\r\n7,\"Zoë\",\"line one\r\nline two\",x\n\"日本\",😄,\"q\"\n"
    var seen: [[String]] = []
    CSVReader.read(Array(text.utf8), path: "t.csv", diagnostics: DiagnosticSink()) { r in
        seen.append((0..<r.count).map { "\(r.line($0)):\(r.column($0))" } + ["record \(r.line)"])
    }
    #expect(seen == [
        ["1:1", "1:4", "1:9", "record 1"],
        // `x` is a fourth field: a long row, still located on line 3 after the quoted break.
        ["2:1", "2:3", "2:9", "3:11", "record 2"],
        ["4:1", "4:6", "4:8", "record 4"],
    ])
}

@Test func shortRowPaddingPointsAtTheEndOfTheRow() {
    CSVReader.read(Array("a,b,c\nxy\n".utf8), path: "t.csv", diagnostics: DiagnosticSink()) { r in
        guard r.line == 2 else { return }
        #expect(r.count == 3)
        #expect(r.field(1).count == 0 && r.field(2).count == 0)
        #expect(r.column(1) == 3 && r.line(2) == 2)
    }
}

@Test func unescapedFieldsPointIntoTheInput() {
    // Zero-copy: an unquoted field and a quoted field without escapes are views of the input.
    let bytes = Array("a,b\nplain,\"quoted\"\n".utf8)
    bytes.withUnsafeBufferPointer { input in
        guard let base = input.baseAddress else { return }
        CSVReader.tokenize(input, path: "t.csv", diagnostics: DiagnosticSink()) { r in
            guard r.line == 2 else { return }
            #expect(r.field(0).baseAddress == base + 4)
            #expect(r.field(1).baseAddress == base + 11)
            #expect(r.field(1).count == 6)
        }
    }
}

@Test func duplicateHeaderNamesBothColumns() {
    let r = parseCSV("Budget,x,budget\n1,2,3\n")
    #expect(r.diagnostics.count == 1)
    let d = r.diagnostics.first
    #expect(d?.id == IngestID.duplicateHeader)
    #expect(d?.location == SourceLocation(file: "t.csv", line: 1, column: 10))
    #expect(d?.related == [SourceLocation(file: "t.csv", line: 1, column: 1)])
    #expect(d?.message.contains("\"budget\"") == true && d?.message.contains("\"Budget\"") == true)
}

@Test func windows1252MessageSaysHowItWasRead() {
    let r = parseCSV(Array("x\n".utf8) + [0xE9])
    #expect(r.diagnostics.first?.message.contains("Windows-1252") == true)
    #expect(r.diagnostics.first?.location == SourceLocation(file: "t.csv"))
}

@Test func recordLinesSkipBlankLinesAndQuotedBreaks() {
    let r = parseCSV("a,b\r\n\r\n\"1\r\n2\",3\r\n\r\n4,5\r\n")
    #expect(r.lines == [1, 3, 6])
    #expect(r.rows == [["a", "b"], ["1\r\n2", "3"], ["4", "5"]])
}

@Test func delimiterOverride() {
    let sink = DiagnosticSink()
    var rows: [[String]] = []
    CSVReader.read(Array("a;b,c\n1;2,3\n".utf8), path: "t.csv", diagnostics: sink, delimiter: 0x3B) { r in
        rows.append((0..<r.count).map { r.string($0) })
    }
    #expect(rows == [["a", "b,c"], ["1", "2,3"]])
}

@Test func manyFieldsAndLongEscapedValuesGrowTheBuffers() {
    let header = (1...200).map { "c\($0)" }.joined(separator: ",")
    let long = String(repeating: "ab\"\"", count: 3000)
    let row = (1...200).map { $0 == 150 ? "\"\(long)\"" : "\($0)" }.joined(separator: ",")
    let r = parseCSV(header + "\n" + row + "\n")
    #expect(r.found == [])
    #expect(r.rows.count == 2)
    #expect(r.rows.last?.count == 200)
    #expect(r.rows.last?[149] == String(repeating: "ab\"", count: 3000))
    #expect(r.rows.last?[199] == "200")
}

@Test func utf16WithoutByteOrderMarkIsNotGuessedButHinted() {
    // "a,b\n1,2\n" as UTF-16LE without a mark: read as bytes, every other one NUL.
    let bytes = Array("a,b\n1,2\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let r = parseCSV(bytes)
    #expect(r.found == [Expected(IngestID.nulByte, .error, 1, 2), Expected(IngestID.raggedRow, .warning, 3, 2)])
    #expect(r.diagnostics.first?.message.contains("8 NUL bytes") == true)
    #expect(r.diagnostics.first?.hint?.contains("UTF-16") == true)
}

@Test(arguments: [
    (bytes: [0xEF, 0xBB, 0xBF, 0x61] as [UInt8], start: 3, encoding: TextEncoding.utf8),
    (bytes: [0x61, 0xC3, 0xA9] as [UInt8], start: 0, encoding: .utf8),
    (bytes: [0x61, 0xE9] as [UInt8], start: 0, encoding: .windows1252),
    (bytes: [0xFF, 0xFE, 0x61, 0x00] as [UInt8], start: 0, encoding: .utf16LE),
    (bytes: [0xFE, 0xFF, 0x00, 0x61] as [UInt8], start: 0, encoding: .utf16BE),
])
func decoderReportsWhatItReadAs(bytes: [UInt8], start: Int, encoding: TextEncoding) throws {
    let text = try #require(TextDecoder.decode(bytes, path: "t.csv", diagnostics: DiagnosticSink()))
    #expect(text.start == start)
    #expect(text.encoding == encoding)
    #expect(String(decoding: text.bytes[text.start...], as: UTF8.self).hasPrefix("a"))
}

// MARK: - Differential check against a plain reference parser

/// The same conventions written the slow, obvious way over arrays: blank lines skipped, text after
/// a closing quote appended, stray quotes literal, an unterminated quote ends the read, short rows
/// padded to the header's width.
private func referenceParse(_ b: [UInt8]) -> [[String]] {
    let q: UInt8 = 0x22, d: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    var records: [[[UInt8]]] = []
    var i = 0
    let n = b.count
    reading: while i < n {
        if b[i] == cr || b[i] == lf {
            i += (b[i] == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
            continue
        }
        var fields: [[UInt8]] = []
        while true {
            var f: [UInt8] = []
            if b[safe: i] == q {
                i += 1
                var closed = false
                while i < n {
                    if b[i] == q {
                        if b[safe: i + 1] == q {
                            f.append(q)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    f.append(b[i])
                    i += 1
                }
                if !closed { break reading }
            }
            while i < n && b[i] != d && b[i] != cr && b[i] != lf {
                f.append(b[i])
                i += 1
            }
            fields.append(f)
            if b[safe: i] == d {
                i += 1
                continue
            }
            break
        }
        if i < n { i += (b[i] == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1 }
        records.append(fields)
    }
    let width = records.first?.count ?? 0
    return records.map { r in
        (r + Array(repeating: [], count: max(0, width - r.count))).map { String(decoding: $0, as: UTF8.self) }
    }
}

private extension Array where Element == UInt8 {
    subscript(safe i: Int) -> UInt8? { i < count ? self[i] : nil }
}

/// A fixed xorshift sequence, so that a failure of a randomised test is reproducible.
private struct XorShift {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return Int(state % UInt64(bound))
    }
}

@Test func randomInputsAgreeWithTheReferenceParser() {
    var random = XorShift(0x9E37_79B9_7F4A_7C15)
    func next(_ bound: Int) -> Int { random.next(bound) }
    let pieces: [[UInt8]] = [[0x61], [0x62], [0x2C], [0x2C], [0x22], [0x22, 0x22], [0x0A], [0x0D], [0x0D, 0x0A],
                             [0x20], Array("é".utf8), Array("😄".utf8), [0x31, 0x32]]
    var mismatches = 0
    for _ in 0..<3000 {
        var input: [UInt8] = []
        for _ in 0..<next(40) { input += pieces[next(pieces.count)] }
        var rows: [[String]] = []
        CSVReader.read(input, path: "t.csv", diagnostics: DiagnosticSink(), delimiter: 0x2C) { r in
            rows.append((0..<r.count).map { r.string($0) })
        }
        let expected = referenceParse(input)
        if rows != expected {
            mismatches += 1
            if mismatches <= 3 {
                Issue.record("input \(String(decoding: input, as: UTF8.self).debugDescription): \(rows) vs \(expected)")
            }
        }
    }
    #expect(mismatches == 0)
}

/// The line feeds `CSVFormat` reserves rows by, over lengths around the vector widths.
@Test(arguments: [
    ("", 0), ("a", 0), ("\n", 1), ("a\r\nb\n", 2), ("\r\r", 0),
    (String(repeating: "ab,c\n", count: 37), 37), (String(repeating: "\n", count: 129), 129),
    // More line feeds than one byte lane of the word-at-a-time count holds before it is summed.
    (String(repeating: "\n", count: 5003), 5003), (String(repeating: "\n\n\n\n\n\n\nx", count: 700), 4900),
])
func lineCountCountsLineFeeds(_ text: String, _ expected: Int) {
    #expect(CSVFormat.lineCount(Array(text.utf8)) == expected)
}

/// Line feeds counted eight bytes at a time agree with a byte count, wherever they fall in
/// the word and whatever bytes share their low bits (0x8A, 0x0B) or surround them.
@Test func lineCountAgreesWithAByteCount() {
    var random = XorShift(0x2545_F491_4F6C_DD1D)
    func next(_ bound: Int) -> Int { random.next(bound) }
    let alphabet: [UInt8] = [0x0A, 0x0A, 0x8A, 0x0B, 0x09, 0x0D, 0x00, 0xFF, 0x7F, 0x80, 0x61]
    for length in 0..<70 {
        for _ in 0..<20 {
            let bytes = (0..<length).map { _ in alphabet[next(alphabet.count)] }
            #expect(CSVFormat.lineCount(bytes) == bytes.filter { $0 == 0x0A }.count, "\(bytes)")
        }
    }
}

/// Records of plain fields take a shorter loop; a record with a quote or a NUL anywhere is
/// read again from its start by the general one, which reports it once, at the same places.
@Test func plainRecordsHandOverToTheGeneralLoopWithoutReportingTwice() {
    let r = parseCSV("a,b,c\n1,2,3\n4,x\"y,6\n7,\"q,r\",9\n10,1\u{0}1,12\r\n13,14,15")
    #expect(r.rows == [["a", "b", "c"], ["1", "2", "3"], ["4", "x\"y", "6"], ["7", "q,r", "9"], ["10", "1\u{0}1", "12"],
                       ["13", "14", "15"]])
    #expect(r.lines == [1, 2, 3, 4, 5, 6])
    #expect(r.found == [
        Expected(IngestID.quoteInUnquotedField, .warning, 3, 4),
        Expected(IngestID.nulByte, .error, 5, 5),
    ])
}

/// Trimming tests the two ends first; blanks inside are kept.
@Test(arguments: [
    ("", ""), (" ", ""), ("\t\r\n ", ""), ("a", "a"), (" a", "a"), ("a ", "a"), ("\ta b\r\n", "a b"),
    ("a  b", "a  b"), ("\u{A0}a\u{A0}", "\u{A0}a\u{A0}"),
])
func trimRemovesASCIIBlanksAtBothEnds(_ text: String, _ expected: String) {
    var t = text
    let trimmed = t.withUTF8 { String(decoding: TableTyper<Risk>.trim($0), as: UTF8.self) }
    #expect(trimmed == expected)
}
