import GovPackCore

/// What the typers share: the diagnostics and the file table that locations are built from.
final class TypingContext {
    let diagnostics: DiagnosticSink
    var files = SourceFiles()
    /// Turns the column a reader passed into a real column, for readers that pass a cheap token
    /// (CSV passes the field index: columns are counted only when a diagnostic needs one).
    var resolveColumn: ((Int) -> Int)?
    /// Decimals already made, shared by every typer.
    let decimals = DecimalCache()

    func column(_ token: Int) -> Int { resolveColumn?(token) ?? token }

    init(diagnostics: DiagnosticSink) { self.diagnostics = diagnostics }

    deinit { decimals.free() }

    func location(file: UInt32, line: Int, column: Int, entity: Entity) -> SourceLocation {
        files.location(
            Origin(file: file, line: UInt32(clamping: line), column: UInt32(clamping: column)),
            element: entity.xmlElement)
    }
}

/// The typer of one entity, without its row type.
private protocol AnyTableTyper: AnyObject {
    func slot(named: String) -> Int
    func bindHeader(_ names: [String], location: SourceLocation) -> [Int]
    func endFile(path: String)
    func reserve(_ count: Int)
    func reserve(lines: Int, fileBytes: Int)
    func expect(bytes: Int)
    var extraNames: [String] { get }
    func beginFile()
    var contractColumnCount: Int { get }
    func requiredSlotsCovered(by slots: Set<Int>) -> Bool
    func csvRow(_ record: CSVRecord, slots: UnsafeBufferPointer<Int>, file: UInt32)
    func begin(file: UInt32, line: Int, column: Int)
    func field(slot: Int, value: UnsafeBufferPointer<UInt8>, line: Int, column: Int)
    func end()
}

extension TableTyper: AnyTableTyper {}

/// The `RowSink` every reader writes to: it types rows entity by entity, in the order the files
/// are read, and hands back a `Portfolio` (before duplicate and reference checks).
public final class PortfolioBuilder: RowSink {
    private let context: TypingContext
    private let typers: [AnyTableTyper]
    /// The entity of the row being built. Calls go through `switch` to the concrete typer, so the
    /// compiler specialises the generic typer for each row type (an existential call would run
    /// the unspecialised code and look up generic metadata on every field).
    private var current: Entity?

    private let programs: TableTyper<Program>
    private let people: TableTyper<Person>
    private let certifications: TableTyper<Certification>
    private let projects: TableTyper<Project>
    private let financials: TableTyper<Financial>
    private let milestones: TableTyper<Milestone>
    private let stageGates: TableTyper<StageGate>
    private let risks: TableTyper<Risk>
    private let issues: TableTyper<Issue>
    private let assignments: TableTyper<Assignment>
    private let benefits: TableTyper<Benefit>
    private let benefitMeasurements: TableTyper<BenefitMeasurement>
    private let dependencies: TableTyper<Dependency>
    private let changeImpacts: TableTyper<ChangeImpact>
    private let lessons: TableTyper<Lesson>

    public init(diagnostics: DiagnosticSink) {
        let c = TypingContext(diagnostics: diagnostics)
        context = c
        programs = TableTyper(context: c)
        people = TableTyper(context: c)
        certifications = TableTyper(context: c)
        projects = TableTyper(context: c)
        financials = TableTyper(context: c)
        milestones = TableTyper(context: c)
        stageGates = TableTyper(context: c)
        risks = TableTyper(context: c)
        issues = TableTyper(context: c)
        assignments = TableTyper(context: c)
        benefits = TableTyper(context: c)
        benefitMeasurements = TableTyper(context: c)
        dependencies = TableTyper(context: c)
        changeImpacts = TableTyper(context: c)
        lessons = TableTyper(context: c)
        // In `Entity.allCases` order, so `typer(for:)` can index.
        typers = [
            programs, people, certifications, projects, financials, milestones, stageGates, risks, issues,
            assignments, benefits, benefitMeasurements, dependencies, changeImpacts, lessons,
        ]
    }

    public var diagnostics: DiagnosticSink { context.diagnostics }

    /// Registers a file; its id goes into every row's origin.
    public func addFile(path: String, isXML: Bool) -> UInt32 {
        context.files.add(path: path, isXML: isXML)
    }

    public var files: SourceFiles { context.files }

    /// Marks a file's rows as derived from another tool's export (see `SourceFiles.File.derived`).
    public func markDerived(_ fileID: UInt32) { context.files.markDerived(fileID) }

    private func typer(for entity: Entity) -> AnyTableTyper {
        typers[Entity.allCases.firstIndex(of: entity) ?? 0]
    }

    // MARK: - RowSink

    public func slot(for entity: Entity, named name: String) -> Int {
        typer(for: entity).slot(named: name)
    }

    public func beginRow(_ entity: Entity, file: UInt32, line: Int, column: Int) {
        current = entity
        switch entity {
        case .programs: programs.begin(file: file, line: line, column: column)
        case .people: people.begin(file: file, line: line, column: column)
        case .certifications: certifications.begin(file: file, line: line, column: column)
        case .projects: projects.begin(file: file, line: line, column: column)
        case .financials: financials.begin(file: file, line: line, column: column)
        case .milestones: milestones.begin(file: file, line: line, column: column)
        case .stageGates: stageGates.begin(file: file, line: line, column: column)
        case .risks: risks.begin(file: file, line: line, column: column)
        case .issues: issues.begin(file: file, line: line, column: column)
        case .assignments: assignments.begin(file: file, line: line, column: column)
        case .benefits: benefits.begin(file: file, line: line, column: column)
        case .benefitMeasurements: benefitMeasurements.begin(file: file, line: line, column: column)
        case .dependencies: dependencies.begin(file: file, line: line, column: column)
        case .changeImpacts: changeImpacts.begin(file: file, line: line, column: column)
        case .lessons: lessons.begin(file: file, line: line, column: column)
        }
    }

    public func field(slot: Int, value: UnsafeBufferPointer<UInt8>, line: Int, column: Int) {
        switch current {
        case .programs: programs.field(slot: slot, value: value, line: line, column: column)
        case .people: people.field(slot: slot, value: value, line: line, column: column)
        case .certifications: certifications.field(slot: slot, value: value, line: line, column: column)
        case .projects: projects.field(slot: slot, value: value, line: line, column: column)
        case .financials: financials.field(slot: slot, value: value, line: line, column: column)
        case .milestones: milestones.field(slot: slot, value: value, line: line, column: column)
        case .stageGates: stageGates.field(slot: slot, value: value, line: line, column: column)
        case .risks: risks.field(slot: slot, value: value, line: line, column: column)
        case .issues: issues.field(slot: slot, value: value, line: line, column: column)
        case .assignments: assignments.field(slot: slot, value: value, line: line, column: column)
        case .benefits: benefits.field(slot: slot, value: value, line: line, column: column)
        case .benefitMeasurements: benefitMeasurements.field(slot: slot, value: value, line: line, column: column)
        case .dependencies: dependencies.field(slot: slot, value: value, line: line, column: column)
        case .changeImpacts: changeImpacts.field(slot: slot, value: value, line: line, column: column)
        case .lessons: lessons.field(slot: slot, value: value, line: line, column: column)
        case nil: break
        }
    }

    public func endRow() {
        switch current {
        case .programs: programs.end()
        case .people: people.end()
        case .certifications: certifications.end()
        case .projects: projects.end()
        case .financials: financials.end()
        case .milestones: milestones.end()
        case .stageGates: stageGates.end()
        case .risks: risks.end()
        case .issues: issues.end()
        case .assignments: assignments.end()
        case .benefits: benefits.end()
        case .benefitMeasurements: benefitMeasurements.end()
        case .dependencies: dependencies.end()
        case .changeImpacts: changeImpacts.end()
        case .lessons: lessons.end()
        case nil: break
        }
        current = nil
    }

    // MARK: - CSV

    /// Types one CSV record of `entity` as a row (`beginRow`, `field` for each slotted field,
    /// `endRow`), dispatching once per row instead of once per field.
    func csvRow(_ entity: Entity, _ record: CSVRecord, slots: UnsafeBufferPointer<Int>, file: UInt32) {
        current = nil
        switch entity {
        case .programs: programs.csvRow(record, slots: slots, file: file)
        case .people: people.csvRow(record, slots: slots, file: file)
        case .certifications: certifications.csvRow(record, slots: slots, file: file)
        case .projects: projects.csvRow(record, slots: slots, file: file)
        case .financials: financials.csvRow(record, slots: slots, file: file)
        case .milestones: milestones.csvRow(record, slots: slots, file: file)
        case .stageGates: stageGates.csvRow(record, slots: slots, file: file)
        case .risks: risks.csvRow(record, slots: slots, file: file)
        case .issues: issues.csvRow(record, slots: slots, file: file)
        case .assignments: assignments.csvRow(record, slots: slots, file: file)
        case .benefits: benefits.csvRow(record, slots: slots, file: file)
        case .benefitMeasurements: benefitMeasurements.csvRow(record, slots: slots, file: file)
        case .dependencies: dependencies.csvRow(record, slots: slots, file: file)
        case .changeImpacts: changeImpacts.csvRow(record, slots: slots, file: file)
        case .lessons: lessons.csvRow(record, slots: slots, file: file)
        }
    }


    /// Binds a CSV header row to slots, reporting unknown and missing required columns.
    public func bindHeader(_ entity: Entity, names: [String], location: SourceLocation) -> [Int] {
        typer(for: entity).bindHeader(names, location: location)
    }

    /// Makes `field(slot:value:line:column:)` take a token (e.g. a field index) that `resolve`
    /// turns into a column only when a diagnostic needs it; nil restores real columns.
    public func setColumnResolver(_ resolve: ((Int) -> Int)?) {
        context.resolveColumn = resolve
    }

    /// Closes a CSV file of `entity` (reports rows lost to a missing required column).
    public func endFile(_ entity: Entity, path: String) {
        typer(for: entity).endFile(path: path)
    }

    /// The last clean CSV header of each entity: its fields (each as a 4-byte length and its
    /// bytes) and slots.
    private var cleanHeaders: [Entity: (raw: [UInt8], slots: [Int])] = [:]

    /// The slots of a header with these bytes, when it equals the entity's last clean header;
    /// the typer is then set up for a new file as `bindHeader` would (which would report
    /// nothing for it).
    func cleanHeader(_ entity: Entity, raw: [UInt8]) -> [Int]? {
        guard let h = cleanHeaders[entity], h.raw == raw else { return nil }
        typer(for: entity).beginFile()
        return h.slots
    }

    /// Remembers a header bound by `bindHeader` when it was clean: every slot a distinct
    /// contract column and no required column missing.
    func noteHeader(_ entity: Entity, raw: [UInt8], slots: [Int]) {
        let t = typer(for: entity)
        let count = t.contractColumnCount
        var seen = Set<Int>()
        for s in slots where s < 0 || s >= count || !seen.insert(s).inserted { return }
        guard t.requiredSlotsCovered(by: seen) else { return }
        cleanHeaders[entity] = (raw, slots)
    }

    /// The extra (non-contract) columns met so far for `entity`, spelt as first met.
    public func extraNames(_ entity: Entity) -> [String] {
        typer(for: entity).extraNames
    }

    /// Makes room for about `rows` more rows of `entity` (e.g. a file's line count).
    public func reserveRows(_ entity: Entity, _ rows: Int) {
        typer(for: entity).reserve(rows)
    }

    /// Notes that CSV files of `entity` with `bytes` bytes in all are among the files this
    /// builder will read, so that the first of them can reserve rows for all.
    public func expectCSVBytes(_ entity: Entity, _ bytes: Int) {
        typer(for: entity).expect(bytes: bytes)
    }

    /// Makes room for a CSV file of `entity` with `lines` lines and `fileBytes` bytes, and for
    /// the rest of the expected files (see `expectCSVBytes`).
    public func reserveRows(_ entity: Entity, lines: Int, fileBytes: Int) {
        typer(for: entity).reserve(lines: lines, fileBytes: fileBytes)
    }

    /// The typed rows, in the order they were read. The rows move into the portfolio: the
    /// builder is spent afterwards.
    public func build() -> Portfolio {
        var p = Portfolio()
        p.files = context.files
        p.programs = programs.takeRows()
        p.people = people.takeRows()
        p.certifications = certifications.takeRows()
        p.projects = projects.takeRows()
        p.financials = financials.takeRows()
        p.milestones = milestones.takeRows()
        p.stageGates = stageGates.takeRows()
        p.risks = risks.takeRows()
        p.issues = issues.takeRows()
        p.assignments = assignments.takeRows()
        p.benefits = benefits.takeRows()
        p.benefitMeasurements = benefitMeasurements.takeRows()
        p.dependencies = dependencies.takeRows()
        p.changeImpacts = changeImpacts.takeRows()
        p.lessons = lessons.takeRows()
        return p
    }
}
