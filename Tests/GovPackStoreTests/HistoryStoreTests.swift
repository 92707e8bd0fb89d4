import Foundation
import GRDB
import GovPackCore
@testable import GovPackStore
import GovPackTestSupport
import Testing

// MARK: - Hand-built snapshots

func per(_ s: String) -> Period {
    guard let p = Period(s) else { fatalError("bad test period \(s)") }
    return p
}

func day(_ s: String) -> Day {
    guard let d = Day(s) else { fatalError("bad test date \(s)") }
    return d
}

func dec(_ s: String) -> Decimal {
    guard let d = Decimal(string: s) else { fatalError("bad test decimal \(s)") }
    return d
}

/// A small snapshot with one of everything; `variant` changes figures so two snapshots differ.
func sample(_ period: String, variant: Int = 0) -> RunSnapshot {
    let inputs = [
        InputRecord(path: "payments/projects.csv", team: "payments", sha256: String(repeating: "a", count: 64), bytes: 812),
        InputRecord(path: "payments/risks.csv", team: "payments", sha256: String(repeating: "b", count: 64), bytes: 455),
        InputRecord(path: "web/submission.xml", team: "web", sha256: String(repeating: "c", count: 64), bytes: 90,
                    status: .quarantined),
    ]
    return RunSnapshot(
        period: per(period), govpackVersion: "0.1.0", inputDigest: InputRecord.digest(inputs), inputs: inputs,
        portfolio: FigureRecord(
            id: "", rag: .amber, projects: 2, activeProjects: 2, bac: dec("1250000"), pv: dec("300000.50"),
            ev: dec("250000.25"), ac: dec("280000"), eac: dec("1400000.1"), cpi: 0.8928580357142857,
            spi: 0.8333319444490741, riskExposure: 21 + variant, openRisks: 2, criticalRisks: 1, complianceScore: 87.5,
            benefitRealisationPct: 40, errors: 1, warnings: 2),
        programs: [
            FigureRecord(id: "PGM-1", rag: .amber, projects: 2, activeProjects: 2, bac: dec("1250000"),
                         pv: dec("300000.5"), ev: dec("250000.25"), ac: dec("280000"), eac: nil, cpi: nil, spi: 0.5,
                         riskExposure: 21, openRisks: 2, criticalRisks: 1)
        ],
        projects: [
            ProjectRecord(
                id: "PRJ-001", name: "Ledger \"v2\" | move", programID: "PGM-1", team: "payments", stage: .execution,
                ragReported: .green, ragDerived: .amber, bac: dec("1000000"), pv: dec("200000.5"), ev: dec("150000.25"),
                ac: dec("180000"), eac: dec("1200000.999999"), cpi: 0.8333347222222222, spi: 0.7499984375039062,
                riskExposure: 15 + variant, openRisks: 1, criticalRisks: 1, complianceScore: 75, errors: 1, warnings: 0,
                endSlipDays: 30, benefitRealisationPct: 40),
            ProjectRecord(
                id: "PRJ-002", name: "Web", programID: "PGM-1", team: "web", stage: .planning, ragReported: nil,
                ragDerived: nil, bac: dec("250000"), riskExposure: 6, openRisks: 1),
        ],
        risks: [
            RiskRecord(projectID: "PRJ-001", riskID: "R-1", title: "Vendor late", category: .external, probability: 3,
                       impact: 5, status: .open),
            RiskRecord(projectID: "PRJ-001", riskID: "R-2", title: "Closed one", category: nil, probability: 5, impact: 5,
                       status: .closed),
            RiskRecord(projectID: "PRJ-002", riskID: "R-1", title: "Skills", category: .resource, probability: 2,
                       impact: 3, status: .open),
        ] + (variant > 0 ? [RiskRecord(projectID: "PRJ-002", riskID: "R-9", title: "New", probability: 1, impact: 1,
                                        status: .open)] : []),
        milestones: [
            MilestoneRecord(projectID: "PRJ-001", milestoneID: "M1", name: "Design", baselineDate: day("2026-06-30"),
                            forecastDate: nil, actualDate: day("2026-07-15"), status: .complete),
            MilestoneRecord(projectID: "PRJ-001", milestoneID: "M2", name: "Build", baselineDate: day("2026-12-31"),
                            forecastDate: day("2027-01-31"), actualDate: nil, status: nil),
        ],
        benefits: [
            BenefitRecord(projectID: "PRJ-001", benefitID: "B1", name: "Fewer errors", category: .efficiency,
                          realisationPct: 40),
            BenefitRecord(projectID: "PRJ-002", benefitID: "B1", name: "Unmeasured", category: nil, realisationPct: nil),
        ],
        findings: [
            FindingRecord(ruleID: "portfolio.balance", projectID: nil, severity: .warning, waived: false, count: 1),
            FindingRecord(ruleID: "risk.owner_missing", projectID: "PRJ-001", severity: .error, waived: false, count: 2),
            FindingRecord(ruleID: "risk.owner_missing", projectID: "PRJ-001", severity: .error, waived: true, count: 1),
        ],
        packFiles: [
            PackFileRecord(path: "board.html", sha256: String(repeating: "d", count: 64), bytes: 40_000),
            PackFileRecord(path: "steering/PGM-1.html", sha256: String(repeating: "e", count: 64), bytes: 12_000),
        ],
        metricsJSON: "{\n  \"schema\": \"govpack.metrics/1\",\n  \"period\": \"\(period)\"\n}\n")
}

/// A store in a fresh folder, removed at the end of the test.
struct Scratch {
    let folder: TemporaryFolder
    var path: String { folder.url.appendingPathComponent("govpack.db").path }

    init() throws { folder = try TemporaryFolder() }

    func store(_ mode: HistoryStore.Mode = .readWrite) throws -> HistoryStore { try HistoryStore(path: path, mode: mode) }
}

// MARK: - Tests

@Suite struct HistoryStoreTests {
    @Test func recordedSnapshotReadsBackEqual() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        let snap = sample("2026-11")
        try store.record(snap)
        let back = try #require(try store.snapshot(per("2026-11")))
        #expect(back == snap)
        // Exact money survives: 1200000.999999 is not a double.
        #expect(back.projects[0].eac == dec("1200000.999999"))
        #expect(try store.snapshot(per("2026-10")) == nil)
        // A second connection (a later govpack process) reads the same.
        #expect(try s.store(.readOnly).snapshot(per("2026-11")) == snap)
    }

    @Test func runsListTheirCountsOldestFirst() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-11"))
        try store.record(sample("2026-09", variant: 1))
        let runs = try store.runs()
        #expect(runs.map(\.period) == [per("2026-09"), per("2026-11")])
        let r = runs[1]
        // 3 inputs, 1 quarantined; 2 projects; findings 1 + 2 + 1 = 4; 2 pack files.
        #expect(r.inputs == 3)
        #expect(r.quarantinedInputs == 1)
        #expect(r.projects == 2)
        #expect(r.findings == 4)
        #expect(r.packFiles == 2)
        #expect(r.govpackVersion == "0.1.0")
        #expect(r.portfolio.rag == .amber)
        #expect(r.portfolio.complianceScore == 87.5)
        #expect(runs[0].portfolio.riskExposure == 22)
    }

    @Test func recordingAPeriodAgainReplacesItAndIsIdempotent() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-10"))
        try store.record(sample("2026-11", variant: 1))  // 4 risks
        let before = try store.dump()
        try store.record(sample("2026-11"))  // 3 risks: R-9 must go
        #expect(try store.snapshot(per("2026-11")) == sample("2026-11"))
        #expect(try store.runs().count == 2)
        let once = try store.dump()
        #expect(once != before)
        #expect(!once.contains("|R-9|"))
        try store.record(sample("2026-11"))
        #expect(try store.dump() == once)
        // The other period was not touched.
        #expect(try store.snapshot(per("2026-10")) == sample("2026-10"))
        // The record writes with foreign keys unchecked (for speed); no row may be left without
        // its run, and the store's own connection checks them again afterwards.
        let orphans = try DatabaseQueue(path: s.path).read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(orphans.isEmpty)
        #expect(try store.delete(per("2026-10")))
        #expect(try store.runs().map(\.period) == [per("2026-11")])
        #expect(try store.snapshot(per("2026-11")) == sample("2026-11"))
        #expect(!(try store.dump()).split(separator: "\n").contains { $0.hasPrefix("2026-10|") })  // cascaded
    }

    @Test func sameSnapshotsGiveTheSameRowsInAnyOrder() throws {
        let a = try Scratch(), b = try Scratch()
        defer { a.folder.remove(); b.folder.remove() }
        let x = try a.store(), y = try b.store()
        for p in ["2026-09", "2026-10", "2026-11"] { try x.record(sample(p)) }
        for p in ["2026-11", "2026-09", "2026-10"] { try y.record(sample(p)) }
        #expect(try x.dump() == y.dump())
    }

    @Test(arguments: [
        ("2026-11", 3, ["2026-08", "2026-09", "2026-10"]),
        ("2026-11", 10, ["2026-07", "2026-08", "2026-09", "2026-10"]),
        ("2026-10", 1, ["2026-09"]),
        ("2026-12", 2, ["2026-10", "2026-11"]),
        ("2026-09", 5, ["2026-07", "2026-08"]),  // p itself is left out
        ("2026-07", 5, []),
        ("2026-11", 0, []),
    ])
    func snapshotsBeforeAPeriod(_ period: String, _ limit: Int, _ expected: [String]) throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        for p in ["2026-09", "2026-11", "2026-07", "2026-10", "2026-08"] { try store.record(sample(p)) }
        let got = try store.snapshots(before: per(period), limit: limit)
        #expect(got.map(\.period.description) == expected)
        #expect(got.allSatisfy { $0 == sample($0.period.description) })
    }

    @Test func trendsLeaveOutTheHeavyParts() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-10"))
        try store.record(sample("2026-11"))
        var expected = sample("2026-10")
        expected.inputs = []
        expected.findings = []
        expected.packFiles = []
        expected.metricsJSON = ""
        #expect(try store.snapshots(before: per("2026-11"), limit: 1, parts: .trends) == [expected])
        var withFindings = expected
        withFindings.findings = sample("2026-10").findings
        #expect(try store.snapshot(per("2026-10"), parts: [.findings]) == withFindings)
    }

    @Test func projectHistoryListsThePeriodsItAppearsIn() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        var october = sample("2026-10")
        october.projects.removeAll { $0.id == "PRJ-001" }
        try store.record(sample("2026-11", variant: 2))
        try store.record(october)
        try store.record(sample("2026-09"))
        let h = try store.projectHistory("PRJ-001")
        #expect(h.map(\.period) == [per("2026-09"), per("2026-11")])
        #expect(h.map(\.figures.riskExposure) == [15, 17])
        #expect(h[1].figures.ragDerived == .amber)
        #expect(try store.projectHistory("PRJ-002").count == 3)
        #expect(try store.projectHistory("PRJ-404").isEmpty)
        #expect(try store.projectIDs() == ["PRJ-001", "PRJ-002"])
    }

    @Test func deletingARunDeletesItsWholeSnapshot() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-10"))
        let onlyOctober = try store.dump()
        try store.record(sample("2026-11"))
        #expect(try store.delete(per("2026-11")))
        #expect(try !store.delete(per("2026-11")))
        #expect(try store.dump() == onlyOctober)  // foreign keys cascade from runs
    }

    // MARK: - Schema and migrations

    @Test func anEmptyFileIsMigratedToTheCurrentSchema() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        #expect(FileManager.default.createFile(atPath: s.path, contents: Data()))
        let store = try s.store()
        #expect(try store.runs().isEmpty)
        let applied = try DatabaseQueue(path: s.path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied == ["v1"])
        #expect(HistoryStore.schemaVersion == applied.count)
        // Opening again migrates nothing and keeps the data.
        try store.record(sample("2026-11"))
        #expect(try s.store().runs().count == 1)
    }

    @Test(arguments: [HistoryStore.Mode.readWrite, .readOnly])
    func aNewerSchemaIsRefused(_ mode: HistoryStore.Mode) throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try s.store().record(sample("2026-11"))
        try DatabaseQueue(path: s.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v2')")
        }
        let e = try #require(throws: HistoryStoreError.self) { try s.store(mode) }
        #expect(e.kind == .newerSchema)
        #expect(e.message.contains("written by a newer govpack"))
        #expect(e.message.hasPrefix(s.path + ": "))
    }

    @Test func aFileThatIsNotSQLiteIsRefused() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try s.folder.write("govpack.db", String(repeating: "project_id,name\n", count: 100))
        let e = try #require(throws: HistoryStoreError.self) { try s.store() }
        #expect(e.kind == .notHistory)
        // Not touched.
        #expect(try String(contentsOfFile: s.path, encoding: .utf8).hasPrefix("project_id,name\n"))
    }

    @Test func anotherApplicationsDatabaseIsRefused() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try DatabaseQueue(path: s.path).write { db in try db.execute(sql: "CREATE TABLE notes (t TEXT)") }
        let e = try #require(throws: HistoryStoreError.self) { try s.store() }
        #expect(e.kind == .notHistory)
    }

    @Test func aMissingFolderOrFileIsAClearError() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let nowhere = s.folder.url.appendingPathComponent("no/such/folder/govpack.db").path
        let e = try #require(throws: HistoryStoreError.self) { try HistoryStore(path: nowhere) }
        #expect(e.kind == .cannotOpen)
        #expect(e.message.contains("does not exist"))
        let r = try #require(throws: HistoryStoreError.self) { try s.store(.readOnly) }
        #expect(r.kind == .cannotOpen)
        #expect(!FileManager.default.fileExists(atPath: s.path))  // read-only creates nothing
    }

    // MARK: - Failed writes

    @Test func aWriteToAReadOnlyStoreFailsAndKeepsTheSnapshot() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try s.store().record(sample("2026-11"))
        let before = try s.store().dump()
        let e = try #require(throws: HistoryStoreError.self) { try s.store(.readOnly).record(sample("2026-11", variant: 1)) }
        #expect(e.kind == .readOnly)
        #expect(try s.store().dump() == before)
    }

    /// The monthly run writes the snapshot while its packs are published and commits only when
    /// they are: the rows are all written (the old snapshot already deleted inside the
    /// transaction) when the decision is asked for, and a "no" or a throw leaves the history
    /// exactly as it was.
    @Test(arguments: ["published", "not published", "publish threw"])
    func aSnapshotCommitsOnlyWhenItsPacksArePublished(outcome: String) throws {
        struct PublishFailed: Error {}
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-11"))
        let before = try store.dump()
        var asked = 0
        let decide: () throws -> Bool = {
            asked += 1
            // Asked inside the open transaction, with the new rows in place: another connection
            // still reads the old snapshot.
            #expect(try s.store(.readOnly).snapshot(per("2026-11")) == sample("2026-11"))
            if outcome == "publish threw" { throw PublishFailed() }
            return outcome == "published"
        }
        if outcome == "publish threw" {
            #expect(throws: HistoryStoreError.self) { try store.record(sample("2026-11", variant: 1), commitIf: decide) }
        } else {
            #expect(try store.record(sample("2026-11", variant: 1), commitIf: decide) == (outcome == "published"))
        }
        #expect(asked == 1)
        if outcome == "published" {
            #expect(try store.snapshot(per("2026-11")) == sample("2026-11", variant: 1))
        } else {
            #expect(try store.dump() == before)
        }
    }

    /// The monthly run writes the rows while its packs render and gives the pack files and
    /// metrics document only then: what `rendered()` gives is what is stored (the snapshot's own
    /// are not used), and a render that failed (nil) leaves the history as it was, without
    /// asking whether the packs were published.
    @Test(arguments: [true, false])
    func theRenderedPartsComeLast(renderSucceeded: Bool) throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-11"))
        let before = try store.dump()
        let full = sample("2026-11", variant: 1)
        var rows = full
        rows.rendered = RunSnapshot.Rendered(packFiles: [], metricsJSON: "")
        var asked = 0
        let committed = try store.record(rows, rendered: {
            // The rows are written by now: inside the transaction, the old snapshot's are gone.
            renderSucceeded ? full.rendered : nil
        }, commitIf: {
            asked += 1
            return true
        })
        #expect(committed == renderSucceeded)
        #expect(asked == (renderSucceeded ? 1 : 0))
        if renderSucceeded {
            #expect(try store.snapshot(per("2026-11")) == full)
            #expect(try store.runs().first { $0.period == per("2026-11") }?.packFiles == full.packFiles.count)
        } else {
            #expect(try store.dump() == before)
        }
    }

    /// A write that fails half-way (after the old snapshot was deleted) rolls back whole.
    @Test func aWriteFailingHalfWayLeavesThePreviousSnapshot() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        let store = try s.store()
        try store.record(sample("2026-11"))
        let before = try store.dump()
        var bad = sample("2026-11", variant: 1)
        bad.risks.append(bad.risks[0])  // a repeated key fails at the risks table
        #expect(throws: HistoryStoreError.self) { try store.record(bad) }
        #expect(try store.dump() == before)
        #expect(try store.snapshot(per("2026-11")) == sample("2026-11"))
    }

    /// A run killed while recording leaves a hot rollback journal beside the database. Opening it
    /// read-only (`govpack history`, `report --history`) rolls the journal back first and reads
    /// the previous snapshot whole, rather than failing with "attempt to write a readonly database".
    @Test func aHotJournalLeftByAKilledWriteIsRolledBackBeforeReading() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try s.store().record(sample("2026-11"))
        let before = try s.store().dump()
        // Freeze a write half-way: copy the database and its journal while a transaction that has
        // already spilled changed pages into the file is still open (as a SIGKILL would leave them).
        let frozen = s.folder.url.appendingPathComponent("frozen")
        try FileManager.default.createDirectory(at: frozen, withIntermediateDirectories: true)
        let copy = frozen.appendingPathComponent("govpack.db").path
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = 2") }
        let writer = try DatabaseQueue(path: s.path, configuration: config)
        try writer.inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "DELETE FROM runs")
            try db.execute(sql: "CREATE TABLE filler(x TEXT)")
            for _ in 0..<200 { try db.execute(sql: "INSERT INTO filler VALUES (?)", arguments: [String(repeating: "x", count: 2000)]) }
            try FileManager.default.copyItem(atPath: s.path, toPath: copy)
            try FileManager.default.copyItem(atPath: s.path + "-journal", toPath: copy + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        #expect(FileManager.default.fileExists(atPath: copy + "-journal"))
        let reader = try HistoryStore(path: copy, mode: .readOnly)
        #expect(try reader.dump() == before)
        #expect(try reader.snapshot(per("2026-11")) == sample("2026-11"))
        #expect(!FileManager.default.fileExists(atPath: copy + "-journal"))
    }

    // MARK: - Values

    @Test(arguments: [
        ("1250000", "1250000"), ("97000.50", "97000.5"), ("-0.10", "-0.1"), ("0.000", "0"), ("100", "100"),
        ("1200000.999999", "1200000.999999"), ("12345678901234567890.123456789", "12345678901234567890.123456789"),
        ("-0.000001", "-0.000001"), ("0.5", "0.5"), ("1e3", "1000"), ("3615.384615384615384615384615384615385", "3615.384615384615384615384615384615385"),
    ])
    func moneyIsExactDecimalText(_ input: String, _ text: String) throws {
        #expect(DecimalText.format(dec(input)) == text)
        #expect(DecimalText.parse(text) == dec(input))
    }

    @Test func moneyIsStoredAsText() throws {
        let s = try Scratch()
        defer { s.folder.remove() }
        try s.store().record(sample("2026-11"))
        let row = try DatabaseQueue(path: s.path).read { db in
            try Row.fetchOne(db, sql: "SELECT typeof(pv) AS t, pv, typeof(cpi) AS c FROM project_figures WHERE project_id = 'PRJ-001'")
        }
        #expect(row?["t"] == "text")
        #expect(row?["pv"] == "200000.5")
        #expect(row?["c"] == "real")
    }
}

@Suite struct ChecksumTests {
    /// FIPS 180-2 appendix B vectors, and the empty string.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(_ input: String, _ hex: String) {
        #expect(Checksum.sha256(Data(input.utf8)) == hex)
    }

    @Test func aFileOfAMillionAsIsReadInChunks() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let f = try dir.write("a.txt", Data(repeating: 0x61, count: 1_000_000))
        #expect(try Checksum.sha256(ofFile: f.path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func aFileIsHashedByItsBytes() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let f = try dir.write("x.csv", "abc")
        #expect(try Checksum.sha256(ofFile: f.path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(throws: (any Error).self) { try Checksum.sha256(ofFile: dir.url.appendingPathComponent("missing").path) }
    }

    @Test func theInputDigestIgnoresOrder() {
        let a = InputRecord(path: "a.csv", sha256: "00", bytes: 1)
        let b = InputRecord(path: "b.csv", sha256: "11", bytes: 1)
        #expect(InputRecord.digest([a, b]) == InputRecord.digest([b, a]))
        #expect(InputRecord.digest([a, b]) == Checksum.sha256(Data("a.csv\t00\tread\nb.csv\t11\tread\n".utf8)))
        var q = b
        q.status = .quarantined
        #expect(InputRecord.digest([a, q]) != InputRecord.digest([a, b]))
    }
}

/// SQLite's failures, as the user reads them: every message starts with the file and says what to do.
@Suite struct HistoryStoreErrorTests {
    @Test(arguments: [
        (ResultCode.SQLITE_FULL, HistoryStoreError.Kind.diskFull, "the disk is full; the previous history is unchanged"),
        (.SQLITE_READONLY, .readOnly, "the database is read-only"),
        (.SQLITE_READONLY_ROLLBACK, .readOnly, "a run was interrupted while recording; run govpack once with write access"),
        (.SQLITE_CORRUPT, .corrupt, "restore it from a backup or move it aside"),
        (.SQLITE_BUSY, .busy, "another govpack holds the database locked"),
        (.SQLITE_NOTADB, .notHistory, "not a govpack history database"),
        (.SQLITE_IOERR, .failed, "cannot record the 2026-11 snapshot"),
    ])
    func sqliteErrorsBecomePlainMessages(_ code: ResultCode, _ kind: HistoryStoreError.Kind, _ text: String) {
        let e = HistoryStoreError.from(
            DatabaseError(resultCode: code, message: "detail"), path: "/srv/govpack.db", doing: "record the 2026-11 snapshot")
        #expect(e.kind == kind)
        #expect(e.message.hasPrefix("/srv/govpack.db: "))
        #expect(e.message.contains(text), "\(e.message)")
        #expect(e.localizedDescription == e.message)
    }
}
