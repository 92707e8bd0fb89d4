/// The stable ids of every ingest diagnostic. Ids never change once released; wording may.
public enum IngestID {
    // Files and folders
    public static let fileUnreadable = "ingest.file.unreadable"
    public static let fileUnrecognised = "ingest.file.unrecognised"
    public static let fileEmpty = "ingest.file.empty"
    public static let pathOutsideInput = "ingest.file.outside_input"

    // Text decoding
    public static let invalidUTF8 = "ingest.encoding.invalid_utf8"
    public static let undecodable = "ingest.encoding.undecodable"
    public static let encodingConverted = "ingest.encoding.converted"

    // CSV structure
    public static let unterminatedQuote = "ingest.csv.unterminated_quote"
    public static let quoteInUnquotedField = "ingest.csv.stray_quote"
    public static let textAfterQuote = "ingest.csv.text_after_quote"
    public static let raggedRow = "ingest.csv.ragged_row"
    public static let duplicateHeader = "ingest.csv.duplicate_header"
    public static let emptyHeader = "ingest.csv.empty_header"
    public static let nulByte = "ingest.csv.nul_byte"

    // Columns and fields (the typing layer)
    public static let missingColumn = "ingest.column.missing_required"
    public static let rowsLeftOut = "ingest.column.rows_left_out"
    public static let unknownColumn = "ingest.column.unknown"
    public static let mappingCollision = "ingest.column.mapping_collision"
    public static let missingField = "ingest.field.missing_required"
    public static let invalidField = "ingest.field.invalid"
    public static let outOfRange = "ingest.field.out_of_range"

    // Keys and references across the run
    public static let duplicateKey = "ingest.row.duplicate_key"
    public static let unknownProject = "ingest.ref.unknown_project"
    public static let absentProject = "ingest.ref.absent_project"
    public static let unknownProgram = "ingest.ref.unknown_program"
    public static let unknownPerson = "ingest.ref.unknown_person"
    public static let unknownBenefit = "ingest.ref.unknown_benefit"

    // XML
    public static let xmlMalformed = "ingest.xml.malformed"
    public static let xmlSchema = "ingest.xml.schema"
    public static let xmlDoctype = "ingest.xml.doctype_refused"
    public static let xmlUnknownRoot = "ingest.xml.unknown_root"
    public static let xmlUnknownElement = "ingest.xml.unknown_element"
    public static let mspdiNoProjectID = "ingest.mspdi.project_id"
    public static let mspdiSkipped = "ingest.mspdi.skipped"
    public static let derivedIncomplete = "ingest.mspdi.incomplete_row"
    public static let derivedOverridden = "ingest.row.derived_overridden"
}
