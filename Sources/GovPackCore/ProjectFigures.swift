import Foundation

/// The earned-value figures of one project to the report period, as the metrics stage computes
/// them, handed to the rules so that rules can speak of CPI and SPI without recomputing them.
public struct ProjectFigures: Sendable, Hashable {
    public var pv: Decimal
    public var ev: Decimal
    public var ac: Decimal
    public var bac: Decimal
    /// Nil when the denominator is zero.
    public var cpi: Double?
    public var spi: Double?
    public var eac: Double?
    public var vac: Double?
    /// The team's own latest estimate at completion, when it gave one.
    public var teamEAC: Decimal?

    public init(
        pv: Decimal, ev: Decimal, ac: Decimal, bac: Decimal, cpi: Double?, spi: Double?, eac: Double?,
        vac: Double?, teamEAC: Decimal? = nil
    ) {
        self.pv = pv
        self.ev = ev
        self.ac = ac
        self.bac = bac
        self.cpi = cpi
        self.spi = spi
        self.eac = eac
        self.vac = vac
        self.teamEAC = teamEAC
    }
}
