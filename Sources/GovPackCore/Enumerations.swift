/// The closed value lists of the contract. Raw values are the contract's spellings.

public enum Stage: String, Sendable, CaseIterable { case initiation, planning, execution, closing, closed }
public enum Methodology: String, Sendable, CaseIterable { case waterfall, agile, hybrid }
public enum MilestoneStatus: String, Sendable, CaseIterable {
    case notStarted = "not_started", inProgress = "in_progress", complete, missed
}
public enum GateDecision: String, Sendable, CaseIterable { case approved, conditional, rejected, deferred }
public enum RiskCategory: String, Sendable, CaseIterable {
    case strategic, financial, schedule, technical, resource, compliance, operational, external
}
public enum RiskResponse: String, Sendable, CaseIterable { case avoid, mitigate, transfer, accept }
public enum OpenClosed: String, Sendable, CaseIterable { case open, closed }
public enum IssuePriority: String, Sendable, CaseIterable { case low, medium, high, critical }
public enum BenefitCategory: String, Sendable, CaseIterable {
    case financial, efficiency, customer, compliance, strategic
}
public enum DependencyStatus: String, Sendable, CaseIterable {
    case onTrack = "on_track", atRisk = "at_risk", late, delivered
}
public enum ImpactLevel: String, Sendable, CaseIterable { case low, medium, high }
/// Stage gates G0 to G5.
public enum Gate: String, Sendable, CaseIterable { case g0 = "G0", g1 = "G1", g2 = "G2", g3 = "G3", g4 = "G4", g5 = "G5" }
