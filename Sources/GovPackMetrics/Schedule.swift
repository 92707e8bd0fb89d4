import Foundation
import GovPackCore

extension MetricDefinition {
    static let schedule: [MetricDefinition] = [
        .init(id: "milestones_due", name: "Milestones due", unit: "count",
              formula: "milestones with baseline_date <= E (the period's last day)",
              example: "E 2026-11-30; baselines 2026-11-30 and 2026-12-01: 1"),
        .init(id: "milestones_on_time_pct", name: "Milestones on time", unit: "%",
              formula: "100 x due milestones with actual_date <= baseline_date / milestones due; null when none due",
              example: "3 due, 2 done on or before baseline: 66.66666666666667"),
        .init(id: "max_slip_days", name: "Largest milestone slip", unit: "days",
              formula: "max over all milestones of (actual_date, else forecast_date, else baseline_date) - baseline_date; null with no milestones. Negative = early",
              example: "baseline 2026-12-15, forecast 2027-01-20: 36"),
        .init(id: "overdue_milestones", name: "Overdue milestones", unit: "count",
              formula: "due milestones without an actual_date", example: "due, not done: 1"),
        .init(id: "milestones_due_next_period", name: "Milestones due next period", unit: "count",
              formula: "milestones without an actual_date whose forecast_date (else baseline_date) falls in the period after the report period",
              example: "report period 2026-11; forecast 2026-12-18, no actual: 1"),
        .init(id: "forecast_end_slip_days", name: "Forecast end slip", unit: "days",
              formula: "projects.forecast_end_date - baseline_end_date; null without a forecast",
              example: "baseline 2027-03-31, forecast 2027-04-30: 30"),
    ]
}

/// The milestone figures of one project.
public struct ScheduleFigures: Sendable, Equatable {
    public var milestones = 0
    public var milestonesDue = 0
    public var milestonesOnTime = 0
    public var overdueMilestones = 0
    public var dueNextPeriod = 0
    public var maxSlipDays: Int?

    public init() {}

    public var milestonesOnTimePct: Double? { Exact.percent(milestonesOnTime, milestonesDue) }

    mutating func add(_ m: Milestone, end: Day, nextEnd: Day) {
        milestones += 1
        if m.actualDate == nil {
            let expected = m.forecastDate ?? m.baselineDate
            if expected > end && expected <= nextEnd { dueNextPeriod += 1 }
        }
        if m.baselineDate <= end {
            milestonesDue += 1
            if let a = m.actualDate {
                if a <= m.baselineDate { milestonesOnTime += 1 }
            } else {
                overdueMilestones += 1
            }
        }
        let slip = m.baselineDate.days(to: m.actualDate ?? m.forecastDate ?? m.baselineDate)
        maxSlipDays = max(maxSlipDays ?? slip, slip)
    }

    mutating func add(_ o: ScheduleFigures) {
        milestones += o.milestones
        milestonesDue += o.milestonesDue
        milestonesOnTime += o.milestonesOnTime
        overdueMilestones += o.overdueMilestones
        dueNextPeriod += o.dueNextPeriod
        if let s = o.maxSlipDays { maxSlipDays = max(maxSlipDays ?? s, s) }
    }

    static func forecastEndSlip(_ p: Project) -> Int? {
        p.forecastEndDate.map { p.baselineEndDate.days(to: $0) }
    }
}
