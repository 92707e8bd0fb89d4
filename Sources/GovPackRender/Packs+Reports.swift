import Foundation
import GovPackCore
import GovPackMetrics

/// The role reports: portfolio dashboard, risk, resource, benefits and change, compliance,
/// capability and knowledge.
extension ViewModel {
    // MARK: - Portfolio dashboard

    func portfolioDashboard() -> Model {
        let base = ""
        var c = common(.portfolio, title: "Portfolio dashboard", base: base)
        // A computed property that filters and sorts every project: asked once.
        let rankedProjects = m.rankedProjects
        let ranked = rankedProjects.map { projectRow($0, base: base) }
        c["ranking"] = ranked
        c["hasRanking"] = !ranked.isEmpty
        c["evm"] = headline(m.portfolio.evm)
        // Strategic score against cost (BAC), as bars sorted by score.
        let scored = rankedProjects.compactMap { p -> (ProjectMetrics, Int)? in
            projects[p.projectID]?.strategicScore.map { (p, $0) }
        }
        c["alignmentSvg"] = Charts.scatter(scored.map {
            Charts.Point(label: $0.0.projectID, x: Charts.dbl($0.0.evm.bac), y: Double($0.1), rag: $0.0.ragDerived.rawValue)
        }, xTitle: "Budget at completion", yTitle: "Strategic score", title: "Strategic score against cost")
        let stages = Stage.allCases.map { st in (st, m.projects.filter { $0.stage == st }.count) }
        c["stages"] = stages.map { ["stage": $0.0.rawValue, "count": Transforms.count($0.1)] as Model }
        c["stagesSvg"] = Charts.bars(stages.map { Charts.Bar(label: $0.0.rawValue, value: Double($0.1), text: String($0.1)) },
                                     reference: nil, title: "Projects by stage")
        c["demand"] = demandRows()
        c["hasDemand"] = !m.resourceDemand.isEmpty
        c["programmes"] = m.programs.map { programRow($0, base: base) }
        c["change"] = change()
        c.merge(trends(scope: nil, base: base)) { a, _ in a }
        addNotReported(scope: nil, into: &c)
        return c
    }

    /// Demand against capacity by period and skill.
    func demandRows() -> [Model] {
        m.resourceDemand.flatMap { d in
            d.bySkill.map { l -> Model in
                let over = l.demandHours > l.capacityHours
                return ["period": d.period.description, "skill": l.key, "demand": Transforms.hours(l.demandHours),
                        "capacity": Transforms.hours(l.capacityHours),
                        "gap": Transforms.hours(l.capacityHours - l.demandHours), "over": over]
            }
        }
    }

    // MARK: - Risk

    func riskReport() -> Model {
        let base = ""
        var c = common(.risk, title: "Risk report", base: base)
        let s = m.portfolio
        c["summary"] = [
            "openRisks": Transforms.count(s.risks.openRisks), "criticalRisks": Transforms.count(s.risks.criticalRisks),
            "exposure": Transforms.count(s.risks.exposure), "escalationDue": Transforms.count(s.risks.escalationDue),
            "agedRisks": Transforms.count(s.risks.agedRisks), "concentration": Transforms.percent(s.riskConcentrationPct),
            "concentrationTop": String(m.config.concentrationTopProjects),
            "low": Transforms.count(s.riskBands.low), "medium": Transforms.count(s.riskBands.medium),
            "high": Transforms.count(s.riskBands.high), "critical": Transforms.count(s.riskBands.critical),
            "agedDays": String(m.config.agedRiskDays), "threshold": String(m.config.escalationThreshold),
        ] as Model
        c["heatMapSvg"] = Charts.heatMap(m.riskHeatMap, title: "Open risks")
        c["categories"] = m.riskCategories.map(categoryRow)
        c["categorySvg"] = Charts.bars(m.riskCategories.map { cat in
            Charts.Bar(label: cat.category.rawValue, value: Double(cat.exposure),
                       text: cat.appetite.map { "\(cat.exposure) of appetite \($0)" } ?? String(cat.exposure), flag: cat.breach ? "breach" : nil)
        }, reference: nil, title: "Open exposure by category")
        let open = openRisksByScore
        let esc = open.filter { $0.score >= m.config.escalationThreshold && $0.escalated != true }
        c["escalations"] = esc.map { riskRow($0, base: base) }
        c["hasEscalations"] = !esc.isEmpty
        let unowned = open.filter { ($0.owner ?? "").isEmpty }
        c["unowned"] = unowned.map { riskRow($0, base: base) }
        c["hasUnowned"] = !unowned.isEmpty
        let aged = open.filter(isAged)
        c["aged"] = aged.prefix(25).map { riskRow($0, base: base) }
        c["hasAged"] = !aged.isEmpty
        c["agedMore"] = aged.count > 25 ? "\(aged.count - 25) more aged risks not shown." : ""
        let byExposure = m.projects.filter { $0.risks.exposure > 0 }
            .sorted { ($0.risks.exposure, $1.projectID) > ($1.risks.exposure, $0.projectID) }.prefix(10)
        c["concentration"] = byExposure.map { projectRow($0, base: base) }
        c["top"] = open.prefix(10).map { riskRow($0, base: base) }
        c["hasTop"] = !open.isEmpty
        c["previousPeriod"] = input.history.last.map { Transforms.period($0.period) } ?? "–"
        let new = changes.newRisks.map { riskRow($0, base: base) }
        c["newRisks"] = new
        c["hasNewRisks"] = !new.isEmpty
        let closed = changes.closedRisks.map { closedRiskRow($0, base: base) }
        c["closedRisks"] = closed
        c["hasClosedRisks"] = !closed.isEmpty
        let rescored = changes.rescored.map { rescoredRow($0.risk, was: $0.was, base: base) }
        c["rescoredRisks"] = rescored
        c["hasRescoredRisks"] = !rescored.isEmpty
        c["exposureSvg"] = spark({ Double($0.riskExposure) }, Double(s.risks.exposure), text: Transforms.count(s.risks.exposure),
                                 title: "Open risk exposure")
        return c
    }

    // MARK: - Resource

    func resourceReport() -> Model {
        let base = ""
        var c = common(.resource, title: "Resource report", base: base)
        let periods = (-2...Int(max(m.config.demandHorizon, 0))).map { input.period.adding(months: $0) }
        c["periods"] = periods.map { ["period": $0.description] as Model }
        // Planned hours by person and period.
        let first = periods.first?.index ?? 0, last = periods.last?.index ?? 0
        // Summed as integers (Decimal's `+=` was most of this report at 20k) into one flat array,
        // a run of `span` slots per person in the order first met (an array per person cost an
        // allocation and a free each), rows read in place, and a project looked up once per run
        // of its rows (they arrive grouped by project) without copying its metrics out.
        let span = Int(last) - Int(first) + 1
        var slotOf: [String: Int] = [:]
        var sums: [ExactSum] = []
        let rows = input.portfolio.assignments
        var lastProject: String?, lastKnown = false
        for i in rows.indices {
            let k = rows[i].period.index
            guard k >= first, k <= last else { continue }
            if rows[i].projectID != lastProject {
                lastProject = rows[i].projectID
                lastKnown = metricsByID.index(forKey: rows[i].projectID) != nil
            }
            guard lastKnown else { continue }
            let slot: Int
            if let known = slotOf[rows[i].personID] {
                slot = known
            } else {
                slot = sums.count
                slotOf[rows[i].personID] = slot
                sums.append(contentsOf: repeatElement(ExactSum(), count: span))
            }
            sums[slot + Int(k) - Int(first)].add(rows[i].plannedHours)
        }
        func hours(_ id: String, _ p: Period) -> Decimal { slotOf[id].map { sums[$0 + Int(p.index) - Int(first)].value } ?? 0 }
        // Over-allocated people first, then by id; each person's flag read once, not per comparison.
        var overAllocated: [String: Bool] = [:]
        for p in m.people where overAllocated[p.personID] == nil { overAllocated[p.personID] = p.overAllocated }
        let ids = slotOf.keys.map { ($0, overAllocated[$0] == true) }
            .sorted { a, b in a.1 != b.1 ? a.1 : a.0 < b.0 }.map(\.0)
        let shown = ids.prefix(60)
        c["grid"] = shown.map { id -> Model in
            let cap = people[id]?.capacityHours ?? m.config.defaultCapacityHours
            return [
                "person": personName(id), "capacity": Transforms.hours(cap),
                "cells": periods.map { p -> Model in
                    let h = hours(id, p)
                    let pct = cap > 0 ? Charts.dbl(h * 100 / cap) : nil
                    let css = pct.map { $0 > 100 ? "util-over" : $0 >= 85 ? "util-high" : $0 > 0 ? "util-ok" : "util-none" } ?? "util-none"
                    return ["text": h == 0 ? "–" : Transforms.percent(pct), "css": css, "over": (pct ?? 0) > 100]
                },
            ]
        }
        c["gridMore"] = ids.count > shown.count ? "\(ids.count - shown.count) more people not shown (over-allocated people are listed first)." : ""
        let over = m.people.filter(\.overAllocated)
        var thisPeriod: [String: [Assignment]] = [:]
        for a in input.portfolio.assignments where a.period == input.period { thisPeriod[a.personID, default: []].append(a) }
        c["overAllocated"] = over.map { personRow($0, assignmentsThisPeriod: thisPeriod) }
        c["hasOverAllocated"] = !over.isEmpty
        c["utilisationSvg"] = Charts.bars(over.prefix(20).map {
            Charts.Bar(label: $0.personID, value: $0.utilisationPct ?? 0, text: Transforms.percent($0.utilisationPct), flag: "over")
        }, reference: 100, title: "Over-allocated people: utilisation in \(input.period)")
        c["demand"] = demandRows()
        c["hasDemand"] = !m.resourceDemand.isEmpty
        c["summary"] = ["overAllocated": Transforms.count(m.portfolio.overAllocatedPeople),
                        "conflicts": Transforms.count(m.portfolio.resourceConflicts),
                        "people": Transforms.count(m.people.count)] as Model
        return c
    }

    func personRow(_ p: PersonMetrics, assignmentsThisPeriod: [String: [Assignment]]) -> Model {
        [
            "person": personName(p.personID), "department": p.department ?? "–",
            "capacity": Transforms.hours(p.capacityHours), "planned": Transforms.hours(p.plannedHours),
            "actual": Transforms.hours(p.actualHours), "utilisation": Transforms.percent(p.utilisationPct),
            "projects": Transforms.count(p.projects), "conflict": p.isConflict,
            "projectList": (assignmentsThisPeriod[p.personID] ?? [])
                .map { "\($0.projectID) \(Transforms.hours($0.plannedHours)) h" }.sorted().joined(separator: ", "),
        ]
    }

    // MARK: - Benefits and change

    func benefitsReport() -> Model {
        let base = ""
        var c = common(.benefits, title: "Benefits and change report", base: base)
        c["summary"] = ["realisation": Transforms.percent(m.portfolio.benefitRealisationPct),
                        "shortfalls": Transforms.count(m.portfolio.benefitShortfalls),
                        "benefits": Transforms.count(m.benefits.count)] as Model
        c["benefits"] = m.benefits.map { benefitRow($0, base: base) }
        c["hasBenefits"] = !m.benefits.isEmpty
        benefitChart(m.benefits, limit: 60, into: &c, seeAlso: "the register below lists every benefit")
        let shortfalls = m.benefitShortfalls.map { benefitRow($0, base: base) }
        c["shortfalls"] = shortfalls
        c["hasShortfalls"] = !shortfalls.isEmpty
        c["adoption"] = m.adoption.map(adoptionRow)
        c["hasAdoption"] = !m.adoption.isEmpty
        let high = m.highImpactGroupsBelowTarget.map(adoptionRow)
        c["highImpact"] = high
        c["hasHighImpact"] = !high.isEmpty
        let last = input.history.last
        let now = m.portfolio.benefitRealisationPct
        c["realisationChange"] = [
            "was": Transforms.percent(last?.benefitRealisationPct), "now": Transforms.percent(now),
            "delta": Transforms.deltaPercent(zip2(now, last?.benefitRealisationPct, -)),
        ] as Model
        c["realisationSvg"] = spark(\.benefitRealisationPct, now, text: Transforms.percent(now), title: "Benefit realisation")
        c["previousPeriod"] = last.map { Transforms.period($0.period) } ?? "–"
        // Each benefit's realisation last period against now; a benefit new since then shows "–".
        let trend = last == nil ? [] : m.benefits.map { b -> Model in
            let was = last?.benefits[b.projectID + "/" + b.benefitID] ?? nil
            var row = benefitRow(b, base: base)
            row["was"] = Transforms.percent(was)
            row["now"] = Transforms.percent(b.realisationPct)
            row["delta"] = Transforms.deltaPercent(zip2(b.realisationPct, was, -))
            return row
        }
        c["benefitTrend"] = trend
        c["hasBenefitTrend"] = !trend.isEmpty
        return c
    }

    func adoptionRow(_ g: AdoptionGroup) -> Model {
        [
            "project": g.projectID, "group": g.stakeholderGroup, "impact": g.impactLevel?.rawValue ?? "–",
            "measuredOn": Transforms.date(g.measuredOn), "training": g.trainingCompletion.map { Transforms.hours($0) + "%" } ?? "–",
            "target": g.target.map { Transforms.hours($0) + "%" } ?? "–", "actual": g.actual.map { Transforms.hours($0) + "%" } ?? "–",
            "gap": g.gap.map { Transforms.hours($0) + " pts" } ?? "–", "below": g.belowTarget,
            "highImpactBelow": g.highImpactBelowTarget,
        ]
    }

    // MARK: - Compliance

    func complianceReport() -> Model {
        let base = ""
        var c = common(.compliance, title: "Compliance report", base: base)
        let findings = input.findings.sorted(by: Diagnostic.ordered)
        c["summary"] = [
            "score": Transforms.percent(m.portfolio.complianceScore),
            "errors": Transforms.count(findings.filter { $0.severity == .error }.count),
            "warnings": Transforms.count(findings.filter { $0.severity == .warning }.count),
            "infos": Transforms.count(findings.filter { $0.severity == .info }.count),
            "stale": Transforms.count(m.portfolio.staleProjects), "notReported": Transforms.count(m.portfolio.notReported),
        ] as Model
        c["projects"] = m.projects.map { p -> Model in
            var r = projectRow(p, base: base)
            r["findings"] = Transforms.count(findingsByProject[p.projectID]?.count ?? 0)
            return r
        }
        var byRule: [String: (Severity, Int, Set<String>)] = [:]
        for f in findings {
            // Changed where it sits in the dictionary: a copy taken out and put back copied the
            // rule's whole project set per finding (at 20k, a tenth of rendering the report).
            func add(_ e: inout (Severity, Int, Set<String>)) {
                e.1 += 1
                if let p = f.projectID { e.2.insert(p) }
                e.0 = max(e.0, f.severity)
            }
            add(&byRule[f.id, default: (f.severity, 0, [])])
        }
        c["rules"] = byRule.keys.sorted().map { id -> Model in
            let e = byRule[id] ?? (.info, 0, [])
            return ["id": id, "severity": e.0.rawValue, "severityCss": "sev-" + e.0.rawValue,
                    "count": Transforms.count(e.1), "projects": e.2.sorted().joined(separator: ", ")]
        }
        c["hasFindings"] = !findings.isEmpty
        c["findings"] = findings.map { findingRow($0, base: base) }
        let late = m.projects.filter { $0.isActive && ($0.stale || $0.daysSinceUpdate > input.period.start.days(to: end)) }
        c["late"] = late.map { projectRow($0, base: base) }
        c["hasLate"] = !late.isEmpty
        c["missedGates"] = missedGates.map { gateRow($0, base: base) }
        c["lateGates"] = lateGates.map { gateRow($0, base: base) }
        c["hasGates"] = !missedGates.isEmpty || !lateGates.isEmpty
        c["staleAfter"] = String(m.config.staleAfterDays)
        let last = input.history.last
        let score = m.portfolio.complianceScore
        c["complianceChange"] = [
            "was": Transforms.percent(last?.complianceScore), "now": Transforms.percent(score),
            "delta": Transforms.deltaPercent(zip2(score, last?.complianceScore, -)),
        ] as Model
        c["complianceSvg"] = spark(\.complianceScore, score, text: Transforms.percent(score), title: "Compliance score")
        c["previousPeriod"] = last.map { Transforms.period($0.period) } ?? "–"
        let moves = changes.complianceMoves.map { x -> Model in
            ["id": x.projectID, "name": metricsByID[x.projectID]?.name ?? "–", "href": projectHref(x.projectID, base: base),
             "was": Transforms.percent(x.was), "now": Transforms.percent(x.now), "delta": Transforms.deltaPercent(x.now - x.was)]
        }
        c["complianceMoves"] = moves
        c["hasComplianceMoves"] = !moves.isEmpty
        c.merge(submissionModel(base: base)) { a, _ in a }
        // Waivers: expired ones first (their failures count again), then by expiry.
        let waivers = input.waivers.sorted { a, b in
            let ka = (a.expires < end ? 0 : 1, a.expires.daysSinceEpoch, a.rule, a.project ?? "", a.key ?? "")
            let kb = (b.expires < end ? 0 : 1, b.expires.daysSinceEpoch, b.rule, b.project ?? "", b.key ?? "")
            return ka < kb
        }
        c["hasWaivers"] = !waivers.isEmpty
        c["waivers"] = waivers.map { w -> Model in
            let expired = w.expires < end
            let soon = !expired && end.days(to: w.expires) <= 30
            return [
                "rule": w.rule, "project": w.project ?? "all projects", "key": w.key ?? "every row",
                "reason": w.reason, "approvedBy": w.approvedBy, "expires": Transforms.date(w.expires),
                "status": expired ? "expired: the failure counts again" : soon ? "expires within 30 days" : "current",
                "statusCss": expired ? "sev-error" : soon ? "sev-warning" : "sev-info",
                "waived": Transforms.count(w.waivedFindings),
            ] as Model
        }
        return c
    }

    // MARK: - Capability and knowledge

    func capabilityReport() -> Model {
        let base = ""
        var c = common(.capability, title: "Capability and knowledge", base: base)
        func counts(_ k: CapabilityCounts) -> Model {
            ["managers": Transforms.count(k.projectManagers), "current": Transforms.count(k.current),
             "expiring": Transforms.count(k.expiring), "none": Transforms.count(k.none),
             "coverage": Transforms.percent(k.projectManagers > 0 ? Double(k.current + k.expiring) * 100 / Double(k.projectManagers) : nil)]
        }
        c["overall"] = counts(m.capability.overall)
        c["byProgramme"] = m.capability.byProgram.map { g -> Model in
            var r = counts(g.counts)
            r["programme"] = g.programID
            return r
        }
        let horizon = end.adding(days: m.config.certificationExpiringDays)
        let certs = input.portfolio.certifications.filter { c in c.expiryDate.map { $0 <= horizon } ?? false }
            .sorted { ($0.expiryDate ?? end, $0.personID) < ($1.expiryDate ?? end, $1.personID) }
        c["expiring"] = certs.map { x -> Model in
            ["person": personName(x.personID), "certification": x.certification, "expiry": Transforms.date(x.expiryDate),
             "status": (x.expiryDate.map { $0 < end } ?? false) ? "Expired" : "Expiring"]
        }
        c["hasExpiring"] = !certs.isEmpty
        let k = m.knowledge
        c["knowledge"] = [
            "closed": Transforms.count(k.closedProjects), "lessons": Transforms.count(k.lessonsOfClosedProjects),
            "perProject": Transforms.ratio(k.lessonsPerClosedProject),
            "withoutLessons": k.closedWithoutLessons.isEmpty ? "none" : k.closedWithoutLessons.joined(separator: ", "),
        ] as Model
        c["hasWithoutLessons"] = !k.closedWithoutLessons.isEmpty
        c["categories"] = k.byCategory.map { ["category": $0.key, "lessons": Transforms.count($0.count)] as Model }
        c["hasCategories"] = !k.byCategory.isEmpty
        c["lessonsSvg"] = Charts.bars(k.byCategory.map { Charts.Bar(label: $0.key, value: Double($0.count), text: String($0.count)) },
                                      reference: nil, title: "Lessons by category")
        let lessons = input.portfolio.lessons.sorted { ($0.projectID, $0.lessonID) < ($1.projectID, $1.lessonID) }
        c["lessons"] = lessons.prefix(50).map { l -> Model in
            ["project": l.projectID, "id": l.lessonID, "category": l.category ?? "–", "description": l.description,
             "recommendation": l.recommendation ?? "–", "recorded": Transforms.date(l.recordedOn)]
        }
        c["hasLessons"] = !lessons.isEmpty
        return c
    }
}
