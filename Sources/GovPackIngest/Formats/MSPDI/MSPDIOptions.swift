/// What an MSPDI export cannot say itself, supplied by configuration, and how to map it.
///
/// Policy (see `MSPDIReader` for the field mapping):
/// - `project_id`: `projectID`, else the file name's stem (`payments-schedule.xml` →
///   `payments-schedule`); the reader reports which with `ingest.mspdi.project_id` (info).
/// - `stage`: `stage`, else derived from the project's percent complete: 0 → planning,
///   100 → closing (the work is done; "closed" is a governance decision a schedule cannot make),
///   anything else or unknown → execution.
/// - `rag_overall`: `ragOverall`, else left missing so the typing layer reports it: a schedule
///   has no RAG status and guessing one would hide that the team did not give one.
/// - `last_updated`: `lastUpdated`, else the export's `StatusDate`, `LastSaved`, `CreationDate`
///   (the first present, date part).
/// - Earned value and assignments are amounts for a month: they are mapped only when `period`
///   (`YYYY-MM`) is given, else skipped with `ingest.mspdi.skipped` (info).
public struct MSPDIOptions: Sendable, Equatable {
    public var projectID: String?
    /// The report period, `YYYY-MM`.
    public var period: String?
    public var ragOverall: String?
    public var stage: String?
    public var programID: String?
    public var lastUpdated: String?
    /// Overrides the budget taken from the baseline cost.
    public var budget: String?
    /// MSPDI stores money in hundredths of the currency unit (MPXJ reads it the same way).
    public var currencyDivisor: Double
    /// Emit `people` rows for work resources. Off by default: people are PMO reference data.
    public var emitPeople: Bool
    /// `person_id` by resource name, for exports whose resources are not named by person id.
    public var personIDs: [String: String]

    public init(
        projectID: String? = nil, period: String? = nil, ragOverall: String? = nil, stage: String? = nil,
        programID: String? = nil, lastUpdated: String? = nil, budget: String? = nil,
        currencyDivisor: Double = 100, emitPeople: Bool = false, personIDs: [String: String] = [:]
    ) {
        self.projectID = projectID
        self.period = period
        self.ragOverall = ragOverall
        self.stage = stage
        self.programID = programID
        self.lastUpdated = lastUpdated
        self.budget = budget
        self.currencyDivisor = currencyDivisor
        self.emitPeople = emitPeople
        self.personIDs = personIDs
    }
}
