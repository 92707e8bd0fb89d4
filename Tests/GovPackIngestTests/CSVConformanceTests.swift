import Foundation
import GovPackCore
import GovPackTestSupport
import Testing
@testable import GovPackIngest

/// External suites read in place from `../shared/corpus/csv` (see its MANIFEST.tsv); skipped when absent.
struct CSVConformanceTests {
    static var corpus: URL? { TestPaths.shared?.appendingPathComponent("corpus/csv") }

    static func bytes(_ relative: String) -> [UInt8]? {
        guard let corpus else {
            print(TestPaths.sharedMissing)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: corpus.appendingPathComponent(relative).path) else {
            Issue.record("missing corpus file \(relative)")
            return nil
        }
        return [UInt8](data)
    }

    // MARK: - csv-spectrum

    /// Every csv-spectrum file against its JSON (an array of objects keyed by header name).
    @Test func csvSpectrum() throws {
        guard let corpus = Self.corpus else {
            print(TestPaths.sharedMissing)
            return
        }
        let folder = corpus.appendingPathComponent("csv-spectrum/csvs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count >= 11)
        for name in names {
            let stem = String(name.dropLast(4))
            guard let csv = Self.bytes("csv-spectrum/csvs/\(name)"),
                  let json = Self.bytes("csv-spectrum/json/\(stem).json")
            else { continue }
            let objects = try #require(
                try JSONSerialization.jsonObject(with: Data(json)) as? [[String: String]], "\(stem).json")
            // The stored *_crlf.csv files have lost their CRs (git normalised them), so their
            // expected "\r\n" inside quoted values can only be met when the file still has CRs.
            let fileHasCR = csv.contains(0x0D)
            let expected = objects.map { object in
                object.mapValues { fileHasCR ? $0 : $0.replacingOccurrences(of: "\r\n", with: "\n") }
            }

            let r = parseCSV(csv, path: name)
            #expect(r.ok, "\(name)")
            #expect(r.found == [], "\(name)")
            guard let header = r.rows.first else {
                Issue.record("\(name): no header")
                continue
            }
            let actual = r.rows.dropFirst().map { row in
                Dictionary(uniqueKeysWithValues: zip(header, row).map { ($0, $1) })
            }
            #expect(actual == expected, "\(name)")
        }
    }

    // MARK: - commons-csv

    @Test func emojiValuesAndScalarColumns() throws {
        guard let csv = Self.bytes("commons-csv/CSV-196_emoji.csv") else { return }
        let smiles = String(repeating: "😄", count: 10)
        var records = 0
        let sink = DiagnosticSink()
        CSVReader.read(csv, path: "emoji.csv", diagnostics: sink) { r in
            records += 1
            #expect(r.count == 16)
            if r.line == 1 {
                #expect(r.string(0) == "id" && r.string(15) == "val15")
                return
            }
            #expect(r.string(0) == "\(r.line - 1)")
            #expect(r.string(1) == smiles && r.string(15) == smiles)
            // "1," then 10 emoji and a comma: val2 starts at scalar 14 (byte 44).
            #expect(r.column(1) == 3)
            #expect(r.column(2) == 14)
            #expect(r.column(15) == 3 + 14 * 11)
        }
        #expect(records == 5)
        #expect(sink.all == [])
    }

    @Test func japaneseValues() throws {
        guard let csv = Self.bytes("commons-csv/CSV-196_japanese.csv") else { return }
        var rows: [[String]] = []
        var v2Columns: [Int] = []
        let sink = DiagnosticSink()
        CSVReader.read(csv, path: "japanese.csv", diagnostics: sink) { r in
            rows.append((0..<r.count).map { r.string($0) })
            if r.line > 1 { v2Columns.append(r.column(3)) }
        }
        #expect(sink.all == [])
        #expect(rows.count == 4)
        #expect(rows.first?.prefix(3) == ["id", "date", "val1"])
        #expect(rows.dropFirst().map { $0[0] } == ["00000000000001", "00000000000002", "00000000000003"])
        for row in rows.dropFirst() {
            #expect(row.count == 17)
            #expect(row[1] == "2017-01-01")
            #expect(row[2] == "きちんと節分近くには咲いてる。自然の力ってすごいな～")
            #expect(row[3] == "v2" && row[16] == "v15")
        }
        // 15 + 11 scalars of id and date, then 26 Japanese scalars and a comma.
        #expect(v2Columns == [54, 54, 54])
    }

    @Test func bomIsStripped() throws {
        guard let csv = Self.bytes("commons-csv/CSVFileParser/bom.csv") else { return }
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let r = parseCSV(csv, path: "bom.csv")
        #expect(r.found == [])
        #expect(r.rows.first == ["Date", " Open", " High", " Low", " Close", " Volume"])
        #expect(r.rows.first?.first?.unicodeScalars.first == "D")
        #expect(r.rows.count == 252)
        #expect(r.rows.dropFirst().first == ["14-Mar-14", "223.80", "225.20", "220.85", "221.51", "79448141"])
        #expect(r.rows.last == ["18-Mar-13", "330.09", "341.26", "330.09", "339.08", "46650521"])
    }

    @Test func psqlTabsDetected() throws {
        guard let csv = Self.bytes("commons-csv/CSV-290_psql.tsv") else { return }
        #expect(csv.withUnsafeBufferPointer { CSVReader.detectDelimiter($0) } == 0x09)
        let r = parseCSV(csv, path: "psql.tsv")
        // The file has no header: its first data row is read as one, and its last field is empty.
        #expect(r.found == [Expected(IngestID.emptyHeader, .warning, 1, 35)])
        #expect(r.rows == [
            ["1", "abc", #"test line 1\ntest line 2"#, #"\N"#, ""],
            ["2", "xyz", #"\\b:\b \\t:\t \\n:\n \\r:\r"#, "a", "b"],
            ["3", "a", "b,c,d", "quoted", "e"],
        ])
    }

    /// `test.csv` against commons-csv's `test_rfc4180.txt` (`n:[f1, f2, ...]` per record), where
    /// the conventions agree: our reader skips blank lines (the three `1:[]` records) and pads
    /// short rows to the header's width (so fields past `n` must be empty).
    @Test func commonsFileParserRFC4180() throws {
        guard let csv = Self.bytes("commons-csv/CSVFileParser/test.csv"),
              let control = Self.bytes("commons-csv/CSVFileParser/test_rfc4180.txt")
        else { return }
        let expected = String(decoding: control, as: UTF8.self)
            .split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .dropFirst(2)  // the file name line and the format line
            .filter { !$0.hasPrefix("#") && $0 != "1:[]" }
            .map(String.init)
        #expect(expected.count == 13)

        let r = parseCSV(csv, path: "test.csv")
        #expect(r.rows.count == expected.count)
        for (k, (row, want)) in zip(r.rows, expected).enumerated() {
            guard let colon = want.firstIndex(of: ":"), let size = Int(want[..<colon]) else {
                Issue.record("bad control line \(want)")
                continue
            }
            #expect(row.count == 4)
            #expect(row.dropFirst(size).allSatisfy { $0.isEmpty }, "record \(k + 1)")
            let rendered = "\(size):[" + row.prefix(size).joined(separator: ", ") + "]"
            if k == 6 {
                // `" l " ` ends with a blank after the closing quote: commons-csv drops it, we keep it
                // (with a warning), as Excel and Python's csv module do.
                #expect(want == #"4:[ i ,  " j " ,  " k ",  l ]"#)
                #expect(row == [" i ", #" " j " "#, #" " k ""#, " l  "])
            } else {
                #expect(rendered == want, "record \(k + 1)")
            }
        }
        #expect(r.found == [
            Expected(IngestID.raggedRow, .warning, 2, 15),
            Expected(IngestID.raggedRow, .warning, 4, 26),
            Expected(IngestID.raggedRow, .warning, 6, 39),
            Expected(IngestID.quoteInUnquotedField, .warning, 7, 8),
            Expected(IngestID.quoteInUnquotedField, .warning, 7, 16),
            Expected(IngestID.textAfterQuote, .warning, 7, 27),
            Expected(IngestID.raggedRow, .warning, 8, 15),
            Expected(IngestID.raggedRow, .warning, 10, 22),
            Expected(IngestID.raggedRow, .warning, 12, 16),
            Expected(IngestID.raggedRow, .warning, 16, 19),
        ])
    }
}
