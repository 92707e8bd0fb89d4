import Foundation
import GovPackCore

extension MetricDefinition {
    static let resources: [MetricDefinition] = [
        .init(id: "people.planned_hours", name: "Planned hours", unit: "hours",
              formula: "sum of the person's assignments.planned_hours in P", example: "80 + 90 = 170"),
        .init(id: "people.actual_hours", name: "Actual hours", unit: "hours",
              formula: "sum of the person's assignments.actual_hours in P, a missing value counting 0",
              example: "70 + (missing) = 70"),
        .init(id: "utilisation_pct", name: "Utilisation", unit: "%",
              formula: "100 x actual hours / capacity_hours (140 when missing); null when capacity is 0",
              example: "70 / 140: 50"),
        .init(id: "over_allocated", name: "Over-allocated", unit: "bool",
              formula: "planned hours in P > capacity_hours", example: "170 > 140: true"),
        .init(id: "people.projects", name: "Projects of a person", unit: "count",
              formula: "distinct projects where the person has planned or actual hours > 0 in P",
              example: "80 h on PRJ-1, 0 h on PRJ-2: 1"),
        .init(id: "resource_conflicts", name: "Resource conflicts", unit: "count",
              formula: "over-allocated people with projects >= 2", example: "170 h over 2 projects, capacity 140: 1"),
        .init(id: "resource_demand", name: "Demand versus capacity", unit: "hours",
              formula: "for each of the 3 periods after P: planned hours of the people holding a skill (or in a department) against the sum of their capacities; a person's hours count once under each of their skills, people without skills under \"unspecified\"",
              example: "2026-12: skill sql demand 120 h, capacity 280 h"),
    ]
}

/// One person's load in the report period.
public struct PersonMetrics: Sendable, Equatable {
    public var personID: String
    public var department: String?
    public var capacityHours: Decimal
    public var plannedHours: Decimal
    public var actualHours: Decimal
    public var utilisationPct: Double?
    public var overAllocated: Bool
    public var projects: Int

    public init(personID: String, department: String?, capacityHours: Decimal, plannedHours: Decimal,
                actualHours: Decimal, utilisationPct: Double?, overAllocated: Bool, projects: Int) {
        self.personID = personID
        self.department = department
        self.capacityHours = capacityHours
        self.plannedHours = plannedHours
        self.actualHours = actualHours
        self.utilisationPct = utilisationPct
        self.overAllocated = overAllocated
        self.projects = projects
    }

    /// Over-allocated and working on two or more projects.
    public var isConflict: Bool { overAllocated && projects >= 2 }
}

/// Demand and capacity of one skill or department in one future period.
public struct DemandLine: Sendable, Equatable {
    public var key: String
    public var demandHours: Decimal
    public var capacityHours: Decimal

    public init(key: String, demandHours: Decimal, capacityHours: Decimal) {
        self.key = key
        self.demandHours = demandHours
        self.capacityHours = capacityHours
    }
}

/// Demand versus capacity for one period after P, by skill and by department.
public struct ResourceDemand: Sendable, Equatable {
    public var period: Period
    public var bySkill: [DemandLine]
    public var byDepartment: [DemandLine]

    public init(period: Period, bySkill: [DemandLine], byDepartment: [DemandLine]) {
        self.period = period
        self.bySkill = bySkill
        self.byDepartment = byDepartment
    }
}

/// One pass over the assignments: P's load per person and the planned demand of the next periods.
struct ResourceAccumulator {
    static let unspecified = "unspecified"

    private let people: [Person]
    private var personIndex: CachedLookup
    private let period: Int32
    private let horizon: Int
    private var planned: [ExactSum]
    private var actual: [ExactSum]
    private var projectsOf: [[String]]
    /// `future[h][person]`: planned hours in P + 1 + h.
    private var future: [[ExactSum]]

    init(people: [Person], config: MetricsConfig) {
        var index: [String: Int] = [:]
        var kept: [Person] = []
        for p in people where index[p.personID] == nil {
            index[p.personID] = kept.count
            kept.append(p)
        }
        self.people = kept
        personIndex = CachedLookup(index)
        period = config.period.index
        horizon = max(config.demandHorizon, 0)
        planned = Array(repeating: ExactSum(), count: kept.count)
        actual = planned
        projectsOf = Array(repeating: [], count: kept.count)
        future = Array(repeating: planned, count: horizon)
    }

    /// An assignment row whose project is known; rows of unknown people are left out.
    mutating func add(_ a: Assignment) {
        let offset = Int(a.period.index) - Int(period)
        guard offset >= 0, offset <= horizon, let i = personIndex(a.personID) else { return }
        if offset > 0 {
            future[offset - 1][i].add(a.plannedHours)
            return
        }
        planned[i].add(a.plannedHours)
        if let h = a.actualHours { actual[i].add(h) }
        if (a.plannedHours > 0 || (a.actualHours ?? 0) > 0) && !projectsOf[i].contains(a.projectID) {
            projectsOf[i].append(a.projectID)
        }
    }

    func capacity(_ p: Person, _ config: MetricsConfig) -> Decimal { p.capacityHours ?? config.defaultCapacityHours }

    func people(config: MetricsConfig) -> [PersonMetrics] {
        var out: [PersonMetrics] = []
        out.reserveCapacity(people.count)
        for (i, p) in people.enumerated() {
            let cap = capacity(p, config)
            let pl = planned[i].value, ac = actual[i].value
            out.append(PersonMetrics(
                personID: p.personID, department: p.department, capacityHours: cap, plannedHours: pl,
                actualHours: ac, utilisationPct: Exact.percent(ac, cap), overAllocated: pl > cap,
                projects: projectsOf[i].count))
        }
        return out.sorted { idLess($0.personID, $1.personID) }
    }

    func demand(config: MetricsConfig) -> [ResourceDemand] {
        // Skills and departments are the same every period: number them once.
        var skillIDs: [String: Int] = [:], departmentIDs: [String: Int] = [:]
        var skillNames: [String] = [], departmentNames: [String] = []
        func intern(_ s: String, _ ids: inout [String: Int], _ names: inout [String]) -> Int {
            if let i = ids[s] { return i }
            ids[s] = names.count
            names.append(s)
            return names.count - 1
        }
        var skillsOf: [[Int]] = [], departmentOf: [Int] = []
        for p in people {
            let s = p.skillList
            let list = s.isEmpty ? [ResourceAccumulator.unspecified] : Array(Set(s))
            skillsOf.append(list.map { intern($0, &skillIDs, &skillNames) })
            let d = p.department?.trimmingCharacters(in: .whitespaces) ?? ""
            departmentOf.append(intern(d.isEmpty ? ResourceAccumulator.unspecified : d, &departmentIDs, &departmentNames))
        }
        var skillCapacity = Array(repeating: ExactSum(), count: skillNames.count)
        var departmentCapacity = Array(repeating: ExactSum(), count: departmentNames.count)
        for (i, p) in people.enumerated() {
            let cap = capacity(p, config)
            for s in skillsOf[i] { skillCapacity[s].add(cap) }
            departmentCapacity[departmentOf[i]].add(cap)
        }
        let skillOrder = skillNames.indices.sorted { idLess(skillNames[$0], skillNames[$1]) }
        let departmentOrder = departmentNames.indices.sorted { idLess(departmentNames[$0], departmentNames[$1]) }
        return (0..<horizon).map { h in
            var bySkill = Array(repeating: ExactSum(), count: skillNames.count)
            var byDepartment = Array(repeating: ExactSum(), count: departmentNames.count)
            for i in people.indices {
                let d = future[h][i]
                for s in skillsOf[i] { bySkill[s].add(d) }
                byDepartment[departmentOf[i]].add(d)
            }
            return ResourceDemand(
                period: config.period.adding(months: h + 1),
                bySkill: skillOrder.map {
                    DemandLine(key: skillNames[$0], demandHours: bySkill[$0].value, capacityHours: skillCapacity[$0].value)
                },
                byDepartment: departmentOrder.map {
                    DemandLine(key: departmentNames[$0], demandHours: byDepartment[$0].value,
                               capacityHours: departmentCapacity[$0].value)
                })
        }
    }
}
