import Foundation
import GovPackCore

extension MetricDefinition {
    static let rag: [MetricDefinition] = [
        .init(id: "evm_signal", name: "Earned-value RAG signal", unit: "RAG",
              formula: "R if CPI < 0.8 or SPI < 0.8, else A if CPI < 0.9 or SPI < 0.9, else G; a null CPI or SPI is ignored (thresholds configurable, compared exactly)",
              example: "CPI 0.89, SPI 0.83: A; CPI 0.79: R; AC = PV = 0: G"),
        .init(id: "rag_derived", name: "Derived RAG", unit: "RAG",
              formula: "the worse of rag_reported (projects.rag_overall) and the evm signal",
              example: "reported G, signal A: A"),
        .init(id: "watermelon", name: "Watermelon project", unit: "bool",
              formula: "rag_derived is worse than rag_reported (green outside, red inside)",
              example: "reported G, derived A: true; reported R, derived R: false"),
        .init(id: "rag", name: "Programme / portfolio RAG", unit: "RAG",
              formula: "worst rag_derived of the projects, closed ones included, null with no projects; option: BAC-weighted mean of ranks G 0, A 1, R 2, rounded half toward worse",
              example: "G, A, G: A; weighted: G budget 300 and R budget 100: mean 0.5, A"),
        .init(id: "rag_reported", name: "Reported RAG counts", unit: "count",
              formula: "projects by their reported rag_overall", example: "{R: 1, A: 2, G: 5}"),
    ]
}

/// The RAG rules: the earned-value signal, the derived RAG and the roll-up.
public enum RAGRules {
    /// R, A or G from CPI and SPI against the configured thresholds; nil ratios are ignored.
    public static func evmSignal(_ evm: EarnedValue, config: MetricsConfig) -> RAG {
        if evm.below(config.redBelow) { return .red }
        if evm.below(config.amberBelow) { return .amber }
        return .green
    }

    /// The roll-up of `(rag_derived, BAC)` pairs; nil when empty.
    public static func rollUp(_ items: [(rag: RAG, bac: Decimal)], method: MetricsConfig.RAGRollUp) -> RAG? {
        guard let worst = items.map(\.rag).max() else { return nil }
        guard method == .budgetWeighted else { return worst }
        var total = ExactSum(), weighted = ExactSum()
        for i in items {
            total.add(i.bac)
            if i.rag.rank > 0 { weighted.add(i.bac * Decimal(i.rag.rank)) }
        }
        let t = total.value, w = weighted.value
        guard t > 0 else { return worst }
        // mean = w / t; G below 0.5, A below 1.5, else R.
        if 2 * w < t { return .green }
        if 2 * w < 3 * t { return .amber }
        return .red
    }
}

/// Counts of projects by reported RAG.
public struct RAGCounts: Sendable, Equatable {
    public var red = 0
    public var amber = 0
    public var green = 0

    public init(red: Int = 0, amber: Int = 0, green: Int = 0) {
        self.red = red
        self.amber = amber
        self.green = green
    }

    mutating func count(_ r: RAG) {
        switch r {
        case .red: red += 1
        case .amber: amber += 1
        case .green: green += 1
        }
    }
}
