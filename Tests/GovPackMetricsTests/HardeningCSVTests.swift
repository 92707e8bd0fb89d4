import Foundation
import Testing
@testable import GovPackMetrics

/// Spreadsheet formula injection: every text cell a spreadsheet would evaluate (or evaluate after
/// skipping a leading tab or carriage return) gets a leading `'`; numbers are left alone.
@Suite struct HardeningCSVTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "\"'\r=1+1\""),
        ("a=1", "a=1"),
        (" =1", " =1"),
    ])
    func formulaLikeTextIsNeutralised(_ text: String, _ expected: String) {
        #expect(MetricsCSV.field(.text(text)) == expected)
    }

    @Test(arguments: ["-300", "+5", "-0.25"])
    func numbersAreNotTouched(_ n: String) {
        #expect(MetricsCSV.field(.number(n)) == n)
    }
}
