import Foundation
import GovPackCore
import GovPackPipeline
import GovPackRender
import GovPackTestSupport
import Testing

/// Every pack of the sample organisation, in both formats, against reviewed golden files
/// (`Fixtures/sample-packs`). The packs were looked at in a browser when recorded; a change to
/// SampleData, a template or a metric shows here as a diff to review, then re-record with
/// GOVPACK_RECORD=1.
@Suite struct SamplePacksGoldenTests {
    static let input: RenderInput = {
        var options = Validation.Options()
        options.period = Period(year: 2026, month: 11)
        options.riskAppetite = [.resource: 300]
        let r = Validation(options: options).run(SampleDataTests.inputs)
        return RenderInput(
            portfolio: r.load.portfolio, metrics: r.metrics,
            findings: r.diagnostics.filter { $0.severity != .info || $0.id.hasPrefix("rule.") },
            period: r.period, generatedBy: "govpack test")
    }()

    @Test(arguments: OutputFormat.allCases)
    func everySamplePackMatchesItsGoldenFile(format: OutputFormat) throws {
        let files = try PackRenderer().render(Self.input, packs: PackKind.allCases, format: format)
        // 9 packs: 6 steering packs (one per programme), 36 one-pagers, 7 portfolio-wide packs, the index.
        #expect(files.count == 50)
        // Paths in the golden folder are made relative to SampleData, so the folder is portable.
        let root = TestPaths.sampleData.path + "/"
        for f in files {
            try Golden.assertMatches(
                f.contents.replacingOccurrences(of: root, with: "SampleData/"), format.rawValue + "/" + f.path,
                in: TestPaths.fixture("govpackTests", "sample-packs"))
        }
    }
}
