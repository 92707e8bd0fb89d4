/// The stable ids of the configuration's diagnostics. Ids never change once released; wording may.
///
/// `YAMLReader` adds the generic ones under the same prefix: `config.yaml` (syntax),
/// `config.type` (a value of the wrong kind), `config.unknown_key`, `config.duplicate_key`,
/// `config.missing_key`.
public enum ConfigID {
    public static let unreadable = "config.unreadable"
    public static let yaml = "config.yaml"
    public static let type = "config.type"
    public static let unknownKey = "config.unknown_key"
    public static let duplicateKey = "config.duplicate_key"
    public static let missingKey = "config.missing_key"
    /// A period that is not `YYYY-MM`.
    public static let badPeriod = "config.bad_period"
    /// A number below zero where only zero or more makes sense.
    public static let negative = "config.negative"
    /// A number outside its range (a due day outside 1-31, a rate of zero, Red above Amber).
    public static let outOfRange = "config.out_of_range"
    /// An output pack name that is not a pack.
    public static let unknownPack = "config.unknown_pack"
    /// An output format other than html, md or pdf.
    public static let unknownFormat = "config.unknown_format"
    /// An appetite for a category that is not a risk category.
    public static let unknownRiskCategory = "config.unknown_risk_category"
    /// A column mapping for something that is not an entity of the submission standard.
    public static let unknownEntity = "config.unknown_entity"
    /// A column mapping to a name that is not a column of its entity.
    public static let unknownColumn = "config.unknown_column"
    /// A `{...}` placeholder other than `{period}` in a path pattern.
    public static let unknownPlaceholder = "config.unknown_placeholder"
    /// The output folder has no `{period}`: each month would replace the last (a warning).
    public static let outputWithoutPeriod = "config.output_without_period"
    /// Two teams with one name, or two teams reading one folder.
    public static let duplicateTeam = "config.duplicate_team"
    /// A currency code that is not three letters.
    public static let badCurrency = "config.bad_currency"
    /// Rates without a run currency to convert into.
    public static let ratesWithoutCurrency = "config.rates_without_currency"
    /// One MSPDI file stem mapped to two projects by two teams (a warning).
    public static let mspdiConflict = "config.mspdi_conflict"
}
