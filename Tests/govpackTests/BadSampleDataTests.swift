import Foundation
import GovPackCore
import GovPackPipeline
import GovPackTestSupport
import Testing

/// One planted defect per folder of `SampleData/bad`, and the diagnostic it must give, as listed
/// (and counted by hand) in `SampleData/bad/EXPECTED.tsv`.
struct PlantedDefect: CustomStringConvertible, Sendable {
    var folder: String
    var file: String
    var line: Int
    var column: Int
    var severity: Severity
    var id: String
    var description: String { "\(folder): \(severity) \(id) at \(file):\(line):\(column)" }

    static let all: [PlantedDefect] = {
        let url = TestPaths.sampleData.appendingPathComponent("bad/EXPECTED.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let l = Int(f[2]), let c = Int(f[3]), let s = Severity(rawValue: f[4]) else { return nil }
            return PlantedDefect(folder: f[0], file: f[1], line: l, column: c, severity: s, id: f[5])
        }
    }()
}

@Suite struct BadSampleDataTests {
    @Test func everyFolderIsListed() throws {
        let folders = try FileManager.default.contentsOfDirectory(
            atPath: TestPaths.sampleData.appendingPathComponent("bad").path
        ).filter { !$0.contains(".") }
        #expect(Set(folders) == Set(PlantedDefect.all.map(\.folder)))
        #expect(PlantedDefect.all.count >= 16)
    }

    @Test(arguments: PlantedDefect.all)
    func givesTheExactDiagnostic(_ defect: PlantedDefect) throws {
        let folder = TestPaths.sampleData.appendingPathComponent("bad").appendingPathComponent(defect.folder).path
        var options = Validation.Options()
        options.noRules = true
        options.period = Period(year: 2026, month: 11)
        let result = Validation(options: options).run([folder])
        let expectedFile = folder + "/" + defect.file
        let found = result.diagnostics.first { $0.id == defect.id && $0.location?.file == expectedFile }
        let d = try #require(found, "\(defect): got \(result.diagnostics.map(\.formatted))")
        #expect(d.severity == defect.severity, "\(defect)")
        #expect(d.location?.line == defect.line, "\(defect)")
        // libxml2 places a malformed-document error after the offending character; the line is what we promise.
        if defect.id != "ingest.xml.malformed" {
            #expect(d.location?.column == defect.column, "\(defect)")
        }
        // Nothing else is wrong in the folder: no other error or warning of a different kind.
        let others = result.diagnostics.filter {
            $0.severity != .info && $0.id != defect.id
                && !(defect.id == "ingest.csv.ragged_row" && $0.id == "ingest.field.missing_required")
        }
        #expect(others.map(\.formatted) == [], "\(defect)")
    }
}
