import Foundation
import GovPackCore

extension MetricDefinition {
    static let knowledge: [MetricDefinition] = [
        .init(id: "knowledge.lessons_per_closed_project", name: "Lessons per closed project", unit: "lessons",
              formula: "lessons of closed projects / closed projects; null with no closed project",
              example: "3 lessons over 2 closed projects: 1.5"),
        .init(id: "knowledge.closed_without_lessons", name: "Closed projects without lessons", unit: "project ids",
              formula: "closed projects with no lessons row", example: "[\"PRJ-007\"]"),
        .init(id: "knowledge.by_category", name: "Lessons by category", unit: "count",
              formula: "all lessons by category (trimmed, as written); missing category as \"uncategorised\"",
              example: "{governance: 2, uncategorised: 1}"),
    ]
}

/// What the portfolio has learned and recorded.
public struct KnowledgeSummary: Sendable, Equatable {
    public var closedProjects = 0
    public var lessonsOfClosedProjects = 0
    public var closedWithoutLessons: [String] = []
    public var byCategory: [DemandCount] = []

    public init() {}

    public var lessonsPerClosedProject: Double? {
        closedProjects == 0 ? nil : Exact.ratio(Decimal(lessonsOfClosedProjects), Decimal(closedProjects))
    }
}

/// A key and a count, for small tallies printed in key order.
public struct DemandCount: Sendable, Equatable {
    public var key: String
    public var count: Int
    public init(key: String, count: Int) {
        self.key = key
        self.count = count
    }
}

enum KnowledgeCalc {
    static let uncategorised = "uncategorised"

    static func category(_ l: Lesson) -> String {
        let c = l.category?.trimmingCharacters(in: .whitespaces) ?? ""
        return c.isEmpty ? uncategorised : c
    }
}
