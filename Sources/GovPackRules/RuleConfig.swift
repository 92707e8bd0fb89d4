import GovPackCore

/// The thresholds rules read as `config.<name>`; the defaults are the submission standard's.
public struct RuleConfig: Sendable {
    /// Open risks at or above this score must be escalated.
    public var escalationThreshold = 15
    /// Days after a gate's planned date within which its review must happen.
    public var gateGraceDays = 14
    /// `last_updated` must be within this many days of the period's end.
    public var staleDays = 35
    /// Open risks must have been reviewed within this many days of the period's end.
    public var riskReviewDays = 60
    /// Projects above this budget need a manager with a current PM certification.
    public var largeBudget = 1_000_000.0
    /// Open risks at or above this score need an owner and a response plan.
    public var ownedRiskScore = 12
    /// CPI or SPI below this makes the earned-value signal Red (a Green report is a watermelon).
    public var ragRedBelow = 0.8
    /// CPI or SPI below this (and not Red) makes the earned-value signal Amber.
    public var ragAmberBelow = 0.9
    /// `--strict`: warnings count as errors.
    public var strict = false

    public init() {}

    /// The names and values rules see, in a fixed order.
    var entries: [(String, ConfigValue)] {
        [
            ("escalation_threshold", .int(escalationThreshold)), ("gate_grace_days", .int(gateGraceDays)),
            ("stale_days", .int(staleDays)), ("risk_review_days", .int(riskReviewDays)),
            ("large_budget", .double(largeBudget)), ("owned_risk_score", .int(ownedRiskScore)),
            ("rag_red_below", .double(ragRedBelow)), ("rag_amber_below", .double(ragAmberBelow)),
        ]
    }

    enum ConfigValue {
        case int(Int)
        case double(Double)
    }
}
