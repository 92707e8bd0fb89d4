import Foundation
import GovPackCore
import GovPackTestSupport
import Testing
@testable import GovPackIngest

/// Broken and hostile input files, read the way a run reads them (the loader over a folder):
/// each gives a located diagnostic or a clean refusal, never a crash or a hang, in bounded time
/// and memory. Small cases are files under Fixtures/hardening; large ones are made here.
@Suite("Hardening: bad input", .serialized)
struct HardeningInputTests {
    /// Diagnostics as "file line:column severity id", files relative to the folder read.
    static func load(_ folder: String, period: String = "2026-11") -> (summaries: [String], result: LoadResult, seconds: Double) {
        let diagnostics = DiagnosticSink()
        let clock = ContinuousClock()
        let start = clock.now
        let result = InputLoader(options: LoadOptions(period: Period(period))).load([folder], diagnostics: diagnostics)
        let seconds = (clock.now - start).seconds
        let name = URL(fileURLWithPath: folder).lastPathComponent
        let summaries = diagnostics.all.map { d -> String in
            var file = d.location?.file ?? "-"
            if file.hasPrefix(folder + "/") { file = String(file.dropFirst(folder.count + 1)) }
            else if file.hasPrefix(name + "/") { file = String(file.dropFirst(name.count + 1)) }
            return "\(file) \(d.location?.line ?? -1):\(d.location?.column ?? -1) \(d.severity.rawValue) \(d.id)"
        }
        return (summaries, result, seconds)
    }

    /// Peak resident memory of this process so far, in MB.
    static func peakMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    struct Case: CustomStringConvertible, Sendable {
        var description: String
        /// The diagnostics expected at error and warning level, in the order reported.
        var expected: [String]
    }

    static let fixtureCases: [Case] = [
        // A real PNG and a real ZIP renamed .csv: refused by their signature at the first byte.
        Case(description: "png-as-csv", expected: ["projects.csv 1:1 error ingest.encoding.undecodable"]),
        Case(description: "zip-as-csv", expected: ["risks.csv 1:1 error ingest.encoding.undecodable"]),
        // "PRJ-1,Claims" is 12 characters: the NUL is the 13th.
        Case(description: "nul-bytes", expected: ["projects.csv 2:13 error ingest.csv.nul_byte"]),
        // The opening quote of the second field is at column 7 ("PRJ-1," before it).
        Case(description: "truncated-quote", expected: ["projects.csv 2:7 error ingest.csv.unterminated_quote"]),
        // A lone 0xC3 at the end, no other multi-byte sequence: read as Windows-1252 (info), and the
        // cut-off third line "PRJ-2,ZoÃ" is short, at its end (column 10).
        Case(description: "truncated-utf8", expected: [
            "projects.csv 3:10 warning ingest.csv.ragged_row", "projects.csv 3:10 error ingest.field.missing_required",
        ]),
        // Cut inside an attribute value: reported where the input ends (line 3 has 40 characters).
        Case(description: "truncated-xml", expected: ["submission.xml 3:41 error ingest.xml.malformed"]),
        Case(description: "empty", expected: [
            "projects.csv 0:0 warning ingest.file.empty", "submission.xml 1:1 error ingest.xml.malformed",
        ]),
        // A quote opened in the header (column 12, after "project_id,") swallows the file: that
        // is the one finding; the file is not called empty.
        Case(description: "unterminated-header", expected: ["projects.csv 1:12 error ingest.csv.unterminated_quote"]),
        // A byte-order mark and two line ends: nothing to read.
        Case(description: "blank", expected: ["risks.csv 0:0 warning ingest.file.empty"]),
        Case(description: "utf16", expected: []),
        Case(description: "latin1", expected: []),
        Case(description: "binary-xml", expected: ["submission.xml 1:1 error ingest.xml.malformed"]),
        // Line 2 "PRJ-1,A,PGM-1" ends at column 14; line 3's first extra field starts at column 76.
        Case(description: "ragged", expected: [
            "projects.csv 2:14 warning ingest.csv.ragged_row", "projects.csv 2:14 error ingest.field.missing_required",
            "projects.csv 3:76 error ingest.csv.ragged_row",
        ]),
    ]

    @Test(arguments: fixtureCases)
    func fixture(_ c: Case) {
        let folder = TestPaths.fixture("GovPackIngestTests", "hardening/\(c.description)").path
        let (summaries, _, seconds) = Self.load(folder)
        print("hardening input \(c): \(String(format: "%.3f", seconds)) s; \(summaries)")
        #expect(summaries.filter { !$0.contains(" info ") } == c.expected)
    }

    // MARK: - Generated in the test

    static let header = "project_id,name,program_id,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
    static func row(_ id: String, name: String = "Claims portal") -> String {
        "\(id),\(name),PGM-1,execution,2026-01-05,2027-03-31,100,G,2026-11-01\n"
    }

    static func measure(_ label: String, _ folder: String) -> [String] {
        let before = peakMB()
        let (summaries, result, seconds) = load(folder)
        print("hardening input \(label): \(String(format: "%.3f", seconds)) s, peak RSS \(before) -> \(peakMB()) MB, \(result.portfolio.projects.count) projects, \(summaries.count) diagnostics")
        #expect(seconds < 60)
        #expect(peakMB() < 4096)
        return summaries.filter { !$0.contains(" info ") }
    }

    @Test func tenMegabyteField() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let big = String(repeating: "x", count: 10 * 1024 * 1024)
        try tmp.write("in/projects.csv", Self.header + Self.row("PRJ-1", name: "\"" + big + "\"\"q\"\"\"") + Self.row("PRJ-2"))
        let errors = Self.measure("10 MB field", tmp.url.appendingPathComponent("in").path)
        #expect(errors == [])
        let (_, result, _) = Self.load(tmp.url.appendingPathComponent("in").path)
        #expect(result.portfolio.projects.map { $0.name.count } == [big.count + 3, 13])
    }

    @Test func hundredThousandColumns() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let extra = (0..<100_000).map { "c\($0)" }
        let header = String(Self.header.dropLast()) + "," + extra.joined(separator: ",") + "\n"
        let row = String(Self.row("PRJ-1").dropLast()) + "," + String(repeating: "v,", count: 99_999) + "v\n"
        try tmp.write("in/projects.csv", String(header) + String(row))
        let errors = Self.measure("100,000 columns", tmp.url.appendingPathComponent("in").path)
        #expect(errors == [])
        // The stray columns are named up to 20, then counted: 21 notes, not 100,000.
        let (all, _, _) = Self.load(tmp.url.appendingPathComponent("in").path)
        let unknown = all.filter { $0.hasSuffix(IngestID.unknownColumn) }
        #expect(unknown.count == 21)
        #expect(unknown.allSatisfy { $0 == "projects.csv 1:0 info ingest.column.unknown" })
    }

    @Test func tenThousandTinyFiles() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        for i in 0..<10_000 {
            try tmp.write("in/t\(i)/projects.csv", Self.header + Self.row("PRJ-\(i)"))
        }
        let errors = Self.measure("10,000 tiny files", tmp.url.appendingPathComponent("in").path)
        #expect(errors == [])
    }

    @Test func symlinksOutOfTheInputFolderAreNotFollowed() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let secret = try tmp.write("secret/projects.csv", Self.header + Self.row("SECRET-1"))
        try tmp.write("in/team/risks.csv", "")
        let fm = FileManager.default
        try fm.createSymbolicLink(at: tmp.url.appendingPathComponent("in/team/projects.csv"), withDestinationURL: secret)
        try fm.createSymbolicLink(at: tmp.url.appendingPathComponent("in/other"), withDestinationURL: secret.deletingLastPathComponent())
        try fm.createSymbolicLink(at: tmp.url.appendingPathComponent("in/up"), withDestinationURL: URL(fileURLWithPath: "../secret", relativeTo: tmp.url.appendingPathComponent("in/x")))
        let (summaries, result, _) = Self.load(tmp.url.appendingPathComponent("in").path)
        #expect(summaries.filter { !$0.contains(" info ") }.sorted() == [
            "other 0:0 error ingest.file.outside_input",
            "team/projects.csv 0:0 error ingest.file.outside_input",
            "team/risks.csv 0:0 warning ingest.file.empty",
            "up 0:0 error ingest.file.outside_input",
        ])
        #expect(result.portfolio.projects.isEmpty)
    }

    /// A named pipe (or a device) named like an input is not opened: reading it would block the run.
    @Test func namedPipesAreNotRead() throws {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try tmp.write("in/projects.csv", Self.header + Self.row("PRJ-1"))
        let fifo = tmp.url.appendingPathComponent("in/risks.csv").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // Should the loader open the pipe anyway, a writer unblocks it after 5 s (so the test
        // fails instead of hanging).
        let unblock = Thread {
            usleep(5_000_000)
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        unblock.start()
        let clock = ContinuousClock()
        let start = clock.now
        let (summaries, result, _) = Self.load(tmp.url.appendingPathComponent("in").path)
        #expect(clock.now - start < .seconds(4))
        #expect(summaries.filter { !$0.contains(" info ") } == ["risks.csv 0:0 error ingest.file.unreadable"])
        #expect(result.portfolio.projects.count == 1)
    }
}
