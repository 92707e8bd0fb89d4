import Foundation

/// The annotated `govpack.yaml` that `govpack init` writes: every field, what it is and its
/// default. Optional fields are shown commented out with an example; the file as written loads
/// with no diagnostics (a test checks it).
public enum ConfigTemplate {
    public static let fileName = "govpack.yaml"

    public struct FileExists: Error, LocalizedError {
        public let path: String
        public var errorDescription: String? { "\(path) already exists; pass --force to replace it" }
    }

    /// Writes the annotated configuration into `folder` (created if needed) and returns its path.
    /// An existing file is kept unless `force`, and is then replaced atomically.
    @discardableResult
    public static func write(into folder: String, force: Bool = false) throws -> String {
        let path = folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
        if !force && FileManager.default.fileExists(atPath: path) { throw FileExists(path: path) }
        try AtomicFile.write(annotated, to: path)
        return path
    }

    public static let annotated = """
        # govpack.yaml: the monthly run's configuration (govpack run).
        # Paths are relative to this file's folder. {period} stands for the report month, YYYY-MM.
        # Every field is described in docs/configuration.md; this file shows each one with its
        # default. Lines starting with '#' are comments: remove the '#' to set a field.

        # The organisation named on the packs. Default: none.
        # organisation: Northwind Mutual

        # The month to report, YYYY-MM. Default: --period when given, else the calendar month
        # before the run date (a job on the first working day reports the month just ended).
        # period: 2026-11

        inputs:
          # The PMO's reference data (programs.csv, people.csv, certifications.csv): folders or
          # files, read every month. Default: [reference]
          reference: [reference]
          # Where each month's submissions are collected, one subfolder per team.
          # Default: submissions/{period}
          submissions: submissions/{period}

        # The teams expected to submit. Default: none listed, so every subfolder of the
        # submissions folder is a team and no team is ever missing. A listed team that sends
        # nothing is reported missing and its projects are shown as "not reported".
        # teams:
        #   - name: claims               # the team's name, and its folder under submissions
        #     path: claims               # its folder, when it differs from the name (default: name)
        #     due: 3                     # day of the next month its submission is due
        #                                # (default: submissions_due)
        #     projects: [PRJ-001, PRJ-002]   # its projects, shown as "not reported" if it sends nothing
        #     columns:                   # its CSV column names -> the standard ones, per entity
        #       risks: {risk_owner: owner, prob: probability}
        #     mspdi: {PRJ-031.xml: PRJ-031}  # MSPDI file -> project_id (default: the file's stem)

        # The day of the month after the period when submissions are due, 1-31 (a team's 'due'
        # overrides it). Default: none (no due dates).
        # submissions_due: 5

        rules:
          # Rule packs to check against: 'default' is the shipped PMO standard, others are
          # paths to YAML packs. Default: [default]
          packs: [default]
          # Approved exceptions (rule, project, key, reason, approved_by, expires). Default: none.
          # waivers: waivers.yaml

        thresholds:
          # Open risks scoring at least this (probability x impact) must be escalated. Default: 15
          escalation_score: 15
          # Days after a gate's planned date within which it must be reviewed. Default: 14
          gate_grace_days: 14
          # Days after which a project's last update is stale at the period's end. Default: 35
          stale_after_days: 35
          # Days within which open risks must have been reviewed. Default: 60
          risk_review_days: 60
          # Open risks scoring at least this need an owner and a response plan. Default: 12
          owned_risk_score: 12
          # Projects with a budget above this need a certified manager. Default: 1000000
          large_budget: 1000000
          # Open-exposure limit per risk category (strategic, financial, schedule, technical,
          # resource, compliance, operational, external). Default: none.
          # appetite: {resource: 300, schedule: 400}
          appetite: {}
          # Earned-value RAG: CPI or SPI below red_below is Red, below amber_below Amber.
          # Default: {red_below: 0.8, amber_below: 0.9}
          rag: {red_below: 0.8, amber_below: 0.9}

        # The run's currency (ISO 4217). Projects in other currencies are converted with 'rates'
        # before the metrics; a project whose currency has no rate is an error. Default: none
        # (every project must then be in the same currency).
        # currency: GBP
        # What one unit of each currency is worth in the run's currency. Default: none.
        # rates: {EUR: 0.86, USD: 0.79}

        output:
          # Where the packs go; the period's folder is published whole, replacing an earlier run
          # of the same period. Default: out/{period}
          folder: out/{period}
          # Packs to produce: all, or a list of board, steering, portfolio, risk, resource,
          # benefits, compliance, capability, project. Default: [all]
          packs: [all]
          # Formats: html, md, pdf (pdf needs Chromium). Default: [html]
          formats: [html]
          # A folder of templates that override the shipped ones. Default: none.
          # templates: my-templates

        # The run history (SQLite): trends in the packs and 'govpack history'. Default: govpack.db
        history: govpack.db

        """
}
