import Foundation
import GovPackCore

/// What the metrics are computed for, and every threshold the definitions leave configurable.
///
/// The defaults are the contract's (`submission-format.md`, "Default metric definitions").
public struct MetricsConfig: Sendable {
    /// How EAC is estimated from the cumulative figures.
    public enum EACMethod: String, Sendable, CaseIterable {
        /// EAC = BAC / CPI (the contract's default).
        case bacOverCPI = "bac_over_cpi"
        /// EAC = AC + (BAC - EV): the remaining work costs what was planned.
        case acPlusRemaining = "ac_plus_remaining"
        /// EAC = AC + (BAC - EV) / (CPI x SPI): both cost and schedule performance persist.
        case acPlusRemainingOverCPIxSPI = "ac_plus_remaining_over_cpi_x_spi"
    }

    /// How project RAGs roll up to programmes and the portfolio.
    public enum RAGRollUp: String, Sendable, CaseIterable {
        /// The worst `rag_derived` of the projects (the default).
        case worstOf = "worst_of"
        /// The BAC-weighted mean of the ranks (G 0, A 1, R 2), rounded half toward worse;
        /// worst-of when the projects' budgets sum to zero.
        case budgetWeighted = "budget_weighted"
    }

    /// The report period P; its last day is E.
    public var period: Period
    /// Open risks scoring at least this and not escalated are `escalation_due`.
    public var escalationThreshold = 15
    /// A gate is compliant when reviewed within this many days of its planned date.
    public var gateGraceDays = 14
    /// Open-exposure limit per risk category; a category without one has `appetite` null.
    public var riskAppetite: [RiskCategory: Int] = [:]
    /// An open risk is aged when its review_date is missing or more than this many days before E.
    public var agedRiskDays = 60
    /// A certification expiring within this many days after E is "expiring".
    public var certificationExpiringDays = 90
    /// capacity_hours when people.csv leaves it empty.
    public var defaultCapacityHours = Decimal(140)
    /// A project whose last_updated is more than this many days before E is stale.
    public var staleAfterDays = 35
    /// How many periods after P the demand-versus-capacity tables cover.
    public var demandHorizon = 3
    /// Risk concentration is the share of open exposure held by this many top projects.
    public var concentrationTopProjects = 5
    public var eacMethod = EACMethod.bacOverCPI
    public var ragRollUp = RAGRollUp.worstOf
    /// CPI or SPI below this makes the evm signal Red. Compared exactly in decimal.
    public var redBelow = Decimal(string: "0.8") ?? Decimal(8) / Decimal(10)
    /// CPI or SPI below this (and not Red) makes the evm signal Amber.
    public var amberBelow = Decimal(string: "0.9") ?? Decimal(9) / Decimal(10)

    public init(period: Period) { self.period = period }

    /// E: the last day of the report period.
    public var periodEnd: Day { period.end }
}

/// Per-project figures from the rules engine: `score` is 100 x (1 - failed / applicable
/// error-rule checks), nil when no error rule applied.
public struct ProjectCompliance: Sendable, Equatable {
    public var score: Double?
    public var errors: Int
    public var warnings: Int

    public init(score: Double?, errors: Int, warnings: Int) {
        self.score = score
        self.errors = errors
        self.warnings = warnings
    }
}
