import Foundation
import GovPackCore
import GovPackMetrics

/// One view model per pack. Each pack's figures come from `PortfolioMetrics` (never recomputed
/// differently here); lists are drawn from the portfolio rows the metrics counted.
extension ViewModel {
    // MARK: - Board

    func board() -> Model {
        let base = ""
        var c = common(.board, title: "Board pack", base: base)
        let s = m.portfolio
        c["summary"] = [
            "projects": Transforms.count(s.projects), "active": Transforms.count(s.activeProjects),
            "rag": rag(s.rag), "red": Transforms.count(s.ragReported.red), "amber": Transforms.count(s.ragReported.amber),
            "green": Transforms.count(s.ragReported.green), "notReported": Transforms.count(s.notReported),
            "watermelons": Transforms.count(s.watermelons), "openRisks": Transforms.count(s.risks.openRisks),
            "criticalRisks": Transforms.count(s.risks.criticalRisks), "exposure": Transforms.count(s.risks.exposure),
            "escalationDue": Transforms.count(s.risks.escalationDue), "openIssues": Transforms.count(s.issues.open),
            "compliance": Transforms.percent(s.complianceScore), "errors": Transforms.count(s.errors),
            "warnings": Transforms.count(s.warnings), "benefitRealisation": Transforms.percent(s.benefitRealisationPct),
            "benefitShortfalls": Transforms.count(s.benefitShortfalls), "staleProjects": Transforms.count(s.staleProjects),
            "milestonesOnTime": Transforms.percent(s.schedule.milestonesOnTimePct),
            "gateCompliance": Transforms.percent(s.gates.compliancePct),
            "overAllocated": Transforms.count(s.overAllocatedPeople),
        ] as Model
        c["evm"] = headline(s.evm)
        c["ragDonutSvg"] = donut(m.projects, title: "Active projects by derived RAG", notReported: notReported(scope: nil).count)
        c["sCurveSvg"] = Charts.sCurve(m.evmSeries, title: "Portfolio S-curve")
        c["change"] = change()
        c.merge(trends(scope: nil, base: base)) { a, _ in a }
        addNotReported(scope: nil, into: &c)
        let top = Array(openRisksByScore.prefix(5))
        c["topRisks"] = top.map { riskRow($0, base: base) }
        c["hasTopRisks"] = !top.isEmpty
        let esc = openRisksByScore.filter { $0.score >= m.config.escalationThreshold && $0.escalated != true }
        capped(esc, "escalations", limit: 10, into: &c, seeAlso: "see the risk report") { riskRow($0, base: base) }
        capped(decisions(scope: nil), "decisions", limit: 15, into: &c, seeAlso: "see the steering packs") { $0() }
        c["programmes"] = m.programs.map { programRow($0, base: base) }
        capped(m.watermelons, "watermelons", limit: 25, into: &c, seeAlso: "see the steering packs") {
            projectRow($0, base: base)
        }
        c["appetite"] = m.riskCategories.map(categoryRow)
        c["hasAppetite"] = m.riskCategories.contains { $0.appetite != nil }
        let breaches = m.riskCategories.filter(\.breach).map(categoryRow)
        c["breaches"] = breaches
        c["hasBreaches"] = !breaches.isEmpty
        capped(m.benefitShortfalls, "shortfalls", limit: 25, into: &c, seeAlso: "see the benefits report") {
            benefitRow($0, base: base)
        }
        benefitChart(m.benefits, limit: 40, into: &c, seeAlso: "the benefits report lists every benefit")
        let withErrors = m.projects.filter { $0.errors > 0 }.sorted { ($1.errors, $0.projectID) < ($0.errors, $1.projectID) }
        capped(withErrors, "complianceByProject", limit: 15, into: &c, seeAlso: "see the compliance report") {
            projectRow($0, base: base)
        }
        return c
    }

    /// "Change since last period" lines with a sparkline over the recorded periods; empty
    /// without history (the templates then print the no-history note).
    func change() -> [Model] {
        guard let last = input.history.last else { return [] }
        let s = m.portfolio
        let ragRank: (RAG?) -> Double? = { $0.map { Double(2 - $0.rank) } }
        return [
            ["name": "Portfolio RAG", "was": rag(last.rag)["text"] ?? "–", "now": rag(s.rag)["text"] ?? "–",
             "delta": ragDelta(last.rag, s.rag),
             "sparkSvg": spark({ ragRank($0.rag) }, ragRank(s.rag), text: s.rag?.name ?? "–", title: "Portfolio RAG (up is better)")],
            ["name": "CPI", "was": Transforms.ratio(last.cpi), "now": Transforms.ratio(s.evm.cpi),
             "delta": Transforms.deltaRatio(zip2(s.evm.cpi, last.cpi, -)),
             "sparkSvg": spark(\.cpi, s.evm.cpi, text: Transforms.ratio(s.evm.cpi), title: "CPI")],
            ["name": "SPI", "was": Transforms.ratio(last.spi), "now": Transforms.ratio(s.evm.spi),
             "delta": Transforms.deltaRatio(zip2(s.evm.spi, last.spi, -)),
             "sparkSvg": spark(\.spi, s.evm.spi, text: Transforms.ratio(s.evm.spi), title: "SPI")],
            ["name": "Open risk exposure", "was": Transforms.count(last.riskExposure), "now": Transforms.count(s.risks.exposure),
             "delta": Transforms.delta(s.risks.exposure - last.riskExposure),
             "sparkSvg": spark({ Double($0.riskExposure) }, Double(s.risks.exposure), text: Transforms.count(s.risks.exposure),
                               title: "Open risk exposure")],
            ["name": "Compliance score", "was": Transforms.percent(last.complianceScore),
             "now": Transforms.percent(s.complianceScore),
             "delta": Transforms.deltaPercent(zip2(s.complianceScore, last.complianceScore, -)),
             "sparkSvg": spark(\.complianceScore, s.complianceScore, text: Transforms.percent(s.complianceScore), title: "Compliance score")],
            ["name": "Benefit realisation", "was": Transforms.percent(last.benefitRealisationPct),
             "now": Transforms.percent(s.benefitRealisationPct),
             "delta": Transforms.deltaPercent(zip2(s.benefitRealisationPct, last.benefitRealisationPct, -)),
             "sparkSvg": spark(\.benefitRealisationPct, s.benefitRealisationPct, text: Transforms.percent(s.benefitRealisationPct),
                               title: "Benefit realisation")],
        ]
    }

    /// One programme's change lines: RAG, CPI, SPI and open exposure.
    func programChange(_ g: ProgramMetrics) -> [Model] {
        guard let last = input.history.last else { return [] }
        let was = last.programs[g.programID]
        let ragRank: (RAG?) -> Double? = { $0.map { Double(2 - $0.rank) } }
        return [
            ["name": "Programme RAG", "was": rag(was?.rag)["text"] ?? "–", "now": rag(g.rag)["text"] ?? "–",
             "delta": was == nil ? "–" : ragDelta(was?.rag, g.rag),
             "sparkSvg": spark({ ragRank($0.programs[g.programID]?.rag) }, ragRank(g.rag), text: g.rag?.name ?? "–",
                               title: "\(g.programID) RAG (up is better)")],
            ["name": "CPI", "was": Transforms.ratio(was?.cpi), "now": Transforms.ratio(g.evm.cpi),
             "delta": Transforms.deltaRatio(zip2(g.evm.cpi, was?.cpi, -)),
             "sparkSvg": spark({ $0.programs[g.programID]?.cpi }, g.evm.cpi, text: Transforms.ratio(g.evm.cpi), title: "\(g.programID) CPI")],
            ["name": "SPI", "was": Transforms.ratio(was?.spi), "now": Transforms.ratio(g.evm.spi),
             "delta": Transforms.deltaRatio(zip2(g.evm.spi, was?.spi, -)),
             "sparkSvg": spark({ $0.programs[g.programID]?.spi }, g.evm.spi, text: Transforms.ratio(g.evm.spi), title: "\(g.programID) SPI")],
            ["name": "Open risk exposure", "was": Transforms.count(was?.exposure), "now": Transforms.count(g.risks.exposure),
             "delta": Transforms.delta(was.map { g.risks.exposure - $0.exposure }),
             "sparkSvg": spark({ $0.programs[g.programID].map { Double($0.exposure) } }, Double(g.risks.exposure),
                               text: Transforms.count(g.risks.exposure), title: "\(g.programID) open risk exposure")],
        ]
    }

    func ragDelta(_ was: RAG?, _ now: RAG?) -> String {
        was == now ? "► no change" : ((now?.rank ?? 0) > (was?.rank ?? 0) ? "▼ worse" : "▲ better")
    }

    func zip2(_ a: Double?, _ b: Double?, _ f: (Double, Double) -> Double) -> Double? {
        guard let a, let b else { return nil }
        return f(a, b)
    }

    func programRow(_ g: ProgramMetrics, base: String) -> Model {
        let row = programs[g.programID]
        return [
            "id": g.programID, "name": row?.name ?? "(not in programs.csv)", "href": programHref(g.programID, base: base),
            "manager": personName(row?.manager), "sponsor": personName(row?.sponsor), "objective": row?.objective ?? "–",
            "projects": Transforms.count(g.projects), "active": Transforms.count(g.activeProjects), "rag": rag(g.rag),
            "bac": Transforms.money(g.evm.bac), "ac": Transforms.money(g.evm.ac), "eac": Transforms.money(g.evm.eac),
            "cpi": Transforms.ratio(g.evm.cpi), "spi": Transforms.ratio(g.evm.spi),
            "openRisks": Transforms.count(g.risks.openRisks), "exposure": Transforms.count(g.risks.exposure),
            "criticalRisks": Transforms.count(g.risks.criticalRisks), "declared": g.declared,
        ]
    }

    func categoryRow(_ c: RiskCategoryMetrics) -> Model {
        [
            "category": c.category.rawValue, "openRisks": Transforms.count(c.openRisks),
            "exposure": Transforms.count(c.exposure), "appetite": Transforms.count(c.appetite), "breach": c.breach,
            "status": c.breach ? "Breach" : c.appetite == nil ? "No appetite set" : "Within",
        ]
    }

    /// The benefit realisation chart (`benefitsSvg`), a bar per measured benefit, and
    /// `benefitsChartMore`, a note that is empty unless the chart was cut (`hasBenefitsChartMore`). Beyond `limit` bars a
    /// chart stops being readable (20,000 projects once gave the board a bar chart 1.1 million
    /// pixels tall), so it then shows the `limit` benefits furthest below target, lowest first,
    /// and the note says how many it left out and where they are.
    func benefitChart(_ benefits: [BenefitMetrics], limit: Int, into c: inout Model, seeAlso: String) {
        var rows = benefits.filter { $0.realisationPct != nil }
        var title = "Benefit realisation against target (%)"
        c["benefitsChartMore"] = ""
        c["hasBenefitsChartMore"] = rows.count > limit
        if rows.count > limit {
            let measured = rows.count
            rows.sort { (($0.realisationPct ?? 0), $0.projectID, $0.benefitID) < (($1.realisationPct ?? 0), $1.projectID, $1.benefitID) }
            rows.removeSubrange(limit...)
            title = "Benefit realisation against target (%), the \(limit) furthest below target of \(Transforms.count(measured)) measured"
            c["benefitsChartMore"] = "The chart shows the \(limit) benefits furthest below target; "
                + "\(Transforms.count(measured - limit)) more measured benefits are not charted: \(seeAlso)."
        }
        c["benefitsSvg"] = Charts.bars(rows.map {
            Charts.Bar(label: "\($0.projectID) \($0.benefitID)", value: $0.realisationPct ?? 0,
                       text: Transforms.percent($0.realisationPct), flag: $0.shortfall ? "shortfall" : nil)
        }, reference: 100, title: title)
    }

    // MARK: - Steering, one per programme

    /// `memberRows`: `memberRow` of each of `membersByProgram[g.programID]`, when the caller has
    /// them already (it shares them with the one-pagers).
    func steering(_ g: ProgramMetrics, memberRows: [Model]? = nil) -> Model {
        let base = "../"
        let row = programs[g.programID]
        var c = common(.steering, title: "Steering committee pack: \(g.programID) \(row?.name ?? "")", base: base)
        c["programme"] = programRow(g, base: base)
        let members = membersByProgram[g.programID] ?? []
        let ids = members.map(\.projectID)
        c["evm"] = headline(g.evm)
        c["ragDonutSvg"] = donut(members, title: "\(g.programID) active projects by derived RAG",
                                 notReported: notReported(scope: g.programID).count)
        c["projects"] = memberRows ?? members.map(memberRow)
        c["change"] = programChange(g)
        c.merge(trends(scope: Set(ids), base: base)) { a, _ in a }
        addNotReported(scope: g.programID, into: &c)
        c["hasProjects"] = !members.isEmpty
        // Each member's link made once for all of its rows.
        var hrefs: [String: String] = [:]
        hrefs.reserveCapacity(ids.count)
        for id in ids { hrefs[id] = projectHref(id, base: base) }
        func href(_ id: String) -> String { hrefs[id] ?? projectHref(id, base: base) }
        let ms = milestonesOfInterest(ids).map { milestoneRow($0, href: href($0.projectID)) }
        c["milestones"] = ms
        c["hasMilestones"] = !ms.isEmpty
        // A dependency between two of the programme's projects is listed under both: keep one.
        var seenDeps = Set<Dependency>()
        var open: [Dependency] = []
        for d in ids.flatMap({ dependenciesByProject[$0] ?? [] }) where d.status != .delivered && seenDeps.insert(d).inserted {
            open.append(d)
        }
        open.sort { ($0.fromProjectID, $0.toProjectID) < ($1.fromProjectID, $1.toProjectID) }
        let deps = open.map { dependencyRow($0, base: base) }
        c["dependencies"] = deps
        c["hasDependencies"] = !deps.isEmpty
        // Sorted once for the risk list and the decisions.
        let programmeRisks = ids.flatMap { openRisksByProject[$0] ?? [] }.sorted(by: Self.riskOrder)
        let risks = programmeRisks.prefix(15).map { riskRow($0, href: href($0.projectID)) }
        c["risks"] = Array(risks)
        c["hasRisks"] = !risks.isEmpty
        let issues = ids.flatMap { openIssuesByProject[$0] ?? [] }
            .sorted { ($0.projectID, $0.issueID) < ($1.projectID, $1.issueID) }.map { issueRow($0, href: href($0.projectID)) }
        c["issues"] = issues
        c["hasIssues"] = !issues.isEmpty
        let benefits = ids.flatMap { benefitsByProject[$0] ?? [] }
        c["benefits"] = benefits.map { benefitRow($0, href: href($0.projectID)) }
        c["hasBenefits"] = !benefits.isEmpty
        benefitChart(benefits, limit: 60, into: &c, seeAlso: "the table below lists every benefit")
        capped(decisions(scope: members, scopeRisks: programmeRisks), "decisions", limit: 40, into: &c, seeAlso: "see the project one-pagers") { $0() }
        return c
    }

    /// A project as its programme's steering pack lists it, and as its one-pager starts from.
    func memberRow(_ p: ProjectMetrics) -> Model {
        var r = projectRow(p, base: "../")
        r["trend"] = trend(p.projectID)
        r["trendSvg"] = projectTrendSvg(p)
        return r
    }

    /// A project's RAG over the recorded periods, or the no-history note.
    func trend(_ id: String) -> String {
        let past = recentHistory.compactMap { $0.ragDerived(id)?.rawValue }
        guard !past.isEmpty else { return "no earlier periods" }
        return (past + [metricsByID[id]?.ragDerived.rawValue ?? "–"]).joined(separator: " → ")
    }

    // MARK: - Project one-pager

    /// `row`: `memberRow(p)`, when the caller has it already.
    func project(_ p: ProjectMetrics, row shared: Model? = nil) -> Model {
        let base = "../"
        var c = common(.project, title: "\(p.projectID) \(p.name)", base: base)
        var row = shared ?? memberRow(p)
        row["programmeHref"] = p.programID.map { programHref($0, base: base) } ?? ""
        row["hasProgramme"] = p.programID != nil
        c["project"] = row
        c["previousPeriod"] = input.history.last.map { Transforms.period($0.period) } ?? "–"
        let slipped = (changes.slippedByProject[p.projectID] ?? []).map { slipRow($0, base: base) }
        c["slipped"] = slipped
        c["hasSlipped"] = !slipped.isEmpty
        c["evm"] = headline(p.evm)
        let series = seriesByProject[p.projectID] ?? []
        c["sCurveSvg"] = Charts.sCurve(series, title: "\(p.projectID) S-curve")
        // Every row below is of this project: its link is made once.
        let href = projectHref(p.projectID, base: base)
        let ms = (milestonesByProject[p.projectID] ?? [])
            .sorted { ($0.baselineDate, $0.milestoneID) < ($1.baselineDate, $1.milestoneID) }.map { milestoneRow($0, href: href) }
        c["milestones"] = ms
        c["hasMilestones"] = !ms.isEmpty
        let risks = (openRisksByProject[p.projectID] ?? []).map { riskRow($0, href: href) }
        c["risks"] = risks
        c["hasRisks"] = !risks.isEmpty
        let issues = (openIssuesByProject[p.projectID] ?? [])
            .sorted { $0.issueID < $1.issueID }.map { issueRow($0, href: href) }
        c["issues"] = issues
        c["hasIssues"] = !issues.isEmpty
        let deps = (dependenciesByProject[p.projectID] ?? [])
            .sorted { ($0.fromProjectID, $0.toProjectID) < ($1.fromProjectID, $1.toProjectID) }.map { dependencyRow($0, base: base) }
        c["dependencies"] = deps
        c["hasDependencies"] = !deps.isEmpty
        let benefits = (benefitsByProject[p.projectID] ?? []).map { benefitRow($0, href: href) }
        c["benefits"] = benefits
        c["hasBenefits"] = !benefits.isEmpty
        let findings = (findingsByProject[p.projectID] ?? []).map { findingRow($0, href: href) }
        c["findings"] = findings
        c["hasFindings"] = !findings.isEmpty
        // The project's open risks are kept in `riskOrder` already (a subsequence of `openRisksByScore`).
        capped(decisions(scope: [p], scopeRisks: openRisksByProject[p.projectID] ?? []), "decisions", limit: 40, into: &c, seeAlso: "see the findings below") { $0() }
        return c
    }

    // MARK: - Index

    func index(_ files: [(path: String, title: String, group: String)]) -> Model {
        var c = common(.board, title: "Governance packs", base: "")
        var groups: [Model] = []
        var order: [String] = []
        var byGroup: [String: [Model]] = [:]
        for f in files {
            if byGroup[f.group] == nil { order.append(f.group) }
            byGroup[f.group, default: []].append(["href": f.path, "title": f.title])
        }
        for g in order { groups.append(["group": g, "files": byGroup[g] ?? []]) }
        c["groups"] = groups
        return c
    }
}
