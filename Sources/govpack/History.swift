import ArgumentParser
import Foundation
import GovPackCore
import GovPackPipeline
import GovPackStore

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the recorded monthly runs, or one project's figures over time.",
        discussion: """
            Each successful 'govpack run' records a snapshot of its period in the history \
            database: the inputs' checksums, the figures of every project, programme and the \
            portfolio, the rule results and the pack files. Re-running a period replaces its \
            snapshot. This command only reads the database; it never creates or changes it.

            Without --project: one line per run, oldest first (period, projects, portfolio RAG, \
            CPI, SPI, open risk exposure, compliance score, findings, pack files).
            With --project: that project's figures per period (stage, reported and derived RAG, \
            CPI, SPI, EAC, exposure, compliance, forecast end slip in days).

            text rounds for reading; json (govpack.history/1) and csv give exact money and full ratios.

            Exit codes: 0 printed, 1 no such project, 2 the database is missing or unreadable.

            Examples:
              govpack history
              govpack history --config SampleData/govpack.yaml
              govpack history --db /srv/pmo/govpack.db --format csv > runs.csv
              govpack history --project PRJ-014
              govpack history --project PRJ-014 --format json
            """
    )

    @Option(help: ArgumentHelp("The history database to read (default: the configuration's 'history:', else govpack.db).", valueName: "path"), completion: .file())
    var db: String?

    @Option(help: ArgumentHelp("Take the database from this govpack.yaml's 'history:'.", valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    @Option(help: ArgumentHelp("Print this project's figures per period instead of the runs.", valueName: "id"))
    var project: String?

    @Option(help: "Output format: text, json or csv.")
    var format: HistoryFormat = .text

    enum HistoryFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv
        var report: HistoryReport.Format {
            switch self {
            case .text: .text
            case .json: .json
            case .csv: .csv
            }
        }
    }

    /// The database: --db, else the configuration's (--config, or ./govpack.yaml when present).
    func databasePath() throws -> String {
        if let db { return db }
        let file = config ?? (FileManager.default.fileExists(atPath: "govpack.yaml") ? "govpack.yaml" : nil)
        guard let file else { return "govpack.db" }
        let sink = DiagnosticSink()
        guard let c = RunConfiguration.load(path: file, diagnostics: sink) else {
            for d in sink.all.sorted(by: Diagnostic.ordered) { printError(d.formatted) }
            throw ExitCode(2)
        }
        return c.history
    }

    func run() throws {
        let db = try databasePath()
        do {
            let store = try HistoryStore(path: db, mode: .readOnly)
            guard let project else {
                let runs = try store.runs()
                if runs.isEmpty && format == .text {
                    print("no runs recorded in \(db)")
                    return
                }
                print(HistoryReport.runs(runs, format: format.report), terminator: "")
                return
            }
            let history = try store.projectHistory(project)
            guard !history.isEmpty else {
                let near = HistoryReport.closeIDs(project, in: try store.projectIDs())
                printError("govpack: no project '\(project)' in \(db)" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
                throw ExitCode(1)
            }
            print(HistoryReport.project(project, history, format: format.report), terminator: "")
        } catch let e as HistoryStoreError {
            printError("govpack: " + e.message)
            throw ExitCode(2)
        }
    }
}
