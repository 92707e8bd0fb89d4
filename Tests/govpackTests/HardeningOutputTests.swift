import Foundation
import GovPackCore
import GovPackTestSupport
import Testing

/// Output safety, end to end: the sample portfolio with every text value (ids included) made
/// hostile, rendered to every pack in HTML and Markdown and exported as metrics CSV by the built
/// binary. Nothing from the input may become markup, a link, a table column or a formula.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"), .serialized)
struct HardeningOutputTests {
    /// Prefixes put before input values, chosen per value so that the same id stays the same
    /// everywhere (references still match) and every kind of attack lands somewhere.
    static let payloads = [
        "<script>alert(1)</script>",
        "\" onmouseover=\"alert(1)\" x=\"",
        "</textarea><img src=x onerror=alert(1)>",
        "javascript:alert(1)//",
        "a|b|c [x](javascript:alert(1)) ",
        "=HYPERLINK(\"http://127.0.0.1:1/?\"&A1,\"click\")",
        "+1+1 ",
        "-2+3 ",
        "@SUM(1+1) ",
        "\tTAB ",
        "\rCR ",
        "../../etc/",
        "' onfocus='alert(1)' ",
        "&amp;&lt;script&gt; ",
    ]

    static func hostile(_ value: String, salt: Int) -> String {
        guard !value.isEmpty else { return value }
        let h = value.unicodeScalars.reduce(salt) { ($0 &* 31 &+ Int($1.value)) & 0x7FFF_FFFF }
        return payloads[h % payloads.count] + value
    }

    // MARK: - A small RFC 4180 reader and writer for the test's own use

    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
                atStart = true
                i += 1
                continue
            } else if c == "\r" || c == "\n" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                atStart = true
                i += 1
                continue
            } else {
                field.unicodeScalars.append(c)
            }
            atStart = false
            i += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    static func writeCSV(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// The sample (reference data and the 2026-11 submissions, CSV files only) with every text
    /// column made hostile, written under `dir`.
    static func makeHostileSample(in dir: URL) throws -> [String] {
        let fm = FileManager.default
        let sample = TestPaths.sampleData
        var inputs: [String] = []
        for sub in ["reference", "submissions/2026-11"] {
            let src = sample.appendingPathComponent(sub)
            let dst = dir.appendingPathComponent("in").appendingPathComponent(sub)
            inputs.append(dst.path)
            for rel in try fm.subpathsOfDirectory(atPath: src.path).sorted() where rel.hasSuffix(".csv") {
                let name = URL(fileURLWithPath: rel).lastPathComponent
                guard let entity = Entity(fileName: name) else { continue }
                let text = String(decoding: try Data(contentsOf: src.appendingPathComponent(rel)), as: UTF8.self)
                var rows = parseCSV(text)
                guard let header = rows.first else { continue }
                let textColumns = Set(entity.columnSummaries.filter { $0.type == .text }.map(\.name))
                for r in 1..<rows.count {
                    for (c, column) in header.enumerated() where c < rows[r].count && textColumns.contains(column) {
                        rows[r][c] = hostile(rows[r][c], salt: 0)
                    }
                }
                let out = dst.appendingPathComponent(rel)
                try fm.createDirectory(at: out.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(writeCSV(rows).utf8).write(to: out)
            }
        }
        return inputs
    }

    // MARK: - Checks

    /// Tags that are markup in the output (the input's `<` is always escaped, so every real tag
    /// comes from a template or a chart) and that run script: a script-capable element, an event
    /// handler attribute, or a `javascript:` URL. Attributes are tokenised as a browser does, so a
    /// value that broke out of its quotes shows up as an attribute of its own.
    static func dangerousTags(_ html: String) -> [String] {
        var found: [String] = []
        let s = Array(html.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" }
        while i < s.count {
            guard s[i] == "<", i + 1 < s.count, s[i + 1].properties.isAlphabetic || s[i + 1] == "/" else {
                i += 1
                continue
            }
            let start = i
            i += 1
            var name = ""
            while i < s.count, !isSpace(s[i]), s[i] != ">" { name.unicodeScalars.append(s[i]); i += 1 }
            var bad = ["script", "img", "textarea", "/textarea", "iframe", "object", "embed"].contains(name.lowercased())
            // Attributes.
            while i < s.count, s[i] != ">" {
                while i < s.count, isSpace(s[i]) || s[i] == "/" { i += 1 }
                var attr = ""
                while i < s.count, !isSpace(s[i]), s[i] != "=", s[i] != ">" { attr.unicodeScalars.append(s[i]); i += 1 }
                while i < s.count, isSpace(s[i]) { i += 1 }
                var value = ""
                if i < s.count, s[i] == "=" {
                    i += 1
                    while i < s.count, isSpace(s[i]) { i += 1 }
                    if i < s.count, s[i] == "\"" || s[i] == "'" {
                        let q = s[i]
                        i += 1
                        while i < s.count, s[i] != q { value.unicodeScalars.append(s[i]); i += 1 }
                        i += 1
                    } else {
                        while i < s.count, !isSpace(s[i]), s[i] != ">" { value.unicodeScalars.append(s[i]); i += 1 }
                    }
                }
                let a = attr.lowercased()
                if a.hasPrefix("on") { bad = true }
                if ["href", "src", "xlink:href", "action", "formaction"].contains(a),
                   value.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("javascript:") { bad = true }
            }
            if bad { found.append(String(String.UnicodeScalarView(s[start..<min(i + 1, s.count)])).prefix(200).description) }
            i += 1
        }
        return found
    }

    /// Pipes not escaped with a backslash.
    static func unescapedPipes(_ line: Substring) -> Int {
        var n = 0
        var escaped = false
        for c in line {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "|" { n += 1 }
        }
        return n
    }

    /// Markdown tables whose rows do not all have the header's number of cells.
    static func brokenTables(_ md: String) -> [String] {
        var problems: [String] = []
        var width: Int?
        for line in md.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                width = nil
                continue
            }
            let n = unescapedPipes(line)
            if let w = width, w != n { problems.append(String(line.prefix(160))) }
            if width == nil { width = n }
        }
        return problems
    }

    /// `needle` occurrences not preceded by a backslash.
    static func unescaped(_ needle: String, in text: String) -> Int {
        var n = 0
        var search = text.startIndex..<text.endIndex
        while let r = text.range(of: needle, range: search) {
            if r.lowerBound == text.startIndex || text[text.index(before: r.lowerBound)] != "\\" { n += 1 }
            search = r.upperBound..<text.endIndex
        }
        return n
    }

    static func files(under dir: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { rel in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir.appendingPathComponent(rel).path, isDirectory: &isDir)
            return !isDir.boolValue
        }.sorted()
    }

    // MARK: - Tests

    @Test func hostileValuesAreEscapedInEveryPackAndExport() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let inputs = try Self.makeHostileSample(in: tmp.url)
        let args = inputs + ["--period", "2026-11"]
        let html = tmp.url.appendingPathComponent("out/html")
        let md = tmp.url.appendingPathComponent("out/md")
        let csv = tmp.url.appendingPathComponent("out/csv")

        let r1 = try GovPackCLI.run(["report"] + args + ["--out", html.path])
        #expect(r1.status == 0, "\(r1.stderr)")
        let r2 = try GovPackCLI.run(["report"] + args + ["--format", "md", "--out", md.path])
        #expect(r2.status == 0, "\(r2.stderr)")
        let r3 = try GovPackCLI.run(["metrics"] + args + ["--format", "csv", "--out", csv.path])
        #expect(r3.status <= 1, "\(r3.stderr)")

        // The hostile ids made it through ingest (otherwise this test proves nothing).
        let htmlFiles = try Self.files(under: html)
        let onePagers = htmlFiles.filter { $0.hasPrefix("projects/") }
        #expect(onePagers.count >= 20)
        var payloadsSeen = Set<Int>()

        for rel in htmlFiles where rel.hasSuffix(".html") {
            let text = String(decoding: try Data(contentsOf: html.appendingPathComponent(rel)), as: UTF8.self)
            #expect(Self.dangerousTags(text).isEmpty, "\(rel): \(Self.dangerousTags(text).prefix(3))")
            #expect(!text.lowercased().contains("<script"), "\(rel)")
            #expect(!text.contains("\" onmouseover=\""), "\(rel)")
            #expect(!text.contains("' onfocus='"), "\(rel)")
            // The escaped forms are there: the values were rendered, as text.
            if text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") { payloadsSeen.insert(0) }
            if text.contains("&quot; onmouseover=&quot;") { payloadsSeen.insert(1) }
            if text.contains("&amp;amp;&amp;lt;script&amp;gt;") { payloadsSeen.insert(13) }
        }
        #expect(payloadsSeen == [0, 1, 13])

        for rel in try Self.files(under: md) where rel.hasSuffix(".md") {
            let text = String(decoding: try Data(contentsOf: md.appendingPathComponent(rel)), as: UTF8.self)
            #expect(Self.unescaped("<script", in: text) == 0, "\(rel)")
            #expect(Self.unescaped("<img", in: text) == 0, "\(rel)")
            #expect(Self.unescaped("</textarea", in: text) == 0, "\(rel)")
            #expect(Self.unescaped("](javascript:", in: text) == 0, "\(rel)")
            #expect(Self.brokenTables(text).isEmpty, "\(rel): \(Self.brokenTables(text).prefix(3))")
        }

        // Metrics CSV: no text cell a spreadsheet would run as a formula.
        let number = #"^-?[0-9]+(\.[0-9]+)?$"#
        var csvCells = 0
        for rel in try Self.files(under: csv) {
            let text = String(decoding: try Data(contentsOf: csv.appendingPathComponent(rel)), as: UTF8.self)
            for row in Self.parseCSV(text).dropFirst() {
                for cell in row {
                    csvCells += 1
                    guard let first = cell.unicodeScalars.first else { continue }
                    if "=+-@\t\r".unicodeScalars.contains(first) {
                        #expect(cell.range(of: number, options: .regularExpression) != nil, "\(rel): formula-like cell \(cell.debugDescription)")
                    }
                }
            }
        }
        #expect(csvCells > 100)

        // Nothing was written outside the output folders (ids like ../../etc/PRJ-001).
        let top = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        #expect(top == ["in", "out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.appendingPathComponent("out").path).sorted()
            == ["csv", "html", "md"])
        #expect(onePagers.allSatisfy { !$0.dropFirst("projects/".count).contains("/") })
    }
}

/// Terminal escape injection: `validate`'s text output quotes input values; control characters
/// in them are spelled out, never sent to the terminal.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"))
struct HardeningTerminalTests {
    @Test func escapeSequencesInValuesAreSpelledOut() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try tmp.write("t/projects.csv", "project_id,name,program_id,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
            + "PRJ-1,N,PGM-1,execution,2026-01-0\u{1B}[31mRED\u{1B}]0;TITLE\u{07}\u{9B}2J,2027-03-31,100,G,2026-11-01\n")
        let r = try GovPackCLI.run(["validate", "t", "--period", "2026-11", "--no-rules"], in: tmp.url)
        #expect(r.status == 1)
        #expect(!r.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) })
        #expect(r.stdout.contains(#"'start_date' is '2026-01-0\u{1B}[31mRED\u{1B}]0;TITLE\u{7}\u{9B}2J'"#), "\(r.stdout)")
    }
}
