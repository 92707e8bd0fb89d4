import Foundation
import GovPackCore
import GovPackTestSupport
import Testing

@testable import GovPackPipeline

/// The RAG thresholds reach both the metrics' earned-value signal and the shipped rules.
@Suite struct RAGThresholdTests {
    /// PRJ-1 reported Green with EV 850, AC 1,000, PV 850: CPI 0.85, SPI 1.
    static let files = [
        "t/projects.csv": "project_id,name,stage,start_date,baseline_end_date,budget,rag_overall,last_updated\n"
            + "PRJ-1,Green,execution,2026-01-01,2027-12-31,5000,G,2026-11-20\n",
        "t/financials.csv": "project_id,period,planned_value,earned_value,actual_cost\nPRJ-1,2026-11,850,850,1000\n",
    ]

    @Test(arguments: [
        // red below, amber below, evm signal, findings of the two earned-value rules, amber limit shown
        (nil, nil, RAG.amber, ["rule.project.amber_signal"], "0.9"),            // 0.8 <= 0.85 < 0.9
        ("0.86", nil, RAG.red, ["rule.project.watermelon"], ""),                // 0.85 < 0.86
        (nil, "0.85", RAG.green, [], ""),                                       // 0.85 is not below 0.85
        ("0.7", "0.851", RAG.amber, ["rule.project.amber_signal"], "0.851"),
    ] as [(String?, String?, RAG, [String], String)])
    func thresholds(_ red: String?, _ amber: String?, _ signal: RAG, _ findings: [String], _ limit: String) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        for (path, text) in Self.files { _ = try dir.write(path, text) }
        var o = Validation.Options()
        o.period = Period("2026-11")
        o.ragRedBelow = red.flatMap { Decimal(string: $0) }
        o.ragAmberBelow = amber.flatMap { Decimal(string: $0) }
        let r = Validation(options: o).run([dir.url.path + "/t"])
        #expect(r.metrics.projects.map(\.evmSignal) == [signal])
        let ids = r.diagnostics.map(\.id).filter { $0 == "rule.project.watermelon" || $0 == "rule.project.amber_signal" }
        #expect(ids == findings)
        if let amber = r.diagnostics.first(where: { $0.id == "rule.project.amber_signal" }) {
            #expect(amber.message == "reported Green while earned value is Amber-eligible (CPI or SPI under \(limit))")
        }
    }
}
