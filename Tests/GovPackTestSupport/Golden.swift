import Foundation
import Testing

/// Golden files: reviewed outputs that tests compare byte for byte.
public enum Golden {
    /// GOVPACK_RECORD=1 writes the golden files instead of comparing (and the tests fail, saying so).
    public static let recording = ProcessInfo.processInfo.environment["GOVPACK_RECORD"] == "1"

    /// Compares `actual` with the golden file byte for byte; with GOVPACK_RECORD=1 writes it instead
    /// and fails, saying so (re-recording is an explicit act).
    public static func assertMatches(
        _ actual: String, _ relative: String, in folder: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = folder.appendingPathComponent(relative)
        if recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded \(relative); unset GOVPACK_RECORD and review the diff", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("no golden file \(relative); run with GOVPACK_RECORD=1 to record it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("""
                \(relative) differs from its golden file at line \(line + 1):
                  expected: \(line < e.count ? String(e[line]) : "<end>")
                  actual:   \(line < a.count ? String(a[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
