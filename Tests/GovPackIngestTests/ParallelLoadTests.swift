import Foundation
import GovPackCore
import GovPackTestSupport
import Testing

@testable import GovPackIngest

/// Reading files on several threads must give exactly what reading them one by one gives: the
/// same rows in the same order with the same origins, the same file table, the same diagnostics.
struct ParallelLoadTests {
    private struct Loaded: Equatable {
        var portfolio: [String]
        var files: [SourceFiles.File]
        var read: [String]
        var rejected: [String]
        var diagnostics: [Diagnostic]
    }

    private static func load(_ paths: [String], workers: Int) -> Loaded {
        var options = LoadOptions()
        options.workers = workers
        let sink = DiagnosticSink()
        let result = InputLoader(options: options).load(paths, diagnostics: sink)
        let p = result.portfolio
        // Every entity's rows, whole (the rows are Hashable structs; their descriptions show every field).
        let rows: [String] = [
            "\(p.programs)", "\(p.people)", "\(p.certifications)", "\(p.projects)", "\(p.financials)",
            "\(p.milestones)", "\(p.stageGates)", "\(p.risks)", "\(p.issues)", "\(p.assignments)",
            "\(p.benefits)", "\(p.benefitMeasurements)", "\(p.dependencies)", "\(p.changeImpacts)", "\(p.lessons)",
        ]
        return Loaded(
            portfolio: rows, files: p.files.files,
            read: result.files.map { "\($0.file.displayPath) \($0.format ?? "-")" },
            rejected: result.rejected.map(\.displayPath), diagnostics: sink.all)
    }

    static let sample = TestPaths.sampleData.path

    /// The sample's month, and the sample with every defect of `SampleData/bad` (diagnostics of
    /// every kind, rejected files, an MSPDI export's derived rows).
    static let inputs: [[String]] = [
        [sample + "/reference", sample + "/submissions/2026-11"],
        [sample + "/reference", sample + "/submissions/2026-11", sample + "/bad"],
    ]

    @Test(arguments: inputs, [2, 3, 7])
    func manyWorkersReadLikeOne(paths: [String], workers: Int) {
        let one = Self.load(paths, workers: 1)
        #expect(one.files.count > 40)
        #expect(one.diagnostics.count > 0)
        let many = Self.load(paths, workers: workers)
        #expect(many.files == one.files)
        #expect(many.read == one.read)
        #expect(many.rejected == one.rejected)
        #expect(many.diagnostics == one.diagnostics)
        for (a, b) in zip(many.portfolio, one.portfolio) { #expect(a == b) }
    }

    /// An unknown column spelt differently in different files is named everywhere as the first
    /// file spelt it, wherever the files are cut between workers.
    @Test func extraColumnsKeepTheFirstSpelling() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govpack-parallel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = "project_id,name,program_id,manager,stage,start_date,baseline_end_date,budget,rag_overall,last_updated"
        let spellings = ["Sponsor Note", "SPONSOR NOTE", "sponsor note"]
        for t in 1...24 {
            let team = dir.appendingPathComponent(String(format: "team-%02d", t))
            try FileManager.default.createDirectory(at: team, withIntermediateDirectories: true)
            let csv = header + "," + spellings[t % 3] + "\n"
                + String(format: "PRJ-%03d,Project %d,PGM-1,P-001,execution,2026-01-05,2027-01-05,1000,G,2026-11-20,note %d\n", t, t, t)
            try Data(csv.utf8).write(to: team.appendingPathComponent("projects.csv"))
        }
        let one = Self.load([dir.path], workers: 1)
        let many = Self.load([dir.path], workers: 4)
        #expect(many == one)
        // Team 1 is read first and spells it "SPONSOR NOTE" (1 % 3 = 1).
        var options = LoadOptions()
        options.workers = 4
        let projects = InputLoader(options: options).load([dir.path], diagnostics: DiagnosticSink()).portfolio.projects
        #expect(projects.count == 24)
        #expect(Set(projects.flatMap { $0.extras.map(\.name) }) == ["SPONSOR NOTE"])
        #expect(projects.last?.extras == [ExtraField(name: "SPONSOR NOTE", value: "note 24")])
    }
}
