import Foundation
internal import GRDB
internal import GRDBSQLite
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
        if mode == .readOnly { Self.rollBackAnInterruptedWrite(path) }
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

    /// A run killed while recording leaves a hot journal beside the file. A read-only connection
    /// cannot roll it back (SQLITE_READONLY_ROLLBACK), so when the file is writable a short
    /// read-write connection reads it once, which rolls the unfinished write back and restores
    /// the previous snapshot. Nothing else is written; errors surface at the read-only open.
    private static func rollBackAnInterruptedWrite(_ path: String) {
        guard FileManager.default.fileExists(atPath: path + "-journal"), FileManager.default.isWritableFile(atPath: path) else {
            return
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.label = "govpack.history.recovery"
        _ = try? DatabaseQueue(path: path, configuration: config).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
        }
    }

    // MARK: - Writing

    /// Stores `s` as the snapshot of `s.period`, replacing any earlier one, in one transaction.
    public func record(_ s: RunSnapshot) throws {
        _ = try record(s, commitIf: { true })
    }

    /// Writes `s` as the snapshot of `s.period` in one transaction, then commits it only if
    /// `commitIf()` says so (it may block). Returns whether it committed; when it did not, or
    /// anything threw, the history is as it was.
    public func record(_ s: RunSnapshot, commitIf: () throws -> Bool) throws -> Bool {
        try record(s, rendered: { s.rendered }, commitIf: commitIf)
    }

    /// The monthly run's record: it writes the rows of `s` in one transaction while the packs
    /// are still rendering, then asks `rendered()` for their files and metrics document (it may
    /// block; nil when the render failed), writes those, and commits only if `commitIf()` says
    /// so once they are published (it may block too). `s`'s own pack files and metrics document
    /// are not used. Returns whether it committed; when it did not, or anything threw, the
    /// history is as it was.
    public func record(_ s: RunSnapshot, rendered: () throws -> RunSnapshot.Rendered?,
                       commitIf: () throws -> Bool) throws -> Bool {
        var committed = false
        do {
            try queue.writeWithoutTransaction { db in
                // SQLite checks a foreign key per row written or deleted: at 20,000 projects that
                // is about 1.4 CPU s of look-ups of the one `runs` row every row of this snapshot
                // names. So the checks are off for this transaction (the pragma cannot change
                // inside one): the old snapshot is deleted table by table instead of by cascade,
                // and the `runs` row is written last, once the pack count is known. They are back
                // on for anything else this connection does (`delete` relies on the cascade).
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    try Self.insertRows(s, into: db)
                    guard let r = try rendered() else { return .rollback }
                    try Self.insertRendered(s, r, into: db)
                    committed = try commitIf()
                    return committed ? .commit : .rollback
                }
            }
        } catch {
            throw HistoryStoreError.from(error, path: path, doing: "record the \(s.period) snapshot")
        }
        return committed
    }

    /// Every row of `s` but its `runs` row, pack files and metrics document, after deleting the
    /// period's earlier snapshot.
    private static func insertRows(_ s: RunSnapshot, into db: Database) throws {
        let p = s.period.description
        // Children first, then the run (foreign keys are not enforced here: see `record`).
        for t in tables.reversed() {
            try db.execute(sql: "DELETE FROM \(t.name) WHERE period = ?", arguments: [p])
        }
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
    }

    /// The `runs` row, with what the render tells, the pack files and the metrics document.
    private static func insertRendered(_ s: RunSnapshot, _ r: RunSnapshot.Rendered, into db: Database) throws {
        let p = s.period.description
        try db.execute(
            sql: "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [
                p, s.govpackVersion, s.inputDigest, s.inputs.count,
                s.inputs.filter { $0.status == .quarantined }.count, s.projects.count,
                s.findings.reduce(0) { $0 + $1.count }, r.packFiles.count,
            ])
        try insert(db, "pack_files", 4, r.packFiles) { [p, $0.path, $0.sha256, $0.bytes] }
        try db.execute(sql: "INSERT INTO metrics_documents VALUES (?, ?)", arguments: [p, r.metricsJSON])
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
            var figures: [String: FigureRecord] = [:]
            try Self.each(db, "SELECT period, \(Self.figureColumns) FROM aggregate_figures WHERE level = 'portfolio'") { r in
                figures[try r.string()] = try Self.figure(&r)
            }
            var out: [RunInfo] = []
            try Self.each(
                db, "SELECT period, govpack_version, input_digest, inputs, quarantined_inputs, projects, findings, pack_files FROM runs ORDER BY period"
            ) { r in
                let p = try r.string()
                out.append(RunInfo(
                    period: try Self.period(p), govpackVersion: try r.string(), inputDigest: try r.string(),
                    inputs: try r.int(), quarantinedInputs: try r.int(), projects: try r.int(), findings: try r.int(),
                    packFiles: try r.int(), portfolio: figures[p] ?? FigureRecord()))
            }
            return out
        }
    }

    /// The snapshot of `period`, or nil when that period was never recorded.
    public func snapshot(_ period: Period, parts: SnapshotParts = .all) throws -> RunSnapshot? {
        try read("read the \(period) snapshot") { db in try Self.snapshot(db, period, parts) }
    }

    /// The `limit` latest snapshots before `period`, oldest first (for trends).
    ///
    /// Pass `parts: .trends` when only the figures and registers are needed: a large portfolio's
    /// metrics document alone is some 20 MB a period.
    public func snapshots(before period: Period, limit: Int, parts: SnapshotParts = .all) throws -> [RunSnapshot] {
        guard limit > 0 else { return [] }
        return try read("read the snapshots before \(period)") { db in
            let periods = try String.fetchAll(
                db, sql: "SELECT period FROM runs WHERE period < ? ORDER BY period DESC LIMIT ?",
                arguments: [period.description, limit])
            return try periods.reversed().compactMap { try Self.snapshot(db, Self.period($0), parts) }
        }
    }

    /// One project's figures in every recorded period where it appears, oldest first.
    public func projectHistory(_ projectID: String) throws -> [(period: Period, figures: ProjectRecord)] {
        try read("read the history of \(projectID)") { db in
            var out: [(period: Period, figures: ProjectRecord)] = []
            try Self.each(
                db, "SELECT period, \(Self.projectColumns) FROM project_figures WHERE project_id = ? ORDER BY period",
                [projectID]
            ) { r in out.append((try Self.period(r.string()), try Self.project(&r))) }
            return out
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

/// SQLite copies bound text before `bind` returns (`SQLITE_TRANSIENT`, a macro Swift cannot import).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
private let emptyText: UnsafePointer<CChar> = {
    let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
}()

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

    /// Inserts one row per item, binding the values straight through SQLite's C API: GRDB's
    /// `StatementArguments` conversion was two thirds of the time of recording 300,000 rows.
    /// Values are `SQLBindable`, which says its SQL type itself: matching each value against
    /// String, Int and Double by dynamic casts was a fifth of the rest.
    static func insert<T>(_ db: Database, _ table: String, _ columns: Int, _ items: [T],
                   _ values: (T) -> [any SQLBindable]) throws {
        guard !items.isEmpty else { return }
        let marks = Array(repeating: "?", count: columns).joined(separator: ", ")
        let statement = try db.makeStatement(sql: "INSERT INTO \(table) VALUES (\(marks))")
        let stmt = statement.sqliteStatement
        func check(_ rc: Int32, _ ok: Int32 = SQLITE_OK) throws {
            guard rc != ok else { return }
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(stmt)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: statement.sql)
        }
        for item in items {
            let row = values(item)
            precondition(row.count == columns, "\(table): \(row.count) values for \(columns) columns")
            for (k, value) in row.enumerated() {
                let index = Int32(k + 1)
                switch value.sqlValue {
                case .null:
                    try check(sqlite3_bind_null(stmt, index))
                case .text(var text):
                    try text.withUTF8 { b in
                        try b.withMemoryRebound(to: CChar.self) { c in
                            // An empty buffer may have no address, and a NULL pointer binds NULL.
                            try check(sqlite3_bind_text(stmt, index, c.baseAddress ?? emptyText, Int32(c.count), transient))
                        }
                    }
                case .int(let v):
                    try check(sqlite3_bind_int64(stmt, index, Int64(v)))
                case .real(let v):
                    try check(sqlite3_bind_double(stmt, index, v))
                }
            }
            try check(sqlite3_step(stmt), SQLITE_DONE)
            try check(sqlite3_reset(stmt))
        }
    }

    static func figureValues(_ p: String, _ level: String, _ f: FigureRecord) -> [any SQLBindable] {
        [
            p, level, f.id, f.rag?.rawValue, f.projects, f.activeProjects, DecimalText.format(f.bac),
            DecimalText.format(f.pv), DecimalText.format(f.ev), DecimalText.format(f.ac), f.eac.map(DecimalText.format),
            f.cpi, f.spi, f.riskExposure, f.openRisks, f.criticalRisks, f.complianceScore, f.benefitRealisationPct,
            f.errors, f.warnings,
        ]
    }

    /// Runs `sql` and hands each row to `body` in order. The rows come from a cursor and are
    /// read by position straight from SQLite (no copies, no column-name lookups): a history of
    /// 20,000 projects reads hundreds of thousands of rows per snapshot.
    static func each(_ db: Database, _ sql: String, _ arguments: StatementArguments = StatementArguments(),
                     _ body: (inout RowReader) throws -> Void) throws {
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            var r = RowReader(row: row)
            try body(&r)
        }
    }

    static let figureColumns = """
        id, rag, projects, active_projects, bac, pv, ev, ac, eac, cpi, spi, risk_exposure, open_risks, critical_risks, \
        compliance_score, benefit_realisation_pct, errors, warnings
        """

    static let projectColumns = """
        project_id, name, program_id, team, stage, rag_reported, rag_derived, bac, pv, ev, ac, eac, cpi, spi, \
        risk_exposure, open_risks, critical_risks, compliance_score, errors, warnings, end_slip_days, benefit_realisation_pct
        """

    static func snapshot(_ db: Database, _ period: Period, _ parts: SnapshotParts) throws -> RunSnapshot? {
        let p = period.description
        let key: StatementArguments = [p]
        var run: (version: String, digest: String)?
        try each(db, "SELECT govpack_version, input_digest FROM runs WHERE period = ?", key) { r in
            run = (try r.string(), try r.string())
        }
        guard let run else { return nil }
        var s = RunSnapshot(period: period, govpackVersion: run.version, inputDigest: run.digest, portfolio: FigureRecord())
        if parts.contains(.inputs) {
            try each(db, "SELECT path, team, sha256, bytes, status FROM inputs WHERE period = ? ORDER BY path", key) { r in
                s.inputs.append(InputRecord(
                    path: try r.string(), team: try r.optionalString(), sha256: try r.string(), bytes: try r.int(),
                    status: try r.choice()))
            }
        }
        try each(db, "SELECT level, \(figureColumns) FROM aggregate_figures WHERE period = ? ORDER BY level, id", key) { r in
            if try r.string() == "portfolio" {
                s.portfolio = try figure(&r)
            } else {
                s.programs.append(try figure(&r))
            }
        }
        try each(db, "SELECT \(projectColumns) FROM project_figures WHERE period = ? ORDER BY project_id", key) { r in
            s.projects.append(try project(&r))
        }
        try each(
            db, "SELECT project_id, risk_id, title, category, probability, impact, score, status FROM risks WHERE period = ? ORDER BY project_id, risk_id",
            key
        ) { r in
            var risk = RiskRecord(
                projectID: try r.string(), riskID: try r.string(), title: try r.string(), category: try r.optionalChoice(),
                probability: try r.int(), impact: try r.int(), status: .open)
            risk.score = try r.int()
            risk.status = try r.choice()
            s.risks.append(risk)
        }
        try each(
            db, "SELECT project_id, milestone_id, name, baseline_date, forecast_date, actual_date, status FROM milestones WHERE period = ? ORDER BY project_id, milestone_id",
            key
        ) { r in
            s.milestones.append(MilestoneRecord(
                projectID: try r.string(), milestoneID: try r.string(), name: try r.string(), baselineDate: try r.day(),
                forecastDate: try r.optionalDay(), actualDate: try r.optionalDay(), status: try r.optionalChoice()))
        }
        try each(
            db, "SELECT project_id, benefit_id, name, category, realisation_pct FROM benefits WHERE period = ? ORDER BY project_id, benefit_id",
            key
        ) { r in
            s.benefits.append(BenefitRecord(
                projectID: try r.string(), benefitID: try r.string(), name: try r.string(), category: try r.optionalChoice(),
                realisationPct: try r.optionalDouble()))
        }
        if parts.contains(.findings) {
            try each(
                db, "SELECT rule_id, project_id, severity, waived, count FROM findings WHERE period = ? ORDER BY rule_id, project_id, severity, waived",
                key
            ) { r in
                let rule = try r.string(), project = try r.string()
                s.findings.append(FindingRecord(
                    ruleID: rule, projectID: project.isEmpty ? nil : project, severity: try r.choice(),
                    waived: try r.int() != 0, count: try r.int()))
            }
        }
        if parts.contains(.packFiles) {
            try each(db, "SELECT path, sha256, bytes FROM pack_files WHERE period = ? ORDER BY path", key) { r in
                s.packFiles.append(PackFileRecord(path: try r.string(), sha256: try r.string(), bytes: try r.int()))
            }
        }
        if parts.contains(.metricsJSON) {
            try each(db, "SELECT json FROM metrics_documents WHERE period = ?", key) { r in s.metricsJSON = try r.string() }
        }
        return s
    }

    static func figure(_ r: inout RowReader) throws -> FigureRecord {
        FigureRecord(
            id: try r.string(), rag: try r.optionalChoice(), projects: try r.int(), activeProjects: try r.int(),
            bac: try r.decimal(), pv: try r.decimal(), ev: try r.decimal(), ac: try r.decimal(), eac: try r.optionalDecimal(),
            cpi: try r.optionalDouble(), spi: try r.optionalDouble(), riskExposure: try r.int(), openRisks: try r.int(),
            criticalRisks: try r.int(), complianceScore: try r.optionalDouble(), benefitRealisationPct: try r.optionalDouble(),
            errors: try r.int(), warnings: try r.int())
    }

    static func project(_ r: inout RowReader) throws -> ProjectRecord {
        ProjectRecord(
            id: try r.string(), name: try r.string(), programID: try r.optionalString(), team: try r.optionalString(),
            stage: try r.choice(), ragReported: try r.optionalChoice(), ragDerived: try r.optionalChoice(),
            bac: try r.decimal(), pv: try r.decimal(), ev: try r.decimal(), ac: try r.decimal(), eac: try r.optionalDecimal(),
            cpi: try r.optionalDouble(), spi: try r.optionalDouble(), riskExposure: try r.int(), openRisks: try r.int(),
            criticalRisks: try r.int(), complianceScore: try r.optionalDouble(), errors: try r.int(), warnings: try r.int(),
            endSlipDays: try r.optionalInt(), benefitRealisationPct: try r.optionalDouble())
    }

    static func period(_ s: String) throws -> Period {
        guard let p = Period(s) else { throw corrupt("period", s) }
        return p
    }

    static func corrupt(_ column: String, _ value: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "unreadable \(column) value '\(value)'")
    }
}

/// Reads a row's columns left to right. A value this version cannot read is reported as a
/// damaged file, never a trap.
struct RowReader {
    let row: Row
    private var i = 0

    init(row: Row) { self.row = row }

    private mutating func next<T: DatabaseValueConvertible & StatementColumnConvertible>(_: T.Type) throws -> T {
        defer { i += 1 }
        return try row.decode(T.self, atIndex: i)
    }

    mutating func string() throws -> String { try next(String.self) }
    mutating func optionalString() throws -> String? { try next(String?.self) }
    mutating func int() throws -> Int { try next(Int.self) }
    mutating func optionalInt() throws -> Int? { try next(Int?.self) }
    mutating func optionalDouble() throws -> Double? { try next(Double?.self) }

    mutating func decimal() throws -> Decimal {
        let s = try string()
        guard let d = DecimalText.parse(s) else { throw HistoryStore.corrupt("money", s) }
        return d
    }

    mutating func optionalDecimal() throws -> Decimal? {
        guard let s = try optionalString() else { return nil }
        guard let d = DecimalText.parse(s) else { throw HistoryStore.corrupt("money", s) }
        return d
    }

    mutating func day() throws -> Day {
        let s = try string()
        guard let d = Day(s) else { throw HistoryStore.corrupt("date", s) }
        return d
    }

    mutating func optionalDay() throws -> Day? {
        guard let s = try optionalString() else { return nil }
        guard let d = Day(s) else { throw HistoryStore.corrupt("date", s) }
        return d
    }

    mutating func choice<E: RawRepresentable>() throws -> E where E.RawValue == String {
        let s = try string()
        guard let e = E(rawValue: s) else { throw HistoryStore.corrupt("\(E.self)", s) }
        return e
    }

    mutating func optionalChoice<E: RawRepresentable>() throws -> E? where E.RawValue == String {
        guard let s = try optionalString() else { return nil }
        guard let e = E(rawValue: s) else { throw HistoryStore.corrupt("\(E.self)", s) }
        return e
    }
}

/// Money as exact decimal text: plain digits, no exponent, no trailing fractional zeros, so
/// one value has one spelling and the same figures give the same rows.
public enum DecimalText {
    public static func format(_ d: Decimal) -> String {
        if d.isNaN { return "NaN" }
        if layoutVerified, let raw = raw(d) { return spell(raw) }
        return slow(d)
    }

    /// Foundation's spelling with trailing fractional zeros dropped (it costs some 9 µs a value).
    static func slow(_ d: Decimal) -> String {
        var s = d.description
        if s.contains("."), !s.contains("e"), !s.contains("E") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    // MARK: Fast path

    /// Sign, exponent and the 128-bit significand read from a `Decimal`'s storage: exponent byte,
    /// flags byte (length in the high nibble, sign in bit 3), two reserved bytes, eight
    /// little-endian 16-bit words. Foundation keeps these fields internal, so the layout is
    /// checked once against `slow` on probes; if it ever differs every value takes `slow`.
    private static func raw(_ d: Decimal) -> (negative: Bool, exponent: Int, significand: UInt128)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: d) { b -> (negative: Bool, exponent: Int, significand: UInt128)? in
            let length = Int(b[1] >> 4)
            let negative = b[1] & 0x08 != 0
            if length == 0 { return negative ? nil : (false, 0, 0) }
            guard length <= 8 else { return nil }
            var m: UInt128 = 0
            for w in 0..<length { m |= UInt128(b[4 + 2 * w]) << (16 * w) | UInt128(b[5 + 2 * w]) << (16 * w + 8) }
            return (negative, Int(Int8(bitPattern: b[0])), m)
        }
    }

    private static func spell(_ p: (negative: Bool, exponent: Int, significand: UInt128)) -> String {
        if p.significand == 0 { return "0" }
        var digits = Array(p.significand.description.utf8)
        var e = p.exponent
        while e < 0, digits.last == 0x30 {
            digits.removeLast()
            e += 1
        }
        var out: [UInt8] = p.negative ? [0x2D] : []
        if e >= 0 {
            out += digits
            out += Array(repeating: 0x30, count: e)
        } else if digits.count > -e {
            out += digits[..<(digits.count + e)]
            out.append(0x2E)
            out += digits[(digits.count + e)...]
        } else {
            out += [0x30, 0x2E]
            out += Array(repeating: 0x30, count: -e - digits.count)
            out += digits
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let layoutVerified: Bool = {
        let probes = [
            "0", "1", "-1", "97000.5", "-97000.50", "1250000", "0.000001", "-0.25", "18446744073709551616", "1e20",
            "-7e-10", "65536", "4294967296", "0.33333333333333333333333333333333333333", "1200000.999999",
        ]
        for t in probes {
            guard let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")), let r = raw(d),
                spell(r) == slow(d)
            else { return false }
        }
        return true
    }()

    /// Reads what `format` wrote, through the ingest's exact byte parser (Foundation's
    /// `Decimal(string:)` costs microseconds, and a snapshot holds hundreds of thousands).
    public static func parse(_ s: String) -> Decimal? {
        var t = s
        return t.withUTF8 { FieldParser.parseDecimal($0) }
    }
}

/// A value as an SQL parameter takes it.
enum SQLValue {
    case null
    case text(String)
    case int(Int)
    case real(Double)
}

/// What `HistoryStore.insert` binds: each value says its own SQL type.
protocol SQLBindable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable {
    var sqlValue: SQLValue { .text(self) }
}

extension Int: SQLBindable {
    var sqlValue: SQLValue { .int(self) }
}

extension Double: SQLBindable {
    var sqlValue: SQLValue { .real(self) }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
