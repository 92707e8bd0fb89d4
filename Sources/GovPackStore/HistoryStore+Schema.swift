internal import GRDB

extension HistoryStore {
    /// The migrations, oldest first. A new release appends one (`v2`, ...) and bumps
    /// `schemaVersion`; a migration that shipped is never edited.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            for sql in schemaV1 { try db.execute(sql: sql) }
        }
        return m
    }

    /// The first release's tables. Every table but `runs` hangs off a run by `period`, so
    /// deleting a run deletes its snapshot. Keys are natural (no rowids, no sequences), so the
    /// same snapshot always gives the same rows. Money is exact decimal text; ratios REAL.
    static let schemaV1: [String] = [
        """
        CREATE TABLE runs (
          period TEXT NOT NULL PRIMARY KEY,
          govpack_version TEXT NOT NULL,
          input_digest TEXT NOT NULL,
          inputs INTEGER NOT NULL,
          quarantined_inputs INTEGER NOT NULL,
          projects INTEGER NOT NULL,
          findings INTEGER NOT NULL,
          pack_files INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE inputs (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          path TEXT NOT NULL,
          team TEXT,
          sha256 TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('read', 'quarantined', 'rejected')),
          PRIMARY KEY (period, path)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE aggregate_figures (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          level TEXT NOT NULL CHECK (level IN ('portfolio', 'program')),
          id TEXT NOT NULL,
          rag TEXT,
          projects INTEGER NOT NULL,
          active_projects INTEGER NOT NULL,
          bac TEXT NOT NULL,
          pv TEXT NOT NULL,
          ev TEXT NOT NULL,
          ac TEXT NOT NULL,
          eac TEXT,
          cpi REAL,
          spi REAL,
          risk_exposure INTEGER NOT NULL,
          open_risks INTEGER NOT NULL,
          critical_risks INTEGER NOT NULL,
          compliance_score REAL,
          benefit_realisation_pct REAL,
          errors INTEGER NOT NULL,
          warnings INTEGER NOT NULL,
          PRIMARY KEY (period, level, id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE project_figures (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          project_id TEXT NOT NULL,
          name TEXT NOT NULL,
          program_id TEXT,
          team TEXT,
          stage TEXT NOT NULL,
          rag_reported TEXT,
          rag_derived TEXT,
          bac TEXT NOT NULL,
          pv TEXT NOT NULL,
          ev TEXT NOT NULL,
          ac TEXT NOT NULL,
          eac TEXT,
          cpi REAL,
          spi REAL,
          risk_exposure INTEGER NOT NULL,
          open_risks INTEGER NOT NULL,
          critical_risks INTEGER NOT NULL,
          compliance_score REAL,
          errors INTEGER NOT NULL,
          warnings INTEGER NOT NULL,
          end_slip_days INTEGER,
          benefit_realisation_pct REAL,
          PRIMARY KEY (period, project_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX project_figures_by_project ON project_figures (project_id, period)",
        """
        CREATE TABLE risks (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          project_id TEXT NOT NULL,
          risk_id TEXT NOT NULL,
          title TEXT NOT NULL,
          category TEXT,
          probability INTEGER NOT NULL,
          impact INTEGER NOT NULL,
          score INTEGER NOT NULL,
          status TEXT NOT NULL,
          PRIMARY KEY (period, project_id, risk_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE milestones (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          project_id TEXT NOT NULL,
          milestone_id TEXT NOT NULL,
          name TEXT NOT NULL,
          baseline_date TEXT NOT NULL,
          forecast_date TEXT,
          actual_date TEXT,
          status TEXT,
          PRIMARY KEY (period, project_id, milestone_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE benefits (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          project_id TEXT NOT NULL,
          benefit_id TEXT NOT NULL,
          name TEXT NOT NULL,
          category TEXT,
          realisation_pct REAL,
          PRIMARY KEY (period, project_id, benefit_id)
        ) WITHOUT ROWID
        """,
        // project_id '' stands for a portfolio-wide finding: a NULL in a key would not be unique.
        """
        CREATE TABLE findings (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          rule_id TEXT NOT NULL,
          project_id TEXT NOT NULL,
          severity TEXT NOT NULL,
          waived INTEGER NOT NULL CHECK (waived IN (0, 1)),
          count INTEGER NOT NULL,
          PRIMARY KEY (period, rule_id, project_id, severity, waived)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE pack_files (
          period TEXT NOT NULL REFERENCES runs(period) ON DELETE CASCADE,
          path TEXT NOT NULL,
          sha256 TEXT NOT NULL,
          bytes INTEGER NOT NULL,
          PRIMARY KEY (period, path)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE metrics_documents (
          period TEXT NOT NULL PRIMARY KEY REFERENCES runs(period) ON DELETE CASCADE,
          json TEXT NOT NULL
        ) WITHOUT ROWID
        """,
    ]

    /// Every table of the snapshot, with its key columns, for `dump()`.
    static let tables: [(name: String, key: String)] = [
        ("runs", "period"),
        ("inputs", "period, path"),
        ("aggregate_figures", "period, level, id"),
        ("project_figures", "period, project_id"),
        ("risks", "period, project_id, risk_id"),
        ("milestones", "period, project_id, milestone_id"),
        ("benefits", "period, project_id, benefit_id"),
        ("findings", "period, rule_id, project_id, severity, waived"),
        ("pack_files", "period, path"),
        ("metrics_documents", "period"),
    ]
}
