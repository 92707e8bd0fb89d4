import Foundation
import GovPackCore
import GovPackTestSupport
import Testing
@testable import GovPackIngest

@Suite("MSPDI reader")
struct MSPDIReaderTests {
    static let corpusFiles: [String] = {
        guard let shared = TestPaths.shared else { return [] }
        let dir = shared.appendingPathComponent("corpus/mspdi")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    private func read(file: String, options: MSPDIOptions) -> (RecordingSink, DiagnosticSink) {
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        MSPDIReader.read(
            file: file, fileID: 1, path: (file as NSString).lastPathComponent, options: options, sink: sink,
            diagnostics: diagnostics)
        return (sink, diagnostics)
    }

    @Test func corpusIsPresentOrSkipped() {
        if TestPaths.shared == nil { print(TestPaths.sharedMissing) }
        #expect(TestPaths.shared == nil || Self.corpusFiles.count == 10)
    }

    @Test(arguments: corpusFiles)
    func everyCorpusFileLoadsWithoutErrors(_ file: String) {
        let (sink, diagnostics) = read(file: file, options: MSPDIOptions(period: "2026-11", emitPeople: true))
        #expect(diagnostics.all.filter { $0.severity != .info }.map(\.formatted) == [])
        #expect(sink.unbalanced == 0)
        #expect(sink.rows(.projects).count == 1)
        #expect(sink.rows(.projects).first?.fields["project_id"] == MSPDIReader.defaultProjectID(path: file))
    }

    /// legacy/sample.xml is one 100 KB line; values read off the file by hand.
    @Test func legacySampleMapsProjectAndMilestone() throws {
        guard let shared = TestPaths.shared else { return print(TestPaths.sharedMissing) }
        let (sink, diagnostics) = read(
            file: shared.appendingPathComponent("corpus/mspdi/legacy__sample.xml").path, options: MSPDIOptions())
        #expect(diagnostics.all.map(summary) == [
            "ingest.mspdi.project_id info 2:1 <Project>",
            "ingest.mspdi.skipped info 2:1 <Project>",  // assignments: no period given
        ])
        let project = try #require(sink.rows(.projects).first)
        #expect(project.line == 2)
        #expect(project.column == 5948)  // the summary task, <Task><UID>0<
        #expect(project.fields == [
            "project_id": "legacy__sample", "name": "sample", "stage": "planning", "start_date": "2003-01-07",
            "forecast_end_date": "2003-03-18", "budget": "3526.25", "percent_complete": "0",
            "last_updated": "2003-02-19",
        ])
        let milestones = sink.rows(.milestones)
        try #require(milestones.count == 1)
        #expect(milestones[0].line == 2)
        #expect(milestones[0].column == 12477)
        #expect(milestones[0].fields == [
            "project_id": "legacy__sample", "milestone_id": "M-3", "name": "Third task",
            "forecast_date": "2003-01-07", "status": "not_started",
        ])
        #expect(sink.rows(.financials).isEmpty)  // BCWS, BCWP and ACWP are all 0
    }

    /// mspdiresource.xml: summary task at line 584 with Cost 820000 and ACWP 80000.00 (hundredths).
    @Test func resourceSampleMapsEarnedValue() throws {
        guard let shared = TestPaths.shared else { return print(TestPaths.sharedMissing) }
        let (sink, _) = read(
            file: shared.appendingPathComponent("corpus/mspdi/mspdiresource.xml").path,
            options: MSPDIOptions(projectID: "PRJ-7", period: "2006-09", ragOverall: "G"))
        let project = try #require(sink.rows(.projects).first)
        #expect("\(project.line):\(project.column)" == "584:3")
        #expect(project.fields == [
            "project_id": "PRJ-7", "name": "mspdiresource.xml", "stage": "execution", "start_date": "2006-08-25",
            "forecast_end_date": "2006-09-08", "budget": "8200", "currency": "GBP", "rag_overall": "G",
            "percent_complete": "13", "last_updated": "2010-03-16",
        ])
        #expect(project.positions["currency"] == "16:2")
        #expect(sink.rows(.financials).map(\.fields) == [[
            "project_id": "PRJ-7", "period": "2006-09", "planned_value": "0", "earned_value": "0",
            "actual_cost": "800", "forecast_at_completion": "8200",
        ]])
        #expect(sink.rows(.financials).first?.line == 584)
    }

    static let handmade = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Project xmlns="http://schemas.microsoft.com/project">
          <Name>pay.mpp</Name>
          <Title>Card tokenisation</Title>
          <LastSaved>2026-11-20T17:05:00</LastSaved>
          <StartDate>2026-02-01T08:00:00</StartDate>
          <FinishDate>2027-04-30T17:00:00</FinishDate>
          <CurrencyCode>EUR</CurrencyCode>
          <ExtendedAttributes>
            <ExtendedAttribute><FieldID>205521000</FieldID><FieldName>Text1</FieldName><Alias>person_id</Alias></ExtendedAttribute>
          </ExtendedAttributes>
          <Tasks>
            <Task>
              <UID>0</UID><Name>Card tokenisation</Name><OutlineLevel>0</OutlineLevel>
              <Start>2026-02-01T08:00:00</Start><Finish>2027-04-30T17:00:00</Finish>
              <PercentComplete>40</PercentComplete><Cost>130000000</Cost>
              <BCWS>50000000.00</BCWS><BCWP>45000000.00</BCWP><ACWP>52000000.00</ACWP>
              <Baseline><Number>1</Number><Finish>2027-01-31T17:00:00</Finish><Cost>1</Cost></Baseline>
              <Baseline><Number>0</Number><Finish>2027-03-31T17:00:00</Finish><Cost>125000000</Cost></Baseline>
            </Task>
            <Task><UID>4</UID><IsNull>1</IsNull></Task>
            <Task>
              <UID>7</UID><Name>Pilot live</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone>
              <Finish>2027-01-20T17:00:00</Finish><PercentComplete>0</PercentComplete>
              <Baseline><Number>0</Number><Finish>2026-12-15T17:00:00</Finish></Baseline>
            </Task>
            <Task>
              <UID>9</UID><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone>
              <Finish>2026-10-01T17:00:00</Finish><ActualFinish>2026-10-02T12:00:00</ActualFinish><PercentComplete>100</PercentComplete>
            </Task>
            <Task><UID>10</UID><Name>Build</Name><OutlineLevel>1</OutlineLevel><Milestone>0</Milestone></Task>
          </Tasks>
          <Resources>
            <Resource><UID>1</UID><Name>Ada Okafor</Name><Type>1</Type>
              <ExtendedAttribute><FieldID>205521000</FieldID><Value>P-017</Value></ExtendedAttribute></Resource>
            <Resource><UID>2</UID><Name>Ben Hale</Name><Type>1</Type></Resource>
            <Resource><UID>3</UID><Name>Servers</Name><Type>0</Type></Resource>
          </Resources>
          <Assignments>
            <Assignment><UID>1</UID><TaskUID>10</TaskUID><ResourceUID>1</ResourceUID>
              <Start>2026-11-01T08:00:00</Start><Finish>2026-11-30T17:00:00</Finish><Work>PT120H0M0S</Work><ActualWork>PT60H30M0S</ActualWork></Assignment>
            <Assignment><UID>2</UID><TaskUID>10</TaskUID><ResourceUID>1</ResourceUID>
              <Start>2026-11-21T08:00:00</Start><Finish>2026-12-10T17:00:00</Finish><Work>PT80H0M0S</Work></Assignment>
            <Assignment><UID>3</UID><TaskUID>10</TaskUID><ResourceUID>2</ResourceUID>
              <Start>2026-12-01T08:00:00</Start><Finish>2026-12-31T17:00:00</Finish><Work>PT100H0M0S</Work></Assignment>
            <Assignment><UID>4</UID><TaskUID>10</TaskUID><ResourceUID>3</ResourceUID><Work>PT10H0M0S</Work></Assignment>
            <Assignment><UID>5</UID><TaskUID>4</TaskUID><ResourceUID>2</ResourceUID><Work>PT10H0M0S</Work></Assignment>
          </Assignments>
        </Project>
        """

    @Test func handmadeExportMapsEveryEntity() {
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        MSPDIReader.read(
            Array(Self.handmade.utf8), fileID: 2, path: "team/pay-plan.xml",
            options: MSPDIOptions(period: "2026-11", ragOverall: "A", emitPeople: true, personIDs: ["Ben Hale": "P-020"]),
            sink: sink, diagnostics: diagnostics)
        #expect(diagnostics.all.map(summary) == ["ingest.mspdi.project_id info 2:1 <Project>"])
        #expect(sink.rows.map { "\($0.entity.rawValue)@\($0.line):\($0.column)" } == [
            "projects@13:5", "financials@13:5", "milestones@22:5", "milestones@27:5", "people@34:5", "people@36:5",
            "assignments@40:5",
        ])
        let expected: [[String: String]] = [
            [
                "project_id": "pay-plan", "name": "Card tokenisation", "stage": "execution", "start_date": "2026-02-01",
                "baseline_end_date": "2027-03-31", "forecast_end_date": "2027-04-30", "budget": "1250000",
                "currency": "EUR", "rag_overall": "A", "percent_complete": "40", "last_updated": "2026-11-20",
            ],
            [
                "project_id": "pay-plan", "period": "2026-11", "planned_value": "500000", "earned_value": "450000",
                "actual_cost": "520000", "forecast_at_completion": "1300000",
            ],
            [
                "project_id": "pay-plan", "milestone_id": "M-7", "name": "Pilot live", "baseline_date": "2026-12-15",
                "forecast_date": "2027-01-20", "status": "not_started",
            ],
            [
                "project_id": "pay-plan", "milestone_id": "M-9", "forecast_date": "2026-10-01",
                "actual_date": "2026-10-02", "status": "complete",
            ],
            ["person_id": "P-017", "name": "Ada Okafor"],
            ["person_id": "P-020", "name": "Ben Hale"],
            // 120 h all in November + half of 80 h (10 of its 20 days); 60.5 h actual.
            ["project_id": "pay-plan", "person_id": "P-017", "period": "2026-11", "planned_hours": "160", "actual_hours": "60.5"],
        ]
        #expect(sink.rows.map(\.fields) == expected)
        // Fields point at the element that gave them: line 4 <Title>, line 19 the baseline's <Finish>.
        #expect(sink.rows[0].positions["name"] == "4:3")
        #expect(sink.rows[0].positions["baseline_end_date"] == "19:35")
        #expect(sink.rows[2].positions["milestone_id"] == "23:7")
    }

    @Test func withoutAPeriodEarnedValueAndAssignmentsAreSkipped() {
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        MSPDIReader.read(
            Array(Self.handmade.utf8), fileID: 2, path: "pay-plan.xml", options: MSPDIOptions(), sink: sink,
            diagnostics: diagnostics)
        #expect(diagnostics.all.map(summary) == [
            "ingest.mspdi.project_id info 2:1 <Project>", "ingest.mspdi.skipped info 2:1 <Project>",
            "ingest.mspdi.skipped info 13:5 <Task>",
        ])
        #expect(sink.rows.map(\.entity) == [.projects, .milestones, .milestones])
    }

    @Test(arguments: [
        ("PT8H0M0S", 8.0), ("PT8H30M0S", 8.5), ("PT0H0M0S", 0), ("PT1.5H", 1.5), ("P1DT2H", 26), ("PT90M", 1.5),
    ])
    func durations(_ text: String, _ hours: Double) {
        #expect(MSPDIReader.hours(text) == hours)
    }

    @Test func badDurationIsNil() {
        #expect(MSPDIReader.hours("8 hours") == nil)
        #expect(MSPDIReader.hours("PT8") == nil)
    }

    @Test func defaultProjectIDIsTheStem() {
        #expect(MSPDIReader.defaultProjectID(path: "teams/payments/pay-plan.v2.xml") == "pay-plan.v2")
        #expect(MSPDIReader.defaultProjectID(path: "plan") == "plan")
    }
}

@Suite("MSPDI reader edge cases")
struct MSPDIEdgeCaseTests {
    @Test func predefinedEntitiesAndCDATAInText() {
        let doc = """
            <Project xmlns="http://schemas.microsoft.com/project"><Title>R&amp;D &lt;core&gt;</Title>
            <Tasks><Task><UID>3</UID><Name><![CDATA[Go/No-Go & sign-off]]></Name><Milestone>1</Milestone><Finish>2026-05-01T17:00:00</Finish></Task></Tasks>
            </Project>
            """
        let sink = RecordingSink()
        let diagnostics = DiagnosticSink()
        MSPDIReader.read(
            Array(doc.utf8), fileID: 0, path: "rd.xml", options: MSPDIOptions(), sink: sink, diagnostics: diagnostics)
        #expect(sink.rows.map(\.entity) == [.milestones, .projects])
        #expect(sink.rows[0].fields["name"] == "Go/No-Go & sign-off")
        #expect(sink.rows[0].line == 2)
        #expect(sink.rows[1].fields["name"] == "R&D <core>")
        // No summary task: the project row sits at the root.
        #expect("\(sink.rows[1].line):\(sink.rows[1].column)" == "1:1")
    }

    @Test func unreadableFileIsReported() {
        let diagnostics = DiagnosticSink()
        let sink = RecordingSink()
        MSPDIReader.read(
            file: "/nonexistent/plan.xml", fileID: 0, path: "plan.xml", options: MSPDIOptions(), sink: sink,
            diagnostics: diagnostics)
        #expect(diagnostics.all.map { "\($0.id) \($0.location?.file ?? "")" } == ["ingest.file.unreadable plan.xml"])
        #expect(sink.rows.isEmpty)
    }

    @Test func emptyFileIsReported() {
        let diagnostics = DiagnosticSink()
        SubmissionXMLReader.read([], fileID: 0, path: "e.xml", sink: RecordingSink(), diagnostics: diagnostics)
        #expect(diagnostics.all.map(\.id) == [IngestID.fileEmpty])
    }
}
