import Foundation
import GovPackCore

/// The metrics JSON document, version 1 (`metrics-json.md`), written by hand so that key order
/// and number spelling are fixed and two runs print identical bytes.
///
/// Layout: the top-level object and `portfolio` hold one key per line; every element of an
/// array of objects is one line, so a diff shows one project per line. Keys come in the spec's
/// order; the extras below follow the spec's keys of the same object.
///
/// Numbers: counts print as integers; money and hours print exactly from `Decimal` (`1250000`,
/// `97000.5`); ratios and percentages are the nearest double of the exact value (see `Exact`)
/// and print as Swift's shortest round-trip spelling with a trailing `.0` dropped (`1.25`,
/// `0.8928571428571429`, `50`); nil prints `null`.
///
/// Order: arrays are sorted by their id field in code-point order (programs, projects, people by
/// id; risk_categories by name; benefits and adoption by project then benefit / group;
/// evm_series and resource_demand by period), so input order never shows.
///
/// Extra keys (after the spec's):
/// - `portfolio`: `etc`, `tcpi`, `watermelons`, `aged_risks`, `risk_concentration_pct`,
///   `risk_bands` {low, medium, high, critical}, `overdue_issues`, `escalated_issues`,
///   `open_issues_by_priority` {critical, high, medium, low, unspecified}, `milestones_on_time`,
///   `overdue_milestones`, `milestones_due_next_period`, `gates_due`, `gates_compliant`, `gates_overdue`, `gate_decisions` {approved, conditional, rejected, deferred}, `benefit_shortfalls`, `benefits_unmeasured`, `benefit_realisation_by_category` {financial, efficiency, customer, compliance, strategic}, `closed_projects_benefits_behind` [project ids], `stale_projects`,
///   `rag_not_reported` (active projects with no status update in the period),
///   `errors`, `warnings` (`compliance_score` is the mean of the projects' scores that are present).
/// - `programs[]`: `declared` (false when only a project names it), `active_projects`, `cv`, `sv`,
///   `eac`, `vac`, `open_risks`, `critical_risks`.
/// - `projects[]`: `name`, `evm_signal`, `escalation_due`, `aged_risks`, `overdue_issues`,
///   `escalated_issues`, `milestones_on_time`, `overdue_milestones`, `milestones_due_next_period`, `forecast_end_slip_days`,
///   `gates_compliant`, `gates_overdue`, `benefits_measured`, `adoption_mean_gap`, `high_impact_groups_below_target`,
///   `lessons`, `priority_rank` (null for closed projects), `days_since_update`, `stale`.
/// - `benefits[]`: `target_date`, `latest_measured_on`, `shortfall`.
/// - top level, after `benefits`: `evm_series` (the portfolio's cumulative S-curve, by period),
///   `risk_heat_map` (open risks; row i is probability i + 1, column j impact j + 1),
///   `resource_demand` (the periods after P, by skill and department), `adoption` (latest
///   position per project and stakeholder group), `capability`, `knowledge`.
public enum MetricsJSON {
    public static let schema = "govpack.metrics/1"

    public static func encode(_ m: PortfolioMetrics) -> String {
        var out = "{\n"
        var top: [(String, String)] = []
        top.append(("schema", string(schema)))
        top.append(("period", string(m.period.description)))
        top.append(("portfolio", portfolio(m.portfolio).lines(indent: "  ")))
        top.append(("programs", array(m.programs.map(program))))
        top.append(("projects", array(m.projects.map(project))))
        top.append(("people", array(m.people.map(person))))
        top.append(("risk_categories", array(m.riskCategories.map(riskCategory))))
        top.append(("benefits", array(m.benefits.map(benefit))))
        top.append(("evm_series", array(m.evmSeries.map(point))))
        top.append(("risk_heat_map", array(m.riskHeatMap.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" })))
        top.append(("resource_demand", array(m.resourceDemand.map(demand))))
        top.append(("adoption", array(m.adoption.map(adoptionGroup))))
        top.append(("capability", capability(m.capability)))
        top.append(("knowledge", knowledge(m.knowledge)))
        for (k, (key, value)) in top.enumerated() {
            out += "  \"" + key + "\": "
            out += value
            out += k == top.count - 1 ? "\n" : ",\n"
        }
        return out + "}\n"
    }

    public static func encodeData(_ m: PortfolioMetrics) -> Data { Data(encode(m).utf8) }

    // MARK: - Sections

    static func portfolio(_ p: PortfolioSummary) -> JSONObject {
        var o = JSONObject(keepPairs: true)
        o["projects"] = int(p.projects)
        o["active_projects"] = int(p.activeProjects)
        o["bac"] = money(p.evm.bac)
        o["pv"] = money(p.evm.pv)
        o["ev"] = money(p.evm.ev)
        o["ac"] = money(p.evm.ac)
        o["cv"] = money(p.evm.cv)
        o["sv"] = money(p.evm.sv)
        o["cpi"] = ratio(p.evm.cpi)
        o["spi"] = ratio(p.evm.spi)
        o["eac"] = money(p.evm.eac)
        o["vac"] = money(p.evm.vac)
        var rr = JSONObject()
        rr["R"] = int(p.ragReported.red)
        rr["A"] = int(p.ragReported.amber)
        rr["G"] = int(p.ragReported.green)
        o["rag_reported"] = rr.inline
        o["rag"] = rag(p.rag)
        o["open_risks"] = int(p.risks.openRisks)
        o["critical_risks"] = int(p.risks.criticalRisks)
        o["risk_exposure"] = int(p.risks.exposure)
        o["escalation_due"] = int(p.risks.escalationDue)
        o["open_issues"] = int(p.issues.open)
        o["milestones_due"] = int(p.schedule.milestonesDue)
        o["milestones_on_time_pct"] = ratio(p.schedule.milestonesOnTimePct)
        o["gate_compliance_pct"] = ratio(p.gates.compliancePct)
        o["over_allocated_people"] = int(p.overAllocatedPeople)
        o["resource_conflicts"] = int(p.resourceConflicts)
        o["benefit_realisation_pct"] = ratio(p.benefitRealisationPct)
        o["compliance_score"] = ratio(p.complianceScore)
        // Extras.
        o["etc"] = money(p.evm.etc)
        o["tcpi"] = ratio(p.evm.tcpi)
        o["watermelons"] = int(p.watermelons)
        o["aged_risks"] = int(p.risks.agedRisks)
        o["risk_concentration_pct"] = ratio(p.riskConcentrationPct)
        var bands = JSONObject()
        bands["low"] = int(p.riskBands.low)
        bands["medium"] = int(p.riskBands.medium)
        bands["high"] = int(p.riskBands.high)
        bands["critical"] = int(p.riskBands.critical)
        o["risk_bands"] = bands.inline
        o["overdue_issues"] = int(p.issues.overdue)
        o["escalated_issues"] = int(p.issues.escalated)
        var pr = JSONObject()
        pr["critical"] = int(p.issues.critical)
        pr["high"] = int(p.issues.high)
        pr["medium"] = int(p.issues.medium)
        pr["low"] = int(p.issues.low)
        pr["unspecified"] = int(p.issues.unspecified)
        o["open_issues_by_priority"] = pr.inline
        o["milestones_on_time"] = int(p.schedule.milestonesOnTime)
        o["overdue_milestones"] = int(p.schedule.overdueMilestones)
        o["milestones_due_next_period"] = int(p.schedule.dueNextPeriod)
        o["gates_due"] = int(p.gates.gatesDue)
        o["gates_compliant"] = int(p.gates.gatesCompliant)
        o["gates_overdue"] = int(p.gates.gatesOverdue)
        var decisions = JSONObject()
        for (i, d) in GateDecision.allCases.enumerated() { decisions[d.rawValue] = int(p.gates.decisions[i]) }
        o["gate_decisions"] = decisions.inline
        o["benefit_shortfalls"] = int(p.benefitShortfalls)
        o["benefits_unmeasured"] = int(p.benefitsUnmeasured)
        var byCategory = JSONObject()
        for (i, c) in BenefitCategory.allCases.enumerated() {
            byCategory[c.rawValue] = ratio(i < p.benefitRealisationByCategory.count ? p.benefitRealisationByCategory[i] : nil)
        }
        o["benefit_realisation_by_category"] = byCategory.inline
        o["closed_projects_benefits_behind"] = "[" + p.closedProjectsBenefitsBehind.map(string).joined(separator: ", ") + "]"
        o["stale_projects"] = int(p.staleProjects)
        o["rag_not_reported"] = int(p.notReported)
        o["errors"] = int(p.errors)
        o["warnings"] = int(p.warnings)
        return o
    }

    static func program(_ g: ProgramMetrics) -> String {
        var o = JSONObject()
        o["program_id"] = string(g.programID)
        o["projects"] = int(g.projects)
        o["rag"] = rag(g.rag)
        o["bac"] = money(g.evm.bac)
        o["pv"] = money(g.evm.pv)
        o["ev"] = money(g.evm.ev)
        o["ac"] = money(g.evm.ac)
        o["cpi"] = ratio(g.evm.cpi)
        o["spi"] = ratio(g.evm.spi)
        o["risk_exposure"] = int(g.risks.exposure)
        o["declared"] = bool(g.declared)
        o["active_projects"] = int(g.activeProjects)
        o["cv"] = money(g.evm.cv)
        o["sv"] = money(g.evm.sv)
        o["eac"] = money(g.evm.eac)
        o["vac"] = money(g.evm.vac)
        o["open_risks"] = int(g.risks.openRisks)
        o["critical_risks"] = int(g.risks.criticalRisks)
        return o.inline
    }

    static func project(_ p: ProjectMetrics) -> String {
        var o = JSONObject()
        o["project_id"] = string(p.projectID)
        o["program_id"] = p.programID.map(string) ?? "null"
        o["stage"] = string(p.stage.rawValue)
        o["bac"] = money(p.evm.bac)
        o["pv"] = money(p.evm.pv)
        o["ev"] = money(p.evm.ev)
        o["ac"] = money(p.evm.ac)
        o["cv"] = money(p.evm.cv)
        o["sv"] = money(p.evm.sv)
        o["cpi"] = ratio(p.evm.cpi)
        o["spi"] = ratio(p.evm.spi)
        o["eac"] = money(p.evm.eac)
        o["etc"] = money(p.evm.etc)
        o["vac"] = money(p.evm.vac)
        o["tcpi"] = ratio(p.evm.tcpi)
        o["rag_reported"] = rag(p.ragReported)
        o["rag_derived"] = rag(p.ragDerived)
        o["watermelon"] = bool(p.watermelon)
        o["open_risks"] = int(p.risks.openRisks)
        o["critical_risks"] = int(p.risks.criticalRisks)
        o["risk_exposure"] = int(p.risks.exposure)
        o["open_issues"] = int(p.issues.open)
        o["milestones_due"] = int(p.schedule.milestonesDue)
        o["milestones_on_time_pct"] = ratio(p.schedule.milestonesOnTimePct)
        o["max_slip_days"] = int(p.schedule.maxSlipDays)
        o["gates_due"] = int(p.gates.gatesDue)
        o["gate_compliance_pct"] = ratio(p.gates.compliancePct)
        o["benefit_realisation_pct"] = ratio(p.benefitRealisationPct)
        o["compliance_score"] = ratio(p.complianceScore)
        o["errors"] = int(p.errors)
        o["warnings"] = int(p.warnings)
        o["name"] = string(p.name)
        o["evm_signal"] = rag(p.evmSignal)
        o["escalation_due"] = int(p.risks.escalationDue)
        o["aged_risks"] = int(p.risks.agedRisks)
        o["overdue_issues"] = int(p.issues.overdue)
        o["escalated_issues"] = int(p.issues.escalated)
        o["milestones_on_time"] = int(p.schedule.milestonesOnTime)
        o["overdue_milestones"] = int(p.schedule.overdueMilestones)
        o["milestones_due_next_period"] = int(p.schedule.dueNextPeriod)
        o["forecast_end_slip_days"] = int(p.forecastEndSlipDays)
        o["gates_compliant"] = int(p.gates.gatesCompliant)
        o["gates_overdue"] = int(p.gates.gatesOverdue)
        o["benefits_measured"] = int(p.benefitsMeasured)
        o["adoption_mean_gap"] = ratio(p.adoption.meanGap)
        o["high_impact_groups_below_target"] = int(p.adoption.highImpactBelowTarget)
        o["lessons"] = int(p.lessons)
        o["priority_rank"] = int(p.priorityRank)
        o["days_since_update"] = int(p.daysSinceUpdate)
        o["stale"] = bool(p.stale)
        return o.inline
    }

    static func person(_ p: PersonMetrics) -> String {
        var o = JSONObject()
        o["person_id"] = string(p.personID)
        o["capacity_hours"] = money(p.capacityHours)
        o["planned_hours"] = money(p.plannedHours)
        o["actual_hours"] = money(p.actualHours)
        o["utilisation_pct"] = ratio(p.utilisationPct)
        o["over_allocated"] = bool(p.overAllocated)
        o["projects"] = int(p.projects)
        return o.inline
    }

    static func riskCategory(_ c: RiskCategoryMetrics) -> String {
        var o = JSONObject()
        o["category"] = string(c.category.rawValue)
        o["open_risks"] = int(c.openRisks)
        o["exposure"] = int(c.exposure)
        o["appetite"] = int(c.appetite)
        o["breach"] = bool(c.breach)
        return o.inline
    }

    static func benefit(_ b: BenefitMetrics) -> String {
        var o = JSONObject()
        o["project_id"] = string(b.projectID)
        o["benefit_id"] = string(b.benefitID)
        o["baseline_value"] = money(b.baselineValue)
        o["target_value"] = money(b.targetValue)
        o["latest_value"] = money(b.latestValue)
        o["realisation_pct"] = ratio(b.realisationPct)
        o["target_date"] = string(b.targetDate.description)
        o["latest_measured_on"] = b.latestMeasuredOn.map { string($0.description) } ?? "null"
        o["shortfall"] = bool(b.shortfall)
        return o.inline
    }

    static func point(_ p: EVMPoint) -> String {
        var o = JSONObject()
        o["period"] = string(p.period.description)
        o["pv"] = money(p.pv)
        o["ev"] = money(p.ev)
        o["ac"] = money(p.ac)
        return o.inline
    }

    static func demand(_ d: ResourceDemand) -> String {
        func lines(_ ls: [DemandLine], _ key: String) -> String {
            "[" + ls.map { l in
                var o = JSONObject()
                o[key] = string(l.key)
                o["demand_hours"] = money(l.demandHours)
                o["capacity_hours"] = money(l.capacityHours)
                return o.inline
            }.joined(separator: ", ") + "]"
        }
        var o = JSONObject()
        o["period"] = string(d.period.description)
        o["by_skill"] = lines(d.bySkill, "skill")
        o["by_department"] = lines(d.byDepartment, "department")
        return o.inline
    }

    static func adoptionGroup(_ g: AdoptionGroup) -> String {
        var o = JSONObject()
        o["project_id"] = string(g.projectID)
        o["stakeholder_group"] = string(g.stakeholderGroup)
        o["impact_level"] = g.impactLevel.map { string($0.rawValue) } ?? "null"
        o["measured_on"] = g.measuredOn.map { string($0.description) } ?? "null"
        o["training_completion"] = money(g.trainingCompletion)
        o["adoption_target"] = money(g.target)
        o["adoption_actual"] = money(g.actual)
        o["gap"] = money(g.gap)
        o["below_target"] = bool(g.belowTarget)
        return o.inline
    }

    static func capability(_ c: CapabilityCoverage) -> String {
        func counts(_ o: inout JSONObject, _ k: CapabilityCounts) {
            o["project_managers"] = int(k.projectManagers)
            o["current"] = int(k.current)
            o["expiring"] = int(k.expiring)
            o["none"] = int(k.none)
        }
        var o = JSONObject()
        counts(&o, c.overall)
        o["by_program"] = "[" + c.byProgram.map { g in
            var x = JSONObject()
            x["program_id"] = string(g.programID)
            counts(&x, g.counts)
            return x.inline
        }.joined(separator: ", ") + "]"
        return o.inline
    }

    static func knowledge(_ k: KnowledgeSummary) -> String {
        var o = JSONObject()
        o["closed_projects"] = int(k.closedProjects)
        o["lessons_of_closed_projects"] = int(k.lessonsOfClosedProjects)
        o["lessons_per_closed_project"] = ratio(k.lessonsPerClosedProject)
        o["closed_without_lessons"] = "[" + k.closedWithoutLessons.map(string).joined(separator: ", ") + "]"
        o["by_category"] = "[" + k.byCategory.map { c in
            var x = JSONObject()
            x["category"] = string(c.key)
            x["lessons"] = int(c.count)
            return x.inline
        }.joined(separator: ", ") + "]"
        return o.inline
    }

    // MARK: - Values

    /// An array of already-encoded values, one per line; `[]` when empty.
    static func array(_ items: [String]) -> String {
        guard !items.isEmpty else { return "[]" }
        var out = "[\n    "
        out.reserveCapacity(items.reduce(8) { $0 + $1.utf8.count + 6 })
        for (k, item) in items.enumerated() {
            if k > 0 { out += ",\n    " }
            out += item
        }
        out += "\n  ]"
        return out
    }

    static func int(_ v: Int) -> String { String(v) }
    static func int(_ v: Int?) -> String { v.map { String($0) } ?? "null" }
    static func bool(_ v: Bool) -> String { v ? "true" : "false" }
    static func rag(_ r: RAG?) -> String { r.map { "\"\($0.rawValue)\"" } ?? "null" }

    /// An exact decimal, as plain digits (Decimal never prints an exponent); NaN as null.
    public static func money(_ d: Decimal?) -> String {
        guard let d, !d.isNaN else { return "null" }
        return DecimalBits.text(d)
    }

    /// The shortest round-trip spelling, `.0` dropped; nil and non-finite values as null.
    public static func ratio(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "null" }
        let s = v.description
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func string(_ s: String) -> String { JSONWriter.quote(s) }
}

/// Key-value pairs whose values are already encoded, written straight into one string.
///
/// Keys are the writer's own snake_case literals, so they are quoted without escaping.
struct JSONObject {
    private var text = ""
    private var keys: [String] = []
    private var values: [String] = []
    private let keepPairs: Bool

    /// `keepPairs` keeps the pairs for `lines(indent:)`; inline objects need only the text.
    init(keepPairs: Bool = false) {
        self.keepPairs = keepPairs
        text.reserveCapacity(512)
    }

    subscript(key: String) -> String? {
        get { keys.firstIndex(of: key).map { values[$0] } }
        set {
            guard let v = newValue else { return }
            text += text.isEmpty ? "{\"" : ", \""
            text += key
            text += "\": "
            text += v
            if keepPairs {
                keys.append(key)
                values.append(v)
            }
        }
    }

    /// `{"a": 1, "b": 2}` on one line.
    var inline: String { text.isEmpty ? "{}" : text + "}" }

    /// One key per line at `indent` + 2, closing brace at `indent`.
    func lines(indent: String) -> String {
        guard !keys.isEmpty else { return "{}" }
        return "{\n" + zip(keys, values).map { indent + "  \"" + $0.0 + "\": " + $0.1 }
            .joined(separator: ",\n") + "\n" + indent + "}"
    }
}
