import Foundation
import GovPackCore

extension MetricDefinition {
    static let capability: [MetricDefinition] = [
        .init(id: "capability", name: "Project-manager certification coverage", unit: "count",
              formula: "distinct managers (projects.manager) of active projects, each counted once as current (a certification obtained by E, expiring more than 90 days after E or never), expiring (best one expires within 90 days after E) or none (no certification valid at E: expiry_date > E); also by programme",
              example: "E 2026-11-30: PMP expiring 2027-06-01 current; PRINCE2 expiring 2027-01-15 expiring; expired 2026-11-30 none"),
    ]
}

/// Certification status of a project manager at E.
public enum CertificationStatus: String, Sendable, CaseIterable {
    case current, expiring, none
}

/// Managers by certification status.
public struct CapabilityCounts: Sendable, Equatable {
    public var projectManagers = 0
    public var current = 0
    public var expiring = 0
    public var none = 0

    public init() {}

    mutating func count(_ s: CertificationStatus) {
        projectManagers += 1
        switch s {
        case .current: current += 1
        case .expiring: expiring += 1
        case .none: none += 1
        }
    }
}

/// Coverage over the portfolio and by programme.
public struct CapabilityCoverage: Sendable, Equatable {
    public var overall: CapabilityCounts
    /// Sorted by program_id; projects without a programme count only in `overall`.
    public var byProgram: [(programID: String, counts: CapabilityCounts)]

    public init(overall: CapabilityCounts, byProgram: [(programID: String, counts: CapabilityCounts)]) {
        self.overall = overall
        self.byProgram = byProgram
    }

    public static func == (a: CapabilityCoverage, b: CapabilityCoverage) -> Bool {
        a.overall == b.overall && a.byProgram.map(\.programID) == b.byProgram.map(\.programID)
            && a.byProgram.map(\.counts) == b.byProgram.map(\.counts)
    }
}

enum CapabilityCalc {
    static func status(of certs: [Certification], end: Day, expiringDays: Int) -> CertificationStatus {
        var best = CertificationStatus.none
        let horizon = end.adding(days: expiringDays)
        for c in certs {
            if let o = c.obtainedDate, o > end { continue }
            guard let x = c.expiryDate else { return .current }
            if x <= end { continue }
            if x > horizon { return .current }
            best = .expiring
        }
        return best
    }

    static func coverage(projects: [Project], certifications: [Certification], config: MetricsConfig)
        -> CapabilityCoverage
    {
        var managers: [String: Set<String>] = [:]  // manager -> programmes
        for p in projects where p.stage != .closed {
            guard let m = p.manager, !m.isEmpty else { continue }
            var s = managers[m] ?? []
            if let g = p.programID { s.insert(g) }
            managers[m] = s
        }
        var certs: [String: [Certification]] = [:]
        for c in certifications where managers[c.personID] != nil { certs[c.personID, default: []].append(c) }
        var overall = CapabilityCounts()
        var byProgram: [String: CapabilityCounts] = [:]
        for (m, programs) in managers {
            let s = status(of: certs[m] ?? [], end: config.periodEnd, expiringDays: config.certificationExpiringDays)
            overall.count(s)
            for g in programs { byProgram[g, default: CapabilityCounts()].count(s) }
        }
        return CapabilityCoverage(
            overall: overall,
            byProgram: byProgram.keys.sorted(by: idLess).map { ($0, byProgram[$0] ?? CapabilityCounts()) })
    }
}
