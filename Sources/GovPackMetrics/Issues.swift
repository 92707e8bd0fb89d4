import Foundation
import GovPackCore

extension MetricDefinition {
    static let issues: [MetricDefinition] = [
        .init(id: "open_issues", name: "Open issues", unit: "count",
              formula: "issues whose status is not closed (a missing status counts as open)",
              example: "open, closed, missing: 2"),
        .init(id: "open_issues_by_priority", name: "Open issues by priority", unit: "count",
              formula: "open issues by priority critical, high, medium, low, unspecified",
              example: "{critical: 1, high: 0, medium: 2, low: 0, unspecified: 1}"),
        .init(id: "overdue_issues", name: "Overdue issues", unit: "count",
              formula: "open issues with due_date < E", example: "E 2026-11-30, due 2026-11-29: overdue; due 2026-11-30: not"),
        .init(id: "escalated_issues", name: "Escalated issues", unit: "count",
              formula: "open issues with escalated true", example: "1"),
    ]
}

/// The issue figures of one project, or summed over many.
public struct IssueFigures: Sendable, Equatable {
    public var open = 0
    public var overdue = 0
    public var escalated = 0
    public var critical = 0, high = 0, medium = 0, low = 0, unspecified = 0

    public init() {}

    mutating func add(_ i: Issue, end: Day) {
        guard i.status != .closed else { return }
        open += 1
        if let d = i.dueDate, d < end { overdue += 1 }
        if i.escalated == true { escalated += 1 }
        switch i.priority {
        case .critical: critical += 1
        case .high: high += 1
        case .medium: medium += 1
        case .low: low += 1
        case nil: unspecified += 1
        }
    }

    mutating func add(_ o: IssueFigures) {
        open += o.open
        overdue += o.overdue
        escalated += o.escalated
        critical += o.critical
        high += o.high
        medium += o.medium
        low += o.low
        unspecified += o.unspecified
    }
}
