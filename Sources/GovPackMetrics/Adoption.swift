import Foundation
import GovPackCore

extension MetricDefinition {
    static let adoption: [MetricDefinition] = [
        .init(id: "adoption.gap", name: "Adoption gap", unit: "percentage points",
              formula: "adoption_target - adoption_actual of a stakeholder group's latest change_impacts row on or before E (rows without measured_on count as oldest); null when either is missing",
              example: "target 80, actual 65: 15"),
        .init(id: "adoption.mean_gap", name: "Adoption gap of a project", unit: "percentage points",
              formula: "mean gap over the project's groups that have one", example: "gaps 15 and 5: 10"),
        .init(id: "adoption.high_impact_below_target", name: "High-impact groups below target", unit: "count",
              formula: "groups with impact_level high and a gap > 0", example: "high impact, gap 15: 1"),
    ]
}

/// A stakeholder group's latest adoption position.
public struct AdoptionGroup: Sendable, Equatable {
    public var projectID: String
    public var stakeholderGroup: String
    public var impactLevel: ImpactLevel?
    public var measuredOn: Day?
    public var trainingCompletion: Decimal?
    public var target: Decimal?
    public var actual: Decimal?
    /// target - actual, percentage points; nil when either is missing.
    public var gap: Decimal?

    public init(projectID: String, stakeholderGroup: String, impactLevel: ImpactLevel?, measuredOn: Day?,
                trainingCompletion: Decimal?, target: Decimal?, actual: Decimal?) {
        self.projectID = projectID
        self.stakeholderGroup = stakeholderGroup
        self.impactLevel = impactLevel
        self.measuredOn = measuredOn
        self.trainingCompletion = trainingCompletion
        self.target = target
        self.actual = actual
        if let t = target, let a = actual { gap = t - a } else { gap = nil }
    }

    public var belowTarget: Bool { (gap ?? 0) > 0 }
    public var highImpactBelowTarget: Bool { impactLevel == .high && belowTarget }
}

/// The adoption figures of one project.
public struct AdoptionFigures: Sendable, Equatable {
    public var groups = 0
    public var belowTarget = 0
    public var highImpactBelowTarget = 0
    public var meanGap: Double?

    public init() {}
}

enum AdoptionCalc {
    /// The latest row per (project, group) on or before E; ties keep the first row.
    static func latest(_ rows: [ChangeImpact], known: (String) -> Bool, end: Day) -> [AdoptionGroup] {
        var best: [RowKey: ChangeImpact] = [:]
        for r in rows where known(r.projectID) {
            if let d = r.measuredOn, d > end { continue }
            let k = RowKey(r.projectID, r.stakeholderGroup)
            if let cur = best[k] {
                let c = cur.measuredOn?.daysSinceEpoch ?? Int32.min, n = r.measuredOn?.daysSinceEpoch ?? Int32.min
                if n <= c { continue }
            }
            best[k] = r
        }
        return best.values.map {
            AdoptionGroup(projectID: $0.projectID, stakeholderGroup: $0.stakeholderGroup, impactLevel: $0.impactLevel,
                          measuredOn: $0.measuredOn, trainingCompletion: $0.trainingCompletion,
                          target: $0.adoptionTarget, actual: $0.adoptionActual)
        }.sorted {
            $0.projectID != $1.projectID ? idLess($0.projectID, $1.projectID)
                : idLess($0.stakeholderGroup, $1.stakeholderGroup)
        }
    }

    static func figures(_ groups: ArraySlice<AdoptionGroup>) -> AdoptionFigures {
        var f = AdoptionFigures()
        var gaps: [Decimal] = []
        for g in groups {
            f.groups += 1
            if g.belowTarget { f.belowTarget += 1 }
            if g.highImpactBelowTarget { f.highImpactBelowTarget += 1 }
            if let x = g.gap { gaps.append(x) }
        }
        f.meanGap = Exact.mean(gaps)
        return f
    }
}
