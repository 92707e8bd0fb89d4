import Foundation
import GovPackCore
import Testing
@testable import GovPackMetrics

@Suite struct MetricsCSVTests {
    /// Text cells starting with a formula character get a `'`; numbers never do.
    @Test(arguments: [
        (MetricsCSV.Cell.text("=cmd"), "'=cmd"), (.text("+1"), "'+1"), (.text("-x"), "'-x"), (.text("@sum"), "'@sum"),
        (.text("plain"), "plain"), (.number("-300"), "-300"), (.number("0.5"), "0.5"), (.null, ""),
        (.text("a,b"), "\"a,b\""), (.text("say \"hi\""), "\"say \"\"hi\"\"\""), (.text("two\nlines"), "\"two\nlines\""),
        (.text("=a,b"), "\"'=a,b\""), (.text("cr\rhere"), "\"cr\rhere\""), (.text("crlf\r\nhere"), "\"crlf\r\nhere\""),
        (.text("\tx"), "'\tx"), (.text("\rx"), "\"'\rx\""), (.text("é=1"), "é=1"), (.number("1,5"), "\"1,5\""),
    ])
    func cells(cell: MetricsCSV.Cell, text: String) {
        #expect(MetricsCSV.field(cell) == text)
    }

    @Test func riskCategoriesTable() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        #expect(MetricsCSV.encode(m, table: .riskCategories) == """
            category,open_risks,exposure,appetite,breach\r
            compliance,2,31,30,true\r
            external,0,0,,false\r
            financial,0,0,,false\r
            operational,0,0,,false\r
            resource,0,0,,false\r
            schedule,1,9,10,false\r
            strategic,1,5,,false\r
            technical,1,4,,false\r

            """)
    }

    @Test func peopleAndProgramsTables() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        #expect(MetricsCSV.encode(m, table: .people) == """
            person_id,capacity_hours,planned_hours,actual_hours,utilisation_pct,over_allocated,projects\r
            P-1,140,170,70,50,true,2\r
            P-2,0,0,0,,false,0\r
            P-3,100,100.5,99.25,99.25,true,1\r
            P-4,160,0,0,0,false,0\r

            """)
        #expect(MetricsCSV.encode(m, table: .programs) == """
            program_id,projects,rag,bac,pv,ev,ac,cpi,spi,risk_exposure,declared,active_projects\r
            PGM-1,2,A,5000,4000,3500,3750.6,0.933184023889511,0.875,28,true,1\r
            PGM-2,0,,0,0,0,0,,,0,true,0\r
            PGM-9,1,R,500,1200,900,0,,0.75,31,false,1\r

            """)
    }

    @Test func projectRowsNeutraliseNamesButNotNegativeMoney() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        let lines = MetricsCSV.encode(m, table: .projects).components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("project_id,program_id,stage,bac,pv,ev,ac,cv,sv,cpi,spi,eac,etc,vac,tcpi,"))
        #expect(lines[1].hasPrefix("PRJ-A,PGM-1,execution,4000,3000,2500,2800,-300,-500,0.8928571428571429,"))
        #expect(lines[2].contains(",\"Legacy \"\"core\"\" exit\","))
        #expect(lines[3].contains(",'=cmd,"))
        #expect(lines[3].contains(",-0.8,"))  // C's TCPI, a number
        #expect(lines[4].contains(",\"Data, platform\","))
        #expect(lines.count == 6 && lines[5].isEmpty)
    }

    @Test func benefitsTable() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        #expect(MetricsCSV.encode(m, table: .benefits).components(separatedBy: "\r\n")[1] ==
                "PRJ-A,B1,100,200,150,50,2026-10-31,2026-11-15,true")
        #expect(MetricsCSV.encodeAll(m).map(\.fileName) ==
                ["projects.csv", "programs.csv", "people.csv", "risk_categories.csv", "benefits.csv"])
    }
}

/// Timing on a generated portfolio; run with `GOVPACK_PERF=1 swift test -c release --filter MetricsPerformance`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["GOVPACK_PERF"] != nil))
struct MetricsPerformanceTests {
    static func generated(projects n: Int) -> Portfolio {
        var p = Portfolio()
        let months = (0..<24).map { per("2025-01").adding(months: $0) }
        p.programs = (0..<50).map { program("PGM-\($0)") }
        p.people = (0..<8000).map { person("P-\($0)", skills: $0 % 3 == 0 ? "pm;sql" : "dev", department: "D\($0 % 20)") }
        for i in 0..<n {
            let id = "PRJ-\(i)"
            p.projects.append(project(id, program: "PGM-\(i % 50)", budget: "1250000.50", manager: "P-\(i % 8000)",
                                      strategic: i % 100, priority: i % 7 + 1))
            for m in months {
                p.financials.append(financial(id, m.description, pv: "52083.35", ev: "50000.10", ac: "51000.25"))
            }
            for k in 0..<6 {
                p.risks.append(risk(id, "R\(k)", RiskCategory.allCases[k], p: k % 5 + 1, i: (k * 3) % 5 + 1,
                                    review: "2026-10-15"))
                p.milestones.append(milestone(id, "M\(k)", baseline: "2026-0\(k + 1)-15", forecast: "2026-0\(k + 2)-01"))
            }
            p.stageGates.append(gate(id, .g1, planned: "2026-03-01", review: "2026-03-10", decision: .approved))
            p.issues.append(issue(id, "I1", .high, status: .open, due: "2026-11-01"))
            p.benefits.append(benefit(id, "B1", baseline: "0", target: "100", targetDate: "2027-01-01"))
            p.benefitMeasurements.append(measurement(id, "B1", "2026-10-01", "40"))
        }
        // ~3.3 M assignment rows: 20,000 projects x ~7 people x 24 months.
        let perProject = 3_300_000 / (n * months.count)
        for i in 0..<n {
            for k in 0..<perProject {
                for m in months {
                    p.assignments.append(assignment("PRJ-\(i)", "P-\((i * 7 + k) % 8000)", m.description,
                                                    planned: "20.5", actual: "18.25"))
                }
            }
        }
        return p
    }

    @Test func twentyThousandProjects() {
        let p = MetricsPerformanceTests.generated(projects: 20_000)
        let c = MetricsConfig(period: per("2026-11"))
        var computeTimes: [Double] = [], encodeTimes: [Double] = []
        var m = PortfolioMetrics.compute(p, config: c)
        var json = ""
        for _ in 0..<3 {
            let t0 = Date()
            m = PortfolioMetrics.compute(p, config: c)
            let t1 = Date()
            json = MetricsJSON.encode(m)
            computeTimes.append(t1.timeIntervalSince(t0))
            encodeTimes.append(Date().timeIntervalSince(t1))
        }
        print("compute min \(computeTimes.min() ?? 0) s, encode min \(encodeTimes.min() ?? 0) s, "
              + "\(p.assignments.count) assignments, \(p.financials.count) financials, \(json.utf8.count) bytes")
        #expect(m.projects.count == 20_000)
    }
}
