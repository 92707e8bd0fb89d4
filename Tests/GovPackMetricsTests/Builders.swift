import Foundation
import GovPackCore

// Terse row builders for hand-built portfolios. Dates and amounts are given as text so the
// fixtures read like the CSV they stand for.

func day(_ s: String) -> Day {
    guard let d = Day(s) else { fatalError("bad test date \(s)") }
    return d
}

func per(_ s: String) -> Period {
    guard let p = Period(s) else { fatalError("bad test period \(s)") }
    return p
}

func dec(_ s: String) -> Decimal {
    guard let d = Decimal(string: s) else { fatalError("bad test decimal \(s)") }
    return d
}

func project(_ id: String, program: String? = nil, stage: Stage = .execution, budget: String = "0",
             rag: RAG = .green, name: String? = nil, manager: String? = nil, strategic: Int? = nil,
             priority: Int? = nil, baselineEnd: String = "2027-03-31", forecastEnd: String? = nil,
             updated: String = "2026-11-24") -> Project {
    var p = Project()
    p.projectID = id
    p.name = name ?? id
    p.programID = program
    p.stage = stage
    p.budget = dec(budget)
    p.ragOverall = rag
    p.manager = manager
    p.strategicScore = strategic
    p.priority = priority
    p.startDate = day("2026-01-01")
    p.baselineEndDate = day(baselineEnd)
    p.forecastEndDate = forecastEnd.map(day)
    p.lastUpdated = day(updated)
    return p
}

func program(_ id: String) -> Program {
    var p = Program()
    p.programID = id
    p.name = id
    return p
}

func financial(_ project: String, _ period: String, pv: String, ev: String, ac: String) -> Financial {
    var f = Financial()
    f.projectID = project
    f.period = per(period)
    f.plannedValue = dec(pv)
    f.earnedValue = dec(ev)
    f.actualCost = dec(ac)
    return f
}

func milestone(_ project: String, _ id: String, baseline: String, forecast: String? = nil,
               actual: String? = nil) -> Milestone {
    var m = Milestone()
    m.projectID = project
    m.milestoneID = id
    m.name = id
    m.baselineDate = day(baseline)
    m.forecastDate = forecast.map(day)
    m.actualDate = actual.map(day)
    return m
}

func gate(_ project: String, _ g: Gate, planned: String, review: String? = nil,
          decision: GateDecision? = nil) -> StageGate {
    var s = StageGate()
    s.projectID = project
    s.gate = g
    s.plannedDate = day(planned)
    s.reviewDate = review.map(day)
    s.decision = decision
    return s
}

func risk(_ project: String, _ id: String, _ category: RiskCategory?, p: Int, i: Int, status: OpenClosed = .open,
          review: String? = nil, escalated: Bool? = nil) -> Risk {
    var r = Risk()
    r.projectID = project
    r.riskID = id
    r.title = id
    r.category = category
    r.probability = p
    r.impact = i
    r.status = status
    r.reviewDate = review.map(day)
    r.escalated = escalated
    return r
}

func issue(_ project: String, _ id: String, _ priority: IssuePriority?, status: OpenClosed?, due: String? = nil,
           escalated: Bool? = nil) -> Issue {
    var x = Issue()
    x.projectID = project
    x.issueID = id
    x.title = id
    x.priority = priority
    x.status = status
    x.dueDate = due.map(day)
    x.escalated = escalated
    return x
}

func person(_ id: String, capacity: String? = nil, skills: String? = nil, department: String? = nil) -> Person {
    var p = Person()
    p.personID = id
    p.name = id
    p.capacityHours = capacity.map(dec)
    p.skills = skills
    p.department = department
    return p
}

func assignment(_ project: String, _ person: String, _ period: String, planned: String,
                actual: String? = nil) -> Assignment {
    var a = Assignment()
    a.projectID = project
    a.personID = person
    a.period = per(period)
    a.plannedHours = dec(planned)
    a.actualHours = actual.map(dec)
    return a
}

func certification(_ person: String, _ name: String, obtained: String? = nil, expiry: String? = nil) -> Certification {
    var c = Certification()
    c.personID = person
    c.certification = name
    c.obtainedDate = obtained.map(day)
    c.expiryDate = expiry.map(day)
    return c
}

func benefit(_ project: String, _ id: String, baseline: String, target: String, targetDate: String) -> Benefit {
    var b = Benefit()
    b.projectID = project
    b.benefitID = id
    b.description = id
    b.baselineValue = dec(baseline)
    b.targetValue = dec(target)
    b.targetDate = day(targetDate)
    return b
}

func measurement(_ project: String, _ benefit: String, _ on: String, _ value: String) -> BenefitMeasurement {
    var m = BenefitMeasurement()
    m.projectID = project
    m.benefitID = benefit
    m.measuredOn = day(on)
    m.actualValue = dec(value)
    return m
}

func impact(_ project: String, _ group: String, _ level: ImpactLevel?, target: String?, actual: String?,
            training: String? = nil, on: String?) -> ChangeImpact {
    var c = ChangeImpact()
    c.projectID = project
    c.stakeholderGroup = group
    c.impactLevel = level
    c.adoptionTarget = target.map(dec)
    c.adoptionActual = actual.map(dec)
    c.trainingCompletion = training.map(dec)
    c.measuredOn = on.map(day)
    return c
}

func lesson(_ project: String, _ id: String, category: String?) -> Lesson {
    var l = Lesson()
    l.projectID = project
    l.lessonID = id
    l.category = category
    l.description = id
    return l
}
