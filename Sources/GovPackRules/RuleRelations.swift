import CEL
import GovPackCore

// The relation fields every scope sees, one table per entity. Adding a relation is one line here.

private var schema: RuleSchema { RuleSchema.shared }

private func projectOf(_ id: String, _ x: RuleIndex) -> CELValue? {
    x.project(id).map { schema.object($0, x) }
}

extension Project: RuleRow {
    static let relations: [Relation<Project>] = [
        Relation(name: "program", type: .object(.programs)) { p, x in x.program(p.programID).map { schema.object($0, x) } },
        Relation(name: "manager_person", type: .object(.people)) { p, x in x.person(p.manager).map { schema.object($0, x) } },
        Relation(name: "risks", type: .list(.risks)) { p, x in schema.list(x.portfolio.risks, x.risks[p.projectID], x) },
        Relation(name: "issues", type: .list(.issues)) { p, x in schema.list(x.portfolio.issues, x.issues[p.projectID], x) },
        Relation(name: "milestones", type: .list(.milestones)) { p, x in schema.list(x.portfolio.milestones, x.milestones[p.projectID], x) },
        Relation(name: "stage_gates", type: .list(.stageGates)) { p, x in schema.list(x.portfolio.stageGates, x.stageGates[p.projectID], x) },
        Relation(name: "financials", type: .list(.financials)) { p, x in schema.list(x.portfolio.financials, x.financials[p.projectID], x) },
        Relation(name: "assignments", type: .list(.assignments)) { p, x in schema.list(x.portfolio.assignments, x.assignments[p.projectID], x) },
        Relation(name: "benefits", type: .list(.benefits)) { p, x in schema.list(x.portfolio.benefits, x.benefits[p.projectID], x) },
        Relation(name: "benefit_measurements", type: .list(.benefitMeasurements)) { p, x in schema.list(x.portfolio.benefitMeasurements, x.measurements[p.projectID], x) },
        Relation(name: "change_impacts", type: .list(.changeImpacts)) { p, x in schema.list(x.portfolio.changeImpacts, x.changeImpacts[p.projectID], x) },
        Relation(name: "lessons", type: .list(.lessons)) { p, x in schema.list(x.portfolio.lessons, x.lessons[p.projectID], x) },
        Relation(name: "dependencies", type: .list(.dependencies)) { p, x in schema.list(x.portfolio.dependencies, x.dependenciesFrom[p.projectID], x) },
        Relation(name: "dependents", type: .list(.dependencies)) { p, x in schema.list(x.portfolio.dependencies, x.dependenciesTo[p.projectID], x) },
        // Earned value to the report period, from the metrics stage; absent when undefined.
        Relation(name: "pv", type: .double) { p, x in x.figures[p.projectID].map { CELBridge.double($0.pv) } },
        Relation(name: "ev", type: .double) { p, x in x.figures[p.projectID].map { CELBridge.double($0.ev) } },
        Relation(name: "ac", type: .double) { p, x in x.figures[p.projectID].map { CELBridge.double($0.ac) } },
        Relation(name: "cpi", type: .double) { p, x in x.figures[p.projectID]?.cpi.map(CELValue.double) },
        Relation(name: "spi", type: .double) { p, x in x.figures[p.projectID]?.spi.map(CELValue.double) },
        Relation(name: "eac", type: .double) { p, x in x.figures[p.projectID]?.eac.map(CELValue.double) },
        Relation(name: "vac", type: .double) { p, x in x.figures[p.projectID]?.vac.map(CELValue.double) },
        Relation(name: "team_eac", type: .double) { p, x in x.figures[p.projectID]?.teamEAC.map(CELBridge.double) },
    ]
}

extension Program: RuleRow {
    static let relations: [Relation<Program>] = [
        Relation(name: "projects", type: .list(.projects)) { p, x in schema.list(x.portfolio.projects, x.projectsByProgram[p.programID], x) },
    ]
}

extension Person: RuleRow {
    static let relations: [Relation<Person>] = [
        Relation(name: "certifications", type: .list(.certifications)) { p, x in schema.list(x.portfolio.certifications, x.certificationsByPerson[p.personID], x) },
        Relation(name: "assignments", type: .list(.assignments)) { p, x in schema.list(x.portfolio.assignments, x.assignmentsByPerson[p.personID], x) },
    ]
}

extension Certification: RuleRow {
    static let relations: [Relation<Certification>] = [
        Relation(name: "person", type: .object(.people)) { c, x in x.person(c.personID).map { schema.object($0, x) } },
    ]
}

extension Financial: RuleRow {
    static let relations: [Relation<Financial>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}

extension Milestone: RuleRow {
    static let relations: [Relation<Milestone>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
        // Days from baseline to the actual (or else forecast) date; absent with neither.
        Relation(name: "slip_days", type: .int) { m, _ in
            (m.actualDate ?? m.forecastDate).map { .int(Int64(m.baselineDate.days(to: $0))) }
        },
    ]
}

extension StageGate: RuleRow {
    static let relations: [Relation<StageGate>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}

extension Risk: RuleRow {
    static let relations: [Relation<Risk>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
        Relation(name: "score", type: .int) { r, _ in .int(Int64(r.score)) },
    ]
}

extension Issue: RuleRow {
    static let relations: [Relation<Issue>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}

extension Assignment: RuleRow {
    static let relations: [Relation<Assignment>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
        Relation(name: "person", type: .object(.people)) { r, x in x.person(r.personID).map { schema.object($0, x) } },
    ]
}

extension Benefit: RuleRow {
    static let relations: [Relation<Benefit>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
        Relation(name: "measurements", type: .list(.benefitMeasurements)) { b, x in
            schema.list(x.portfolio.benefitMeasurements, x.measurementsByBenefit[RowKey(b.projectID, b.benefitID)], x)
        },
    ]
}

extension BenefitMeasurement: RuleRow {
    static let relations: [Relation<BenefitMeasurement>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}

extension Dependency: RuleRow {
    static let relations: [Relation<Dependency>] = [
        Relation(name: "from_project", type: .object(.projects)) { d, x in projectOf(d.fromProjectID, x) },
        Relation(name: "to_project", type: .object(.projects)) { d, x in projectOf(d.toProjectID, x) },
    ]
}

extension ChangeImpact: RuleRow {
    static let relations: [Relation<ChangeImpact>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}

extension Lesson: RuleRow {
    static let relations: [Relation<Lesson>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
    ]
}
