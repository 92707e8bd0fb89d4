import Foundation
import GovPackCore
import Testing
@testable import GovPackMetrics

/// A four-project portfolio touching every section of the JSON, period 2026-11 (E = 2026-11-30).
/// Every figure in `expected` below was worked out by hand; the working is in the comments.
enum GoldenPortfolio {
    static var config: MetricsConfig {
        var c = MetricsConfig(period: per("2026-11"))
        c.riskAppetite = [.compliance: 30, .schedule: 10]
        c.concentrationTopProjects = 1
        return c
    }

    static let compliance: [String: ProjectCompliance] = [
        "PRJ-A": ProjectCompliance(score: 87.5, errors: 1, warnings: 2),
        "PRJ-C": ProjectCompliance(score: nil, errors: 0, warnings: 1),
    ]

    static var portfolio: Portfolio {
        var p = Portfolio()
        p.programs = [program("PGM-1"), program("PGM-2")]
        p.projects = [
            project("PRJ-A", program: "PGM-1", stage: .execution, budget: "4000", rag: .green,
                    name: "Card tokenisation", manager: "P-1", strategic: 80, priority: 2,
                    baselineEnd: "2027-03-31", forecastEnd: "2027-04-30"),
            project("PRJ-B", program: "PGM-1", stage: .closed, budget: "1000", rag: .amber,
                    name: "Legacy \"core\" exit", manager: "P-2"),
            project("PRJ-C", program: "PGM-9", stage: .planning, budget: "500", rag: .red, name: "=cmd",
                    manager: "P-3", strategic: 80, priority: 1),
            project("PRJ-D", program: nil, stage: .initiation, budget: "0", rag: .green, name: "Data, platform",
                    manager: "P-4", strategic: 50, updated: "2026-10-15"),  // 46 days before E: stale
        ]
        p.financials = [
            // A: cumulative to 2026-11 PV 3000, EV 2500, AC 2800 (the published example).
            financial("PRJ-A", "2026-10", pv: "1000", ev: "900", ac: "1000"),
            financial("PRJ-A", "2026-11", pv: "2000", ev: "1600", ac: "1800"),
            financial("PRJ-A", "2026-12", pv: "500", ev: "0", ac: "0"),  // after P: ignored
            financial("PRJ-B", "2026-09", pv: "1000", ev: "1000", ac: "950.6"),
            financial("PRJ-C", "2026-11", pv: "1200", ev: "900", ac: "0"),
            financial("PRJ-X", "2026-11", pv: "999", ev: "999", ac: "999"),  // unknown project
        ]
        p.milestones = [
            milestone("PRJ-A", "M1", baseline: "2026-10-15", actual: "2026-10-10"),  // due, on time, -5
            milestone("PRJ-A", "M2", baseline: "2026-11-30", forecast: "2026-12-20"),  // due, overdue, +20
            milestone("PRJ-A", "M3", baseline: "2027-01-31"),  // not due, 0
            milestone("PRJ-B", "M1", baseline: "2026-06-30", actual: "2026-07-10"),  // due, late, +10
            milestone("PRJ-D", "M1", baseline: "2026-12-01", forecast: "2026-11-25"),  // not due, -6
            milestone("PRJ-X", "M1", baseline: "2026-01-01"),
        ]
        p.stageGates = [
            gate("PRJ-A", .g1, planned: "2026-09-01", review: "2026-09-15", decision: .approved),  // 14 days: ok
            gate("PRJ-A", .g2, planned: "2026-10-01", review: "2026-10-16", decision: .approved),  // 15 days: not
            gate("PRJ-A", .g3, planned: "2026-12-15"),  // not due
            gate("PRJ-B", .g4, planned: "2026-05-01", review: "2026-05-01"),  // no decision: not
            gate("PRJ-C", .g0, planned: "2026-11-30", review: "2026-11-30", decision: .conditional),  // ok
        ]
        p.risks = [
            risk("PRJ-A", "R1", .compliance, p: 3, i: 5, review: "2026-11-01"),  // 15 critical, escalation due
            risk("PRJ-A", "R2", .technical, p: 2, i: 2, review: "2026-10-01"),  // 4 low, not aged (= E - 60)
            risk("PRJ-A", "R3", .financial, p: 5, i: 5, status: .closed),
            risk("PRJ-B", "R1", .schedule, p: 3, i: 3, review: "2026-09-30"),  // 9 medium, aged
            risk("PRJ-C", "R1", .compliance, p: 4, i: 4, escalated: true),  // 16 critical, aged, escalated
            risk("PRJ-C", "R2", nil, p: 2, i: 5, review: "2026-11-15"),  // 10 high, no category
            risk("PRJ-C", "R3", .strategic, p: 1, i: 5, review: "2026-11-20"),  // 5 medium
        ]
        p.issues = [
            issue("PRJ-A", "I1", .high, status: .open, due: "2026-11-29", escalated: true),  // overdue
            issue("PRJ-A", "I2", .critical, status: .closed),
            issue("PRJ-A", "I3", nil, status: nil, due: "2026-11-30"),  // open, not overdue
            issue("PRJ-C", "I1", .medium, status: .open),
        ]
        p.people = [
            person("P-1", skills: "pm;agile", department: "PMO"),
            person("P-2", capacity: "0"),
            person("P-3", capacity: "100", skills: "sql", department: "Data"),
            person("P-4", capacity: "160", skills: "sql; pm", department: "Data"),
        ]
        p.assignments = [
            assignment("PRJ-A", "P-1", "2026-11", planned: "80", actual: "70"),
            assignment("PRJ-C", "P-1", "2026-11", planned: "90"),
            assignment("PRJ-A", "P-2", "2026-11", planned: "0", actual: "0"),
            assignment("PRJ-A", "P-3", "2026-10", planned: "50", actual: "50"),
            assignment("PRJ-D", "P-3", "2026-11", planned: "100.5", actual: "99.25"),
            assignment("PRJ-A", "P-9", "2026-11", planned: "10"),  // unknown person
            assignment("PRJ-X", "P-4", "2026-11", planned: "10"),  // unknown project
            assignment("PRJ-A", "P-1", "2026-12", planned: "60"),
            assignment("PRJ-C", "P-3", "2027-01", planned: "40"),
            assignment("PRJ-A", "P-4", "2026-12", planned: "20"),
        ]
        p.certifications = [
            certification("P-1", "PMP", expiry: "2027-01-15"),  // within 90 days of E: expiring
            certification("P-1", "PRINCE2", expiry: "2026-11-30"),  // expired at E
            certification("P-2", "CSM"),  // manages only a closed project
            certification("P-3", "PMI-ACP", obtained: "2026-12-01"),  // obtained after E
            certification("P-4", "PMP", expiry: "2027-03-01"),  // after E + 90 = 2027-02-28: current
        ]
        p.benefits = [
            benefit("PRJ-A", "B1", baseline: "100", target: "200", targetDate: "2026-10-31"),
            benefit("PRJ-A", "B2", baseline: "10", target: "10", targetDate: "2027-06-30"),
            benefit("PRJ-B", "B1", baseline: "0", target: "1000", targetDate: "2026-06-30"),
            benefit("PRJ-C", "B1", baseline: "50", target: "0", targetDate: "2027-12-31"),
            benefit("PRJ-D", "B1", baseline: "0", target: "100", targetDate: "2026-11-30"),
        ]
        p.benefitMeasurements = [
            measurement("PRJ-A", "B1", "2026-09-30", "130"),
            measurement("PRJ-A", "B1", "2026-11-15", "150"),
            measurement("PRJ-A", "B1", "2026-12-05", "190"),  // after E: ignored
            measurement("PRJ-A", "B2", "2026-11-01", "12"),
            measurement("PRJ-B", "B1", "2026-07-31", "1000.5"),
            measurement("PRJ-C", "B1", "2026-11-30", "40"),
            measurement("PRJ-A", "B9", "2026-11-01", "1"),  // unknown benefit
        ]
        p.changeImpacts = [
            impact("PRJ-A", "Branch staff", .high, target: "80", actual: "60", training: "90", on: "2026-10-31"),
            impact("PRJ-A", "Branch staff", .high, target: "80", actual: "75", training: "95", on: "2026-11-20"),
            impact("PRJ-A", "Branch staff", .high, target: "80", actual: "85", on: "2026-12-10"),  // after E
            impact("PRJ-A", "Call centre", .medium, target: "70", actual: "70", on: nil),
            impact("PRJ-C", "Finance", .high, target: "50", actual: nil, on: "2026-11-01"),
        ]
        p.lessons = [
            lesson("PRJ-A", "L1", category: "governance"),
            lesson("PRJ-A", "L2", category: nil),
            lesson("PRJ-X", "L1", category: "lost"),
        ]
        return p
    }

    // Portfolio EVM: BAC 4000+1000+500+0 = 5500; PV 3000+1000+1200 = 5200; EV 2500+1000+900 = 4400;
    // AC 2800+950.6+0 = 3750.6; CV 649.4; SV -800; CPI 4400/3750.6; SPI 4400/5200 = 11/13;
    // EAC 5500 x 3750.6 / 4400 = 4688.25; ETC 937.65; VAC 811.75; TCPI 1100/1749.4.
    // PGM-1 (A, B): BAC 5000, PV 4000, EV 3500, AC 3750.6, CPI 3500/3750.6, SPI 0.875,
    // EAC 5000 x 3750.6 / 3500 = 5358, VAC -358. Milestones 1 on time of 3 due: 100/3.
    // Concentration (top 1): C's 31 of 59. Benefits: (50 + 100.05 + 20) / 3.
    static let expected = """
{
  "schema": "govpack.metrics/1",
  "period": "2026-11",
  "portfolio": {
    "projects": 4,
    "active_projects": 3,
    "bac": 5500,
    "pv": 5200,
    "ev": 4400,
    "ac": 3750.6,
    "cv": 649.4,
    "sv": -800,
    "cpi": 1.173145630032528,
    "spi": 0.8461538461538461,
    "eac": 4688.25,
    "vac": 811.75,
    "rag_reported": {"R": 1, "A": 1, "G": 2},
    "rag": "R",
    "open_risks": 6,
    "critical_risks": 2,
    "risk_exposure": 59,
    "escalation_due": 1,
    "open_issues": 3,
    "milestones_due": 3,
    "milestones_on_time_pct": 33.333333333333336,
    "gate_compliance_pct": 50,
    "over_allocated_people": 2,
    "resource_conflicts": 1,
    "benefit_realisation_pct": 56.68333333333333,
    "compliance_score": 87.5,
    "etc": 937.65,
    "tcpi": 0.6287870126900652,
    "watermelons": 1,
    "aged_risks": 2,
    "risk_concentration_pct": 52.54237288135593,
    "risk_bands": {"low": 1, "medium": 2, "high": 1, "critical": 2},
    "overdue_issues": 1,
    "escalated_issues": 1,
    "open_issues_by_priority": {"critical": 0, "high": 1, "medium": 1, "low": 0, "unspecified": 1},
    "milestones_on_time": 1,
    "overdue_milestones": 1,
    "milestones_due_next_period": 1,
    "gates_due": 4,
    "gates_compliant": 2,
    "gates_overdue": 0,
    "gate_decisions": {"approved": 2, "conditional": 1, "rejected": 0, "deferred": 0},
    "benefit_shortfalls": 2,
    "benefits_unmeasured": 1,
    "benefit_realisation_by_category": {"financial": null, "efficiency": null, "customer": null, "compliance": null, "strategic": null},
    "closed_projects_benefits_behind": [],
    "stale_projects": 1,
    "rag_not_reported": 1,
    "errors": 1,
    "warnings": 3
  },
  "programs": [
    {"program_id": "PGM-1", "projects": 2, "rag": "A", "bac": 5000, "pv": 4000, "ev": 3500, "ac": 3750.6, "cpi": 0.933184023889511, "spi": 0.875, "risk_exposure": 28, "declared": true, "active_projects": 1, "cv": -250.6, "sv": -500, "eac": 5358, "vac": -358, "open_risks": 3, "critical_risks": 1},
    {"program_id": "PGM-2", "projects": 0, "rag": null, "bac": 0, "pv": 0, "ev": 0, "ac": 0, "cpi": null, "spi": null, "risk_exposure": 0, "declared": true, "active_projects": 0, "cv": 0, "sv": 0, "eac": null, "vac": null, "open_risks": 0, "critical_risks": 0},
    {"program_id": "PGM-9", "projects": 1, "rag": "R", "bac": 500, "pv": 1200, "ev": 900, "ac": 0, "cpi": null, "spi": 0.75, "risk_exposure": 31, "declared": false, "active_projects": 1, "cv": 900, "sv": -300, "eac": null, "vac": null, "open_risks": 3, "critical_risks": 1}
  ],
  "projects": [
    {"project_id": "PRJ-A", "program_id": "PGM-1", "stage": "execution", "bac": 4000, "pv": 3000, "ev": 2500, "ac": 2800, "cv": -300, "sv": -500, "cpi": 0.8928571428571429, "spi": 0.8333333333333334, "eac": 4480, "etc": 1680, "vac": -480, "tcpi": 1.25, "rag_reported": "G", "rag_derived": "A", "watermelon": true, "open_risks": 2, "critical_risks": 1, "risk_exposure": 19, "open_issues": 2, "milestones_due": 2, "milestones_on_time_pct": 50, "max_slip_days": 20, "gates_due": 2, "gate_compliance_pct": 50, "benefit_realisation_pct": 50, "compliance_score": 87.5, "errors": 1, "warnings": 2, "name": "Card tokenisation", "evm_signal": "A", "escalation_due": 1, "aged_risks": 0, "overdue_issues": 1, "escalated_issues": 1, "milestones_on_time": 1, "overdue_milestones": 1, "milestones_due_next_period": 1, "forecast_end_slip_days": 30, "gates_compliant": 1, "gates_overdue": 0, "benefits_measured": 1, "adoption_mean_gap": 2.5, "high_impact_groups_below_target": 1, "lessons": 2, "priority_rank": 2, "days_since_update": 6, "stale": false},
    {"project_id": "PRJ-B", "program_id": "PGM-1", "stage": "closed", "bac": 1000, "pv": 1000, "ev": 1000, "ac": 950.6, "cv": 49.4, "sv": 0, "cpi": 1.051967178624027, "spi": 1, "eac": 950.6, "etc": 0, "vac": 49.4, "tcpi": 0, "rag_reported": "A", "rag_derived": "A", "watermelon": false, "open_risks": 1, "critical_risks": 0, "risk_exposure": 9, "open_issues": 0, "milestones_due": 1, "milestones_on_time_pct": 0, "max_slip_days": 10, "gates_due": 1, "gate_compliance_pct": 0, "benefit_realisation_pct": 100.05, "compliance_score": null, "errors": 0, "warnings": 0, "name": "Legacy \\"core\\" exit", "evm_signal": "G", "escalation_due": 0, "aged_risks": 1, "overdue_issues": 0, "escalated_issues": 0, "milestones_on_time": 0, "overdue_milestones": 0, "milestones_due_next_period": 0, "forecast_end_slip_days": null, "gates_compliant": 0, "gates_overdue": 0, "benefits_measured": 1, "adoption_mean_gap": null, "high_impact_groups_below_target": 0, "lessons": 0, "priority_rank": null, "days_since_update": 6, "stale": false},
    {"project_id": "PRJ-C", "program_id": "PGM-9", "stage": "planning", "bac": 500, "pv": 1200, "ev": 900, "ac": 0, "cv": 900, "sv": -300, "cpi": null, "spi": 0.75, "eac": null, "etc": null, "vac": null, "tcpi": -0.8, "rag_reported": "R", "rag_derived": "R", "watermelon": false, "open_risks": 3, "critical_risks": 1, "risk_exposure": 31, "open_issues": 1, "milestones_due": 0, "milestones_on_time_pct": null, "max_slip_days": null, "gates_due": 1, "gate_compliance_pct": 100, "benefit_realisation_pct": 20, "compliance_score": null, "errors": 0, "warnings": 1, "name": "=cmd", "evm_signal": "R", "escalation_due": 0, "aged_risks": 1, "overdue_issues": 0, "escalated_issues": 0, "milestones_on_time": 0, "overdue_milestones": 0, "milestones_due_next_period": 0, "forecast_end_slip_days": null, "gates_compliant": 1, "gates_overdue": 0, "benefits_measured": 1, "adoption_mean_gap": null, "high_impact_groups_below_target": 0, "lessons": 0, "priority_rank": 1, "days_since_update": 6, "stale": false},
    {"project_id": "PRJ-D", "program_id": null, "stage": "initiation", "bac": 0, "pv": 0, "ev": 0, "ac": 0, "cv": 0, "sv": 0, "cpi": null, "spi": null, "eac": null, "etc": null, "vac": null, "tcpi": null, "rag_reported": "G", "rag_derived": "G", "watermelon": false, "open_risks": 0, "critical_risks": 0, "risk_exposure": 0, "open_issues": 0, "milestones_due": 0, "milestones_on_time_pct": null, "max_slip_days": -6, "gates_due": 0, "gate_compliance_pct": null, "benefit_realisation_pct": null, "compliance_score": null, "errors": 0, "warnings": 0, "name": "Data, platform", "evm_signal": "G", "escalation_due": 0, "aged_risks": 0, "overdue_issues": 0, "escalated_issues": 0, "milestones_on_time": 0, "overdue_milestones": 0, "milestones_due_next_period": 0, "forecast_end_slip_days": null, "gates_compliant": 0, "gates_overdue": 0, "benefits_measured": 0, "adoption_mean_gap": null, "high_impact_groups_below_target": 0, "lessons": 0, "priority_rank": 3, "days_since_update": 46, "stale": true}
  ],
  "people": [
    {"person_id": "P-1", "capacity_hours": 140, "planned_hours": 170, "actual_hours": 70, "utilisation_pct": 50, "over_allocated": true, "projects": 2},
    {"person_id": "P-2", "capacity_hours": 0, "planned_hours": 0, "actual_hours": 0, "utilisation_pct": null, "over_allocated": false, "projects": 0},
    {"person_id": "P-3", "capacity_hours": 100, "planned_hours": 100.5, "actual_hours": 99.25, "utilisation_pct": 99.25, "over_allocated": true, "projects": 1},
    {"person_id": "P-4", "capacity_hours": 160, "planned_hours": 0, "actual_hours": 0, "utilisation_pct": 0, "over_allocated": false, "projects": 0}
  ],
  "risk_categories": [
    {"category": "compliance", "open_risks": 2, "exposure": 31, "appetite": 30, "breach": true},
    {"category": "external", "open_risks": 0, "exposure": 0, "appetite": null, "breach": false},
    {"category": "financial", "open_risks": 0, "exposure": 0, "appetite": null, "breach": false},
    {"category": "operational", "open_risks": 0, "exposure": 0, "appetite": null, "breach": false},
    {"category": "resource", "open_risks": 0, "exposure": 0, "appetite": null, "breach": false},
    {"category": "schedule", "open_risks": 1, "exposure": 9, "appetite": 10, "breach": false},
    {"category": "strategic", "open_risks": 1, "exposure": 5, "appetite": null, "breach": false},
    {"category": "technical", "open_risks": 1, "exposure": 4, "appetite": null, "breach": false}
  ],
  "benefits": [
    {"project_id": "PRJ-A", "benefit_id": "B1", "baseline_value": 100, "target_value": 200, "latest_value": 150, "realisation_pct": 50, "target_date": "2026-10-31", "latest_measured_on": "2026-11-15", "shortfall": true},
    {"project_id": "PRJ-A", "benefit_id": "B2", "baseline_value": 10, "target_value": 10, "latest_value": 12, "realisation_pct": null, "target_date": "2027-06-30", "latest_measured_on": "2026-11-01", "shortfall": false},
    {"project_id": "PRJ-B", "benefit_id": "B1", "baseline_value": 0, "target_value": 1000, "latest_value": 1000.5, "realisation_pct": 100.05, "target_date": "2026-06-30", "latest_measured_on": "2026-07-31", "shortfall": false},
    {"project_id": "PRJ-C", "benefit_id": "B1", "baseline_value": 50, "target_value": 0, "latest_value": 40, "realisation_pct": 20, "target_date": "2027-12-31", "latest_measured_on": "2026-11-30", "shortfall": false},
    {"project_id": "PRJ-D", "benefit_id": "B1", "baseline_value": 0, "target_value": 100, "latest_value": null, "realisation_pct": null, "target_date": "2026-11-30", "latest_measured_on": null, "shortfall": true}
  ],
  "evm_series": [
    {"period": "2026-09", "pv": 1000, "ev": 1000, "ac": 950.6},
    {"period": "2026-10", "pv": 2000, "ev": 1900, "ac": 1950.6},
    {"period": "2026-11", "pv": 5200, "ev": 4400, "ac": 3750.6}
  ],
  "risk_heat_map": [
    [0, 0, 0, 0, 1],
    [0, 1, 0, 0, 1],
    [0, 0, 1, 0, 1],
    [0, 0, 0, 1, 0],
    [0, 0, 0, 0, 0]
  ],
  "resource_demand": [
    {"period": "2026-12", "by_skill": [{"skill": "agile", "demand_hours": 60, "capacity_hours": 140}, {"skill": "pm", "demand_hours": 80, "capacity_hours": 300}, {"skill": "sql", "demand_hours": 20, "capacity_hours": 260}, {"skill": "unspecified", "demand_hours": 0, "capacity_hours": 0}], "by_department": [{"department": "Data", "demand_hours": 20, "capacity_hours": 260}, {"department": "PMO", "demand_hours": 60, "capacity_hours": 140}, {"department": "unspecified", "demand_hours": 0, "capacity_hours": 0}]},
    {"period": "2027-01", "by_skill": [{"skill": "agile", "demand_hours": 0, "capacity_hours": 140}, {"skill": "pm", "demand_hours": 0, "capacity_hours": 300}, {"skill": "sql", "demand_hours": 40, "capacity_hours": 260}, {"skill": "unspecified", "demand_hours": 0, "capacity_hours": 0}], "by_department": [{"department": "Data", "demand_hours": 40, "capacity_hours": 260}, {"department": "PMO", "demand_hours": 0, "capacity_hours": 140}, {"department": "unspecified", "demand_hours": 0, "capacity_hours": 0}]},
    {"period": "2027-02", "by_skill": [{"skill": "agile", "demand_hours": 0, "capacity_hours": 140}, {"skill": "pm", "demand_hours": 0, "capacity_hours": 300}, {"skill": "sql", "demand_hours": 0, "capacity_hours": 260}, {"skill": "unspecified", "demand_hours": 0, "capacity_hours": 0}], "by_department": [{"department": "Data", "demand_hours": 0, "capacity_hours": 260}, {"department": "PMO", "demand_hours": 0, "capacity_hours": 140}, {"department": "unspecified", "demand_hours": 0, "capacity_hours": 0}]}
  ],
  "adoption": [
    {"project_id": "PRJ-A", "stakeholder_group": "Branch staff", "impact_level": "high", "measured_on": "2026-11-20", "training_completion": 95, "adoption_target": 80, "adoption_actual": 75, "gap": 5, "below_target": true},
    {"project_id": "PRJ-A", "stakeholder_group": "Call centre", "impact_level": "medium", "measured_on": null, "training_completion": null, "adoption_target": 70, "adoption_actual": 70, "gap": 0, "below_target": false},
    {"project_id": "PRJ-C", "stakeholder_group": "Finance", "impact_level": "high", "measured_on": "2026-11-01", "training_completion": null, "adoption_target": 50, "adoption_actual": null, "gap": null, "below_target": false}
  ],
  "capability": {"project_managers": 3, "current": 1, "expiring": 1, "none": 1, "by_program": [{"program_id": "PGM-1", "project_managers": 1, "current": 0, "expiring": 1, "none": 0}, {"program_id": "PGM-9", "project_managers": 1, "current": 0, "expiring": 0, "none": 1}]},
  "knowledge": {"closed_projects": 1, "lessons_of_closed_projects": 0, "lessons_per_closed_project": 0, "closed_without_lessons": ["PRJ-B"], "by_category": [{"category": "governance", "lessons": 1}, {"category": "uncategorised", "lessons": 1}]}
}

"""
}

/// A deterministic generator so that the shuffle test is reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct MetricsJSONTests {
    func encode(_ p: Portfolio) -> String {
        MetricsJSON.encode(PortfolioMetrics.compute(p, config: GoldenPortfolio.config,
                                                    compliance: GoldenPortfolio.compliance))
    }

    @Test func theWholeDocumentMatchesTheHandWorkedOne() {
        let got = encode(GoldenPortfolio.portfolio)
        if got != GoldenPortfolio.expected {
            let g = got.split(separator: "\n", omittingEmptySubsequences: false)
            let e = GoldenPortfolio.expected.split(separator: "\n", omittingEmptySubsequences: false)
            for i in 0..<max(g.count, e.count) where (i < g.count ? g[i] : "") != (i < e.count ? e[i] : "") {
                Issue.record("line \(i + 1)\n got: \(i < g.count ? g[i] : "<none>")\nwant: \(i < e.count ? e[i] : "<none>")")
                break
            }
        }
        #expect(got == GoldenPortfolio.expected)
    }

    @Test func twoRunsPrintTheSameBytes() {
        let p = GoldenPortfolio.portfolio
        #expect(encode(p) == encode(p))
    }

    @Test(arguments: [1, 2, 3, 42, 2026] as [UInt64])
    func shuffledRowsPrintTheSameBytes(seed: UInt64) {
        var g = SplitMix64(state: seed)
        var p = GoldenPortfolio.portfolio
        p.programs.shuffle(using: &g)
        p.projects.shuffle(using: &g)
        p.financials.shuffle(using: &g)
        p.milestones.shuffle(using: &g)
        p.stageGates.shuffle(using: &g)
        p.risks.shuffle(using: &g)
        p.issues.shuffle(using: &g)
        p.people.shuffle(using: &g)
        p.assignments.shuffle(using: &g)
        p.certifications.shuffle(using: &g)
        p.benefits.shuffle(using: &g)
        p.benefitMeasurements.shuffle(using: &g)
        p.changeImpacts.shuffle(using: &g)
        p.lessons.shuffle(using: &g)
        #expect(encode(p) == GoldenPortfolio.expected)
    }

    @Test func withoutProjectComplianceScoresAreNullAndCountsZero() {
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: GoldenPortfolio.config)
        #expect(m.portfolio.complianceScore == nil)
        #expect(m.portfolio.errors == 0 && m.portfolio.warnings == 0)
        #expect(m.projects.allSatisfy { $0.complianceScore == nil && $0.errors == 0 && $0.warnings == 0 })
        #expect(MetricsJSON.encode(m).contains("\"compliance_score\": null,\n    \"etc\""))
    }

    @Test func anEmptyPortfolioPrintsNullRatiosAndEmptyArrays() {
        let m = PortfolioMetrics.compute(Portfolio(), config: MetricsConfig(period: per("2026-11")))
        let json = MetricsJSON.encode(m)
        #expect(json.contains("\"rag\": null,"))
        #expect(json.contains("\"cpi\": null,"))
        #expect(json.contains("\"programs\": [],"))
        #expect(json.contains("\"milestones_on_time_pct\": null,"))
        #expect(m.riskCategories.count == 8)
    }

    @Test(arguments: [
        (1.0, "1"), (0.8928571428571429, "0.8928571428571429"), (100.0, "100"), (-0.8, "-0.8"),
        (1e16, "1e+16"), (5e-05, "5e-05"), (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func ratiosPrintShortest(value: Double, text: String) {
        #expect(MetricsJSON.ratio(value) == text)
    }

    @Test(arguments: [
        ("1250000", "1250000"), ("97000.50", "97000.5"), ("-300", "-300"), ("0.1", "0.1"), ("0", "0"),
    ])
    func moneyPrintsExactly(value: String, text: String) {
        #expect(MetricsJSON.money(dec(value)) == text)
    }

    @Test(arguments: [
        ("plain", "\"plain\""), ("a\"b", "\"a\\\"b\""), ("back\\slash", "\"back\\\\slash\""),
        ("line\nbreak\ttab", "\"line\\nbreak\\ttab\""), ("\u{01}", "\"\\u0001\""), ("café", "\"café\""),
    ])
    func stringsAreEscaped(value: String, text: String) {
        #expect(MetricsJSON.string(value) == text)
    }
}

@Suite struct MetricsJSONShapeTests {
    /// The document is valid JSON and its top-level keys come in the spec's order, extras after.
    @Test func parsesAndKeepsTheSpecsKeyOrder() throws {
        let text = GoldenPortfolio.expected
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "govpack.metrics/1")
        let topKeys = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }.map(String.init)
        #expect(topKeys == ["schema", "period", "portfolio", "programs", "projects", "people", "risk_categories",
                            "benefits", "evm_series", "risk_heat_map", "resource_demand", "adoption", "capability",
                            "knowledge"])
        let projects = object?["projects"] as? [[String: Any]]
        #expect(projects?.count == 4)
        #expect((projects?[0]["eac"] as? NSNumber)?.intValue == 4480)
    }

    /// Rows the ingest should have removed (repeats, orphans) must not crash or double-count people.
    @Test func repeatedAndOrphanRowsDoNotCrash() {
        var p = GoldenPortfolio.portfolio
        p.people += p.people
        p.programs += p.programs
        p.benefits += p.benefits
        p.projects += [project("PRJ-A", budget: "1")]
        p.certifications += [certification("NOBODY", "PMP")]
        p.benefitMeasurements += [measurement("NOPE", "B1", "2026-11-01", "1")]
        let m = PortfolioMetrics.compute(p, config: GoldenPortfolio.config)
        #expect(m.people.count == 4)
        #expect(m.programs.count == 3)
        #expect(m.benefits.count == 5)
        #expect(m.projects.count == 4)
        #expect(m.portfolio.evm.bac == 5500)
    }

    @Test func budgetWeightedRollUpEndToEnd() {
        var c = GoldenPortfolio.config
        c.ragRollUp = .budgetWeighted
        let m = PortfolioMetrics.compute(GoldenPortfolio.portfolio, config: c)
        // Derived A (4000), A (1000), R (500), G (0): (4000 + 1000 + 2 x 500) / 5500 = 1.09: A.
        #expect(m.portfolio.rag == .amber)
        // PGM-9 holds only C (R).
        #expect(m.programs.map(\.rag) == [.amber, nil, .red])
    }
}
