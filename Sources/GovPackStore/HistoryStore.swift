import Foundation
internal import GRDB
import GovPackCore

/// The run history: one snapshot per period in an SQLite file (default `govpack.db`).
///
/// Every write is one transaction (SQLite's rollback journal), so a run killed half-way leaves
/// the previous history as it was. Recording a period again replaces its snapshot whole.
/// Errors are `HistoryStoreError`s with a message for the user (cannot open, newer schema,
/// disk full, ...); nothing here traps on a bad file.
public final class HistoryStore: Sendable {
    /// The number of migrations this version knows: `v1` ... `v<schemaVersion>`.
    public static let schemaVersion = 1

    public enum Mode: Sendable {
        /// Creates the file when missing (its folder must exist) and migrates it.
        case readWrite
        /// The file must exist; nothing is created or migrated (for `govpack history`).
        case readOnly
    }

    public let path: String
    private let queue: DatabaseQueue

    /// Opens (and, read-write, creates and migrates) the history at `path`.
    public init(path: String, mode: Mode = .readWrite) throws {
        self.path = path
        if mode == .readOnly && !FileManager.default.fileExists(atPath: path) {
            throw HistoryStoreError(.cannotOpen, path: path, message: "\(path): no history database here (no run has been recorded yet)")
        }
        var config = Configuration()
        config.readonly = mode == .readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.label = "govpack.history"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            let migrator = Self.migrator
            let state = try queue.read { db in
                (
                    superseded: try migrator.hasBeenSuperseded(db),
                    complete: try migrator.hasCompletedMigrations(db),
                    tracked: try db.tableExists("grdb_migrations"),
                    foreign: try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") ?? 0
                )
            }
            if state.superseded {
                throw HistoryStoreError(
                    .newerSchema, path: path,
                    message: "\(path): written by a newer govpack (its schema has migrations this version, schema \(Self.schemaVersion), does not know); use that govpack or a newer one")
            }
            if !state.tracked && state.foreign > 0 {
                throw HistoryStoreError(
                    .notHistory, path: path, message: "\(path): an SQLite database, but not a govpack history (it has other tables)")
            }
            if !state.complete {
                if mode == .readOnly {
                    throw HistoryStoreError(
                        state.tracked ? .olderSchema : .notHistory, path: path,
                        message: state.tracked
                            ? "\(path): written by an older govpack; open it read-write once (govpack run) to upgrade it"
                            : "\(path): not a govpack history database (no runs recorded)")
                }
                try migrator.migrate(queue)
            }
        } catch {
            throw HistoryStoreError.from(error, path: path, doing: "open the history database")
        }
    }

    // MARK: - Writing

    /// Stores `s` as the snapshot of `s.period`, replacing any earlier one, in one transaction.
    public func record(_ s: RunSnapshot) throws {
        try write("record the \(s.period) snapshot") { db in
            let p = s.period.description
            try db.execute(sql: "DELETE FROM runs WHERE period = ?", arguments: [p])
            try db.execute(
                sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    p, s.govpackVersion, s.inputDigest, s.inputs.count,
                    s.inputs.filter { $0.status == .quarantined }.count, s.projects.count,
                    s.findings.reduce(0) { $0 + $1.count }, s.packFiles.count,
                ])
            try insert(db, "inputs", 6, s.inputs) { [p, $0.path, $0.team, $0.sha256, $0.bytes, $0.status.rawValue] }
            try insert(db, "aggregate_figures", 20, [s.portfolio]) { Self.figureValues(p, "portfolio", $0) }
            try insert(db, "aggregate_figures", 20, s.programs) { Self.figureValues(p, "program", $0) }
            try insert(db, "project_figures", 23, s.projects) { r in
                [
                    p, r.id, r.name, r.programID, r.team, r.stage.rawValue, r.ragReported?.rawValue,
                    r.ragDerived?.rawValue, DecimalText.format(r.bac), DecimalText.format(r.pv),
                    DecimalText.format(r.ev), DecimalText.format(r.ac), r.eac.map(DecimalText.format), r.cpi, r.spi,
                    r.riskExposure, r.openRisks, r.criticalRisks, r.complianceScore, r.errors, r.warnings,
                    r.endSlipDays, r.benefitRealisationPct,
                ]
            }
            try insert(db, "risks", 9, s.risks) {
                [p, $0.projectID, $0.riskID, $0.title, $0.category?.rawValue, $0.probability, $0.impact, $0.score,
                 $0.status.rawValue]
            }
            try insert(db, "milestones", 8, s.milestones) {
                [p, $0.projectID, $0.milestoneID, $0.name, $0.baselineDate.description, $0.forecastDate?.description,
                 $0.actualDate?.description, $0.status?.rawValue]
            }
            try insert(db, "benefits", 6, s.benefits) {
                [p, $0.projectID, $0.benefitID, $0.name, $0.category?.rawValue, $0.realisationPct]
            }
            try insert(db, "findings", 6, s.findings) {
                [p, $0.ruleID, $0.projectID ?? "", $0.severity.rawValue, $0.waived ? 1 : 0, $0.count]
            }
            try insert(db, "pack_files", 4, s.packFiles) { [p, $0.path, $0.sha256, $0.bytes] }
            try db.execute(sql: "INSERT INTO metrics_documents VALUES (?, ?)", arguments: [p, s.metricsJSON])
        }
    }

    /// Deletes the snapshot of `period`; false when there was none.
    @discardableResult
    public func delete(_ period: Period) throws -> Bool {
        try write("delete the \(period) snapshot") { db in
            try db.execute(sql: "DELETE FROM runs WHERE period = ?", arguments: [period.description])
            return db.changesCount > 0
        }
    }

    // MARK: - Reading

    /// Every recorded run, oldest first.
    public func runs() throws -> [RunInfo] {
        try read("list the runs") { db in
            let figures = try Dictionary(
                Row.fetchAll(db, sql: "SELECT * FROM aggregate_figures WHERE level = 'portfolio'").map {
                    (try Self.text($0, "period"), try Self.figure($0))
                }, uniquingKeysWith: { a, _ in a })
            return try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY period").map { r in
                let p: String = try Self.text(r, "period")
                return RunInfo(
                    period: try Self.period(p), govpackVersion: try Self.text(r, "govpack_version"),
                    inputDigest: try Self.text(r, "input_digest"), inputs: try r.decode(forColumn: "inputs"), quarantinedInputs: try r.decode(forColumn: "quarantined_inputs"),
                    projects: try r.decode(forColumn: "projects"), findings: try r.decode(forColumn: "findings"), packFiles: try r.decode(forColumn: "pack_files"),
                    portfolio: figures[p] ?? FigureRecord())
            }
        }
    }

    /// The snapshot of `period`, or nil when that period was never recorded.
    public func snapshot(_ period: Period) throws -> RunSnapshot? {
        try read("read the \(period) snapshot") { db in try Self.snapshot(db, period) }
    }

    /// The `limit` latest snapshots before `period`, oldest first (for trends).
    public func snapshots(before period: Period, limit: Int) throws -> [RunSnapshot] {
        guard limit > 0 else { return [] }
        return try read("read the snapshots before \(period)") { db in
            let periods = try String.fetchAll(
                db, sql: "SELECT period FROM runs WHERE period < ? ORDER BY period DESC LIMIT ?",
                arguments: [period.description, limit])
            return try periods.reversed().compactMap { try Self.snapshot(db, Self.period($0)) }
        }
    }

    /// One project's figures in every recorded period where it appears, oldest first.
    public func projectHistory(_ projectID: String) throws -> [(period: Period, figures: ProjectRecord)] {
        try read("read the history of \(projectID)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM project_figures WHERE project_id = ? ORDER BY period", arguments: [projectID]
            ).map { (try Self.period(Self.text($0, "period")), try Self.project($0)) }
        }
    }

    /// Every project id in the history, in code-point order.
    public func projectIDs() throws -> [String] {
        try read("list the projects") { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT project_id FROM project_figures ORDER BY project_id")
        }
    }

    /// Every row of every table in key order, one line each, for checking that two histories
    /// hold the same data (idempotence, determinism).
    public func dump() throws -> String {
        try read("dump the history") { db in
            var out = ""
            for t in Self.tables {
                out += "# \(t.name)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(t.name) ORDER BY \(t.key)") {
                    out += row.databaseValues.map { $0.description }.joined(separator: "|") + "\n"
                }
            }
            return out
        }
    }
}

// MARK: - Rows

private extension HistoryStore {
    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch {
            throw HistoryStoreError.from(error, path: path, doing: doing)
        }
    }

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch {
            throw HistoryStoreError.from(error, path: path, doing: doing)
        }
    }

    func insert<T>(_ db: Database, _ table: String, _ columns: Int, _ items: [T],
                   _ values: (T) -> [(any DatabaseValueConvertible)?]) throws {
        guard !items.isEmpty else { return }
        let marks = Array(repeating: "?", count: columns).joined(separator: ", ")
        let statement = try db.cachedStatement(sql: "INSERT INTO \(table) VALUES (\(marks))")
        for item in items { try statement.execute(arguments: StatementArguments(values(item))) }
    }

    static func figureValues(_ p: String, _ level: String, _ f: FigureRecord) -> [(any DatabaseValueConvertible)?] {
        [
            p, level, f.id, f.rag?.rawValue, f.projects, f.activeProjects, DecimalText.format(f.bac),
            DecimalText.format(f.pv), DecimalText.format(f.ev), DecimalText.format(f.ac), f.eac.map(DecimalText.format),
            f.cpi, f.spi, f.riskExposure, f.openRisks, f.criticalRisks, f.complianceScore, f.benefitRealisationPct,
            f.errors, f.warnings,
        ]
    }

    static func snapshot(_ db: Database, _ period: Period) throws -> RunSnapshot? {
        let p = period.description
        guard let run = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE period = ?", arguments: [p]) else { return nil }
        func rows(_ table: String, _ key: String) throws -> [Row] {
            try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE period = ? ORDER BY \(key)", arguments: [p])
        }
        let aggregates = try rows("aggregate_figures", "level, id")
        return RunSnapshot(
            period: period, govpackVersion: try text(run, "govpack_version"), inputDigest: try text(run, "input_digest"),
            inputs: try rows("inputs", "path").map { r in
                InputRecord(path: try text(r, "path"), team: try r.decode(forColumn: "team"), sha256: try text(r, "sha256"), bytes: try r.decode(forColumn: "bytes"),
                            status: try choice(r, "status"))
            },
            portfolio: try aggregates.first { (try? text($0, "level")) == "portfolio" }.map(figure) ?? FigureRecord(),
            programs: try aggregates.filter { (try? text($0, "level")) == "program" }.map(figure),
            projects: try rows("project_figures", "project_id").map(project),
            risks: try rows("risks", "project_id, risk_id").map { r in
                var risk = RiskRecord(
                    projectID: try text(r, "project_id"), riskID: try text(r, "risk_id"), title: try text(r, "title"),
                    category: try optionalChoice(r, "category"), probability: try r.decode(forColumn: "probability"), impact: try r.decode(forColumn: "impact"),
                    status: try choice(r, "status"))
                risk.score = try r.decode(forColumn: "score")
                return risk
            },
            milestones: try rows("milestones", "project_id, milestone_id").map { r in
                MilestoneRecord(
                    projectID: try text(r, "project_id"), milestoneID: try text(r, "milestone_id"), name: try text(r, "name"),
                    baselineDate: try day(r, "baseline_date"), forecastDate: try optionalDay(r, "forecast_date"),
                    actualDate: try optionalDay(r, "actual_date"), status: try optionalChoice(r, "status"))
            },
            benefits: try rows("benefits", "project_id, benefit_id").map { r in
                BenefitRecord(
                    projectID: try text(r, "project_id"), benefitID: try text(r, "benefit_id"), name: try text(r, "name"),
                    category: try optionalChoice(r, "category"), realisationPct: try r.decode(forColumn: "realisation_pct"))
            },
            findings: try rows("findings", "rule_id, project_id, severity, waived").map { r in
                let project: String = try text(r, "project_id")
                return FindingRecord(
                    ruleID: try text(r, "rule_id"), projectID: project.isEmpty ? nil : project,
                    severity: try choice(r, "severity"), waived: (try r.decode(Int.self, forColumn: "waived")) != 0, count: try r.decode(forColumn: "count"))
            },
            packFiles: try rows("pack_files", "path").map { r in
                PackFileRecord(path: try text(r, "path"), sha256: try text(r, "sha256"), bytes: try r.decode(forColumn: "bytes"))
            },
            metricsJSON: try String.fetchOne(db, sql: "SELECT json FROM metrics_documents WHERE period = ?", arguments: [p]) ?? "")
    }

    static func figure(_ r: Row) throws -> FigureRecord {
        FigureRecord(
            id: try text(r, "id"), rag: try optionalChoice(r, "rag"), projects: try r.decode(forColumn: "projects"),
            activeProjects: try r.decode(forColumn: "active_projects"), bac: try decimal(r, "bac"), pv: try decimal(r, "pv"),
            ev: try decimal(r, "ev"), ac: try decimal(r, "ac"), eac: try optionalDecimal(r, "eac"), cpi: try r.decode(forColumn: "cpi"),
            spi: try r.decode(forColumn: "spi"), riskExposure: try r.decode(forColumn: "risk_exposure"), openRisks: try r.decode(forColumn: "open_risks"),
            criticalRisks: try r.decode(forColumn: "critical_risks"), complianceScore: try r.decode(forColumn: "compliance_score"),
            benefitRealisationPct: try r.decode(forColumn: "benefit_realisation_pct"), errors: try r.decode(forColumn: "errors"), warnings: try r.decode(forColumn: "warnings"))
    }

    static func project(_ r: Row) throws -> ProjectRecord {
        ProjectRecord(
            id: try text(r, "project_id"), name: try text(r, "name"), programID: try r.decode(forColumn: "program_id"), team: try r.decode(forColumn: "team"),
            stage: try choice(r, "stage"), ragReported: try optionalChoice(r, "rag_reported"),
            ragDerived: try optionalChoice(r, "rag_derived"), bac: try decimal(r, "bac"), pv: try decimal(r, "pv"),
            ev: try decimal(r, "ev"), ac: try decimal(r, "ac"), eac: try optionalDecimal(r, "eac"), cpi: try r.decode(forColumn: "cpi"),
            spi: try r.decode(forColumn: "spi"), riskExposure: try r.decode(forColumn: "risk_exposure"), openRisks: try r.decode(forColumn: "open_risks"),
            criticalRisks: try r.decode(forColumn: "critical_risks"), complianceScore: try r.decode(forColumn: "compliance_score"), errors: try r.decode(forColumn: "errors"),
            warnings: try r.decode(forColumn: "warnings"), endSlipDays: try r.decode(forColumn: "end_slip_days"), benefitRealisationPct: try r.decode(forColumn: "benefit_realisation_pct"))
    }

    // Typed column readers: a value this version cannot read is a damaged file, reported, not a trap.

    static func corrupt(_ column: String, _ value: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unreadable \(column) value '\(value)'")
    }

    static func text(_ r: Row, _ column: String) throws -> String {
        guard let s: String = try r.decode(forColumn: column) else { throw corrupt(column, "NULL") }
        return s
    }

    static func period(_ s: String) throws -> Period {
        guard let p = Period(s) else { throw corrupt("period", s) }
        return p
    }

    static func decimal(_ r: Row, _ column: String) throws -> Decimal {
        let s = try text(r, column)
        guard let d = DecimalText.parse(s) else { throw corrupt(column, s) }
        return d
    }

    static func optionalDecimal(_ r: Row, _ column: String) throws -> Decimal? {
        guard let s: String = try r.decode(forColumn: column) else { return nil }
        guard let d = DecimalText.parse(s) else { throw corrupt(column, s) }
        return d
    }

    static func day(_ r: Row, _ column: String) throws -> Day {
        let s = try text(r, column)
        guard let d = Day(s) else { throw corrupt(column, s) }
        return d
    }

    static func optionalDay(_ r: Row, _ column: String) throws -> Day? {
        guard let s: String = try r.decode(forColumn: column) else { return nil }
        guard let d = Day(s) else { throw corrupt(column, s) }
        return d
    }

    static func choice<E: RawRepresentable>(_ r: Row, _ column: String) throws -> E where E.RawValue == String {
        let s = try text(r, column)
        guard let e = E(rawValue: s) else { throw corrupt(column, s) }
        return e
    }

    static func optionalChoice<E: RawRepresentable>(_ r: Row, _ column: String) throws -> E? where E.RawValue == String {
        guard let s: String = try r.decode(forColumn: column) else { return nil }
        guard let e = E(rawValue: s) else { throw corrupt(column, s) }
        return e
    }
}

/// Money as exact decimal text: plain digits, no exponent, no trailing fractional zeros, so
/// one value has one spelling and the same figures give the same rows.
public enum DecimalText {
    public static func format(_ d: Decimal) -> String {
        if d.isNaN { return "NaN" }
        var s = d.description
        if s.contains("."), !s.contains("e"), !s.contains("E") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    public static func parse(_ s: String) -> Decimal? {
        Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))
    }
}
