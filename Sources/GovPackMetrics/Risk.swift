import Foundation
import GovPackCore

extension MetricDefinition {
    static let risk: [MetricDefinition] = [
        .init(id: "risk_score", name: "Risk score", unit: "1-25",
              formula: "probability x impact", example: "probability 3, impact 5: 15"),
        .init(id: "risk_band", name: "Risk band", unit: "band",
              formula: "1-4 low, 5-9 medium, 10-14 high, 15-25 critical",
              example: "4 low, 5 medium, 9 medium, 10 high, 14 high, 15 critical"),
        .init(id: "open_risks", name: "Open risks", unit: "count", formula: "risks with status open",
              example: "3 open, 2 closed: 3"),
        .init(id: "critical_risks", name: "Critical risks", unit: "count",
              formula: "open risks with score >= 15", example: "scores 15, 14, 20 open: 2"),
        .init(id: "risk_exposure", name: "Risk exposure", unit: "score points",
              formula: "sum of the scores of the open risks of a project, programme or category",
              example: "open scores 6 and 15, closed 25: 21"),
        .init(id: "escalation_due", name: "Escalation due", unit: "count",
              formula: "open risks with score >= the escalation threshold (15) and escalated not true",
              example: "scores 16 (escalated), 20 (not), 12: 1"),
        .init(id: "appetite_breach", name: "Risk appetite breach", unit: "bool",
              formula: "a category's open exposure > its configured appetite; no appetite, no breach",
              example: "compliance exposure 64, appetite 60: breach"),
        .init(id: "risk_heat_map", name: "Risk heat map", unit: "count",
              formula: "open risks counted by probability (rows 1-5) and impact (columns 1-5)",
              example: "one open risk p3 i5: row 3 column 5 holds 1"),
        .init(id: "risk_concentration_pct", name: "Risk concentration", unit: "%",
              formula: "100 x open exposure of the 5 projects with most exposure / total open exposure; null when total is 0",
              example: "exposures 40, 30, 10, 10, 5, 5: 100 x 95 / 100 = 95"),
        .init(id: "aged_risks", name: "Aged risks", unit: "count",
              formula: "open risks whose review_date is missing or earlier than E - 60 days",
              example: "E 2026-11-30, so the limit is 2026-10-01: reviewed 2026-09-30 aged; reviewed 2026-10-01 not; never reviewed aged"),
    ]
}

/// The contract's risk bands.
public enum RiskBand: String, Sendable, CaseIterable {
    case low, medium, high, critical

    /// 1-4 low, 5-9 medium, 10-14 high, 15 and above critical.
    public init(score: Int) {
        switch score {
        case ..<5: self = .low
        case 5...9: self = .medium
        case 10...14: self = .high
        default: self = .critical
        }
    }
}

/// The risk figures of one project.
public struct RiskFigures: Sendable, Equatable {
    public var openRisks = 0
    public var criticalRisks = 0
    public var exposure = 0
    public var escalationDue = 0
    public var agedRisks = 0

    public init() {}

    /// A risk of the project: counted when open.
    mutating func add(_ r: Risk, config: MetricsConfig, agedBefore: Day) {
        guard r.status == .open else { return }
        let s = r.score
        openRisks += 1
        exposure += s
        if RiskBand(score: s) == .critical { criticalRisks += 1 }
        if s >= config.escalationThreshold && r.escalated != true { escalationDue += 1 }
        if let d = r.reviewDate { if d < agedBefore { agedRisks += 1 } } else { agedRisks += 1 }
    }

    mutating func add(_ o: RiskFigures) {
        openRisks += o.openRisks
        criticalRisks += o.criticalRisks
        exposure += o.exposure
        escalationDue += o.escalationDue
        agedRisks += o.agedRisks
    }
}

/// One of the eight categories: its open risks, exposure and appetite.
public struct RiskCategoryMetrics: Sendable, Equatable {
    public var category: RiskCategory
    public var openRisks: Int
    public var exposure: Int
    public var appetite: Int?
    /// exposure > appetite; false without an appetite.
    public var breach: Bool

    public init(category: RiskCategory, openRisks: Int, exposure: Int, appetite: Int?, breach: Bool) {
        self.category = category
        self.openRisks = openRisks
        self.exposure = exposure
        self.appetite = appetite
        self.breach = breach
    }
}

/// Portfolio-wide risk tables: categories, bands, heat map.
struct RiskTables {
    var byCategory: [RiskCategory: (open: Int, exposure: Int)] = [:]
    /// `heatMap[probability - 1][impact - 1]`, open risks only.
    var heatMap = Array(repeating: Array(repeating: 0, count: 5), count: 5)
    var bands: [RiskBand: Int] = [:]

    mutating func add(_ r: Risk) {
        guard r.status == .open else { return }
        if let c = r.category {
            let cur = byCategory[c] ?? (0, 0)
            byCategory[c] = (cur.open + 1, cur.exposure + r.score)
        }
        if (1...5).contains(r.probability), (1...5).contains(r.impact) {
            heatMap[r.probability - 1][r.impact - 1] += 1
        }
        bands[RiskBand(score: r.score), default: 0] += 1
    }

    /// All eight categories in name order, zeros included.
    func categories(config: MetricsConfig) -> [RiskCategoryMetrics] {
        RiskCategory.allCases.sorted { idLess($0.rawValue, $1.rawValue) }.map { c in
            let f = byCategory[c] ?? (0, 0)
            let appetite = config.riskAppetite[c]
            return RiskCategoryMetrics(category: c, openRisks: f.open, exposure: f.exposure, appetite: appetite,
                                       breach: appetite.map { f.exposure > $0 } ?? false)
        }
    }

    /// 100 x exposure of the top `n` projects / total; nil when the total is 0.
    static func concentration(_ exposures: [Int], top n: Int) -> Double? {
        let total = exposures.reduce(0, +)
        guard total > 0 else { return nil }
        let top = exposures.sorted(by: >).prefix(max(n, 0)).reduce(0, +)
        return Exact.percent(top, total)
    }
}

/// Open risks by band.
public struct RiskBandCounts: Sendable, Equatable {
    public var low = 0, medium = 0, high = 0, critical = 0
    public init(low: Int = 0, medium: Int = 0, high: Int = 0, critical: Int = 0) {
        self.low = low
        self.medium = medium
        self.high = high
        self.critical = critical
    }
}
