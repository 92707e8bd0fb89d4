import GovPackCore
import Testing

@testable import GovPackRules

/// Yams refuses a document with a repeated key and names only the mapping: the reader points
/// at the repeated key itself.
@Suite struct YAMLReaderTests {
    @Test(arguments: [
        // text, line, column
        ("a: 1\nb: 2\na: 3\n", 3, 1),
        ("list:\n  - x: 1\n    # note\n\n    x: 2\n", 5, 5),
        ("top:\n  k: 1\n  'k': 2\n", 3, 3),
        ("m: {k: 1, k: 2}\n", 1, 5),  // a flow mapping: its first key
    ])
    func aRepeatedKeyIsReportedWhereItRepeats(_ text: String, _ line: Int, _ column: Int) throws {
        let sink = DiagnosticSink()
        #expect(YAMLReader(path: "f.yaml", source: text, diagnostics: sink, idPrefix: "t").root() == nil)
        let d = try #require(sink.all.first)
        #expect(sink.all.count == 1)
        #expect(d.id == "t.duplicate_key")
        #expect(d.severity == .error)
        #expect(d.location == SourceLocation(file: "f.yaml", line: line, column: column))
    }
}
