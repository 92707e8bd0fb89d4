import Foundation
import GovPackCore

extension MetricDefinition {
    static let stageGates: [MetricDefinition] = [
        .init(id: "gates_due", name: "Stage gates due", unit: "count",
              formula: "stage gates with planned_date <= E", example: "G1 planned 2026-11-30, E 2026-11-30: due"),
        .init(id: "gate_compliance_pct", name: "Stage-gate compliance", unit: "%",
              formula: "100 x due gates with review_date <= planned_date + 14 days (grace configurable) and a decision / gates due; null when none due",
              example: "planned 2026-10-01, reviewed 2026-10-15 approved: compliant; reviewed 2026-10-16: not"),
        .init(id: "gates_overdue", name: "Overdue gates", unit: "count",
              formula: "due gates with no review_date once planned_date + grace (14 days) is before E",
              example: "planned 2026-10-14, not reviewed, E 2026-11-30: overdue"),
        .init(id: "gate_decisions", name: "Gate decisions by type", unit: "count",
              formula: "recorded decisions of all gates: approved, conditional, rejected, deferred",
              example: "G1 approved, G2 conditional: approved 1, conditional 1"),
    ]
}

/// The stage-gate figures of one project.
public struct GateFigures: Sendable, Equatable {
    public var gatesDue = 0
    public var gatesCompliant = 0
    /// Due gates still without a review once the grace period has passed.
    public var gatesOverdue = 0
    /// Recorded decisions of all the project's gates, in `GateDecision.allCases` order.
    public var decisions = [Int](repeating: 0, count: GateDecision.allCases.count)

    public init() {}

    public var compliancePct: Double? { Exact.percent(gatesCompliant, gatesDue) }

    mutating func add(_ g: StageGate, end: Day, graceDays: Int) {
        if let d = g.decision, let i = GateDecision.allCases.firstIndex(of: d) { decisions[i] += 1 }
        guard g.plannedDate <= end else { return }
        gatesDue += 1
        if g.reviewDate == nil && g.plannedDate.adding(days: graceDays) < end { gatesOverdue += 1 }
        if let r = g.reviewDate, r <= g.plannedDate.adding(days: graceDays), g.decision != nil {
            gatesCompliant += 1
        }
    }

    mutating func add(_ o: GateFigures) {
        gatesDue += o.gatesDue
        gatesCompliant += o.gatesCompliant
        gatesOverdue += o.gatesOverdue
        for i in decisions.indices { decisions[i] += o.decisions[i] }
    }
}
