import CEL
import GovPackCore

// The relation fields every scope sees, one table per entity. Adding a relation is one line here.

private var schema: RuleSchema { RuleSchema.shared }

private func projectOf(_ id: String, _ x: RuleIndex) -> CELValue? {
    x.projectByID[id].map { schema.object(x.portfolio.projects, $0, x) }
}

private func personOf(_ id: String?, _ x: RuleIndex) -> CELValue? {
    id.flatMap { x.personByID[$0] }.map { schema.object(x.portfolio.people, $0, x) }
}

extension Project: RuleRow {
    static let relations: [Relation<Project>] = [
        Relation(name: "program", type: .object(.programs)) { p, x in
            p.programID.flatMap { x.programByID[$0] }.map { schema.object(x.portfolio.programs, $0, x) }
        },
        Relation(name: "manager_person", type: .object(.people)) { p, x in personOf(p.manager, x) },
        .rows("risks", { $0.portfolio.risks }) { p, x in x.risks[p.projectID] },
        .rows("issues", { $0.portfolio.issues }) { p, x in x.issues[p.projectID] },
        .rows("milestones", { $0.portfolio.milestones }) { p, x in x.milestones[p.projectID] },
        .rows("stage_gates", { $0.portfolio.stageGates }) { p, x in x.stageGates[p.projectID] },
        .rows("financials", { $0.portfolio.financials }) { p, x in x.financials[p.projectID] },
        .rows("assignments", { $0.portfolio.assignments }) { p, x in x.assignments[p.projectID] },
        .rows("benefits", { $0.portfolio.benefits }) { p, x in x.benefits[p.projectID] },
        .rows("benefit_measurements", { $0.portfolio.benefitMeasurements }) { p, x in x.measurements[p.projectID] },
        .rows("change_impacts", { $0.portfolio.changeImpacts }) { p, x in x.changeImpacts[p.projectID] },
        .rows("lessons", { $0.portfolio.lessons }) { p, x in x.lessons[p.projectID] },
        .rows("dependencies", { $0.portfolio.dependencies }) { p, x in x.dependenciesFrom[p.projectID] },
        .rows("dependents", { $0.portfolio.dependencies }) { p, x in x.dependenciesTo[p.projectID] },
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
        .rows("projects", { $0.portfolio.projects }) { p, x in x.projectsByProgram[p.programID] },
    ]
}

extension Person: RuleRow {
    static let relations: [Relation<Person>] = [
        .rows("certifications", { $0.portfolio.certifications }) { p, x in x.certificationsByPerson[p.personID] },
        .rows("assignments", { $0.portfolio.assignments }) { p, x in x.assignmentsByPerson[p.personID] },
    ]
}

extension Certification: RuleRow {
    static let relations: [Relation<Certification>] = [
        Relation(name: "person", type: .object(.people)) { c, x in personOf(c.personID, x) },
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
        Relation(name: "person", type: .object(.people)) { r, x in personOf(r.personID, x) },
    ]
}

extension Benefit: RuleRow {
    static let relations: [Relation<Benefit>] = [
        Relation(name: "project", type: .object(.projects)) { r, x in projectOf(r.projectID, x) },
        .rows("measurements", { $0.portfolio.benefitMeasurements }) { b, x in
            x.measurementsByBenefit[RowKey(b.projectID, b.benefitID)]
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
