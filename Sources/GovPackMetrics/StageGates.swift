import Foundation
import GovPackCore

extension MetricDefinition {
    static let stageGates: [MetricDefinition] = [
        .init(id: "gates_due", name: "Stage gates due", unit: "count",
              formula: "stage gates with planned_date <= E", example: "G1 planned 2026-11-30, E 2026-11-30: due"),
        .init(id: "gate_compliance_pct", name: "Stage-gate compliance", unit: "%",
              formula: "100 x due gates with review_date <= planned_date + 14 days (grace configurable) and a decision / gates due; null when none due",
              example: "planned 2026-10-01, reviewed 2026-10-15 approved: compliant; reviewed 2026-10-16: not"),
    ]
}

/// The stage-gate figures of one project.
public struct GateFigures: Sendable, Equatable {
    public var gatesDue = 0
    public var gatesCompliant = 0

    public init() {}

    public var compliancePct: Double? { Exact.percent(gatesCompliant, gatesDue) }

    mutating func add(_ g: StageGate, end: Day, graceDays: Int) {
        guard g.plannedDate <= end else { return }
        gatesDue += 1
        if let r = g.reviewDate, r <= g.plannedDate.adding(days: graceDays), g.decision != nil {
            gatesCompliant += 1
        }
    }

    mutating func add(_ o: GateFigures) {
        gatesDue += o.gatesDue
        gatesCompliant += o.gatesCompliant
    }
}
