import Foundation
import GovPackCore

extension MetricDefinition {
    static let prioritisation: [MetricDefinition] = [
        .init(id: "priority_rank", name: "Priority rank", unit: "rank (1 = first)",
              formula: "active projects ordered by strategic_score descending, then priority ascending (1 = highest), then CPI descending, then project_id; a missing value sorts after every present one; closed projects have none",
              example: "A score 80, B score 80 priority 1, C score 90: C 1, B 2, A 3"),
    ]
}

enum PrioritisationCalc {
    struct Candidate {
        var projectID: String
        var strategicScore: Int?
        var priority: Int?
        var cpi: Double?
    }

    /// Project ids in rank order.
    static func rank(_ cs: [Candidate]) -> [String] {
        cs.sorted { a, b in
            switch (a.strategicScore, b.strategicScore) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            switch (a.priority, b.priority) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            switch (a.cpi, b.cpi) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            return idLess(a.projectID, b.projectID)
        }.map(\.projectID)
    }
}
