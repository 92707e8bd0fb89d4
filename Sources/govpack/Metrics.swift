import ArgumentParser
import Foundation
import GovPackCore
import GovPackMetrics
import GovPackPipeline

struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the portfolio metrics and print them as JSON or CSV.",
        discussion: """
            Reads the inputs as 'validate' does, runs the rule packs (for the compliance scores), \
            and computes every metric for the report period: earned value, RAG, schedule, gates, \
            risk, issues, resources, benefits, adoption, capability, knowledge and prioritisation.

            json prints the govpack.metrics/1 document (keys and order as in metrics-json.md, \
            arrays sorted by id, byte-identical across runs). csv writes one table per grain \
            (projects, programs, people, risk_categories, benefits) into the --out folder, or \
            prints the --table you name. --explain prints every metric's definition with a \
            worked example.

            Findings in the input do not stop the metrics: rows with errors are left out, as the \
            standard says; a summary goes to standard error ('govpack validate' lists them).

            Examples:
              govpack metrics SampleData/reference SampleData/submissions/2026-11 --period 2026-11 > metrics.json
              govpack metrics teams/ --period 2026-11 --format csv --out out/metrics
              govpack metrics teams/ --period 2026-11 --appetite resource=300 --appetite compliance=80
              govpack metrics --explain
            """
    )

    @Argument(help: "Files or folders to read.", completion: .file())
    var paths: [String] = []

    @OptionGroup var check: CheckOptions

    @Option(help: "Output format: json or csv.")
    var format: MetricsFormat = .json

    @Option(help: "Write to this file (json) or folder (csv) instead of standard output; written atomically.")
    var out: String?

    @Option(help: "With csv and no --out: the table to print (projects, programs, people, risk_categories, benefits).")
    var table: String = "projects"

    @Option(
        help: ArgumentHelp(
            "Risk appetite: the open exposure limit of a category, as category=limit; repeatable.",
            valueName: "category=limit"))
    var appetite: [String] = []

    @Option(help: "EAC method: bac_over_cpi (default), ac_plus_remaining, ac_plus_remaining_over_cpi_spi.")
    var eacMethod: String = "bac_over_cpi"

    @Flag(help: "Print the definition of every metric, with a worked example, and exit.")
    var explain = false

    enum MetricsFormat: String, ExpressibleByArgument, CaseIterable { case json, csv }

    func validate() throws {
        if !explain && paths.isEmpty { throw ValidationError("give at least one file or folder to read (or --explain)") }
        _ = try appetites()
        _ = try method()
        if format == .csv && out == nil && MetricsCSV.Table(rawValue: table) == nil {
            throw ValidationError("--table must be one of " + MetricsCSV.Table.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func appetites() throws -> [RiskCategory: Int] { try Self.parseAppetites(appetite) }

    /// `category=limit` options, e.g. `resource=300`.
    static func parseAppetites(_ appetite: [String]) throws -> [RiskCategory: Int] {
        var out: [RiskCategory: Int] = [:]
        for a in appetite {
            let parts = a.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let c = RiskCategory(rawValue: parts[0].lowercased()), let n = Int(parts[1]), n >= 0 else {
                throw ValidationError(
                    "--appetite takes category=limit with a category of "
                        + RiskCategory.allCases.map(\.rawValue).joined(separator: ", ") + " (got '\(a)')")
            }
            out[c] = n
        }
        return out
    }

    func method() throws -> MetricsConfig.EACMethod {
        switch eacMethod {
        case "bac_over_cpi": return .bacOverCPI
        case "ac_plus_remaining": return .acPlusRemaining
        case "ac_plus_remaining_over_cpi_spi": return .acPlusRemainingOverCPIxSPI
        default: throw ValidationError("--eac-method must be bac_over_cpi, ac_plus_remaining or ac_plus_remaining_over_cpi_spi")
        }
    }

    func run() throws {
        if explain {
            print(MetricDefinitions.explainText(), terminator: "")
            return
        }
        var options = check.validationOptions
        options.riskAppetite = try appetites()
        options.eacMethod = try method()
        let result = Validation(options: options).run(paths)
        defer { KeptUntilExit.keep(result) }
        if result.summary.files == 0 && result.summary.rejectedFiles == 0 {
            printError("govpack: no submission files found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        if let mixed = result.diagnostics.first(where: { $0.id == CurrencyCheck.mixedID }) {
            printError("govpack: error: \(mixed.message)")
            if let hint = mixed.hint { printError("  hint: \(hint)") }
            throw ExitCode(2)
        }
        let ingestErrors = result.diagnostics.filter { $0.severity == .error && $0.id.hasPrefix("ingest.") }.count
        let findings = result.diagnostics.filter { $0.severity != .info && $0.id.hasPrefix("rule.") }.count
        if ingestErrors > 0 {
            printError("govpack: \(ingestErrors) input error(s): the rows concerned are left out of the metrics (run 'govpack validate' to see them)")
        }
        if findings > 0 {
            printError("govpack: \(findings) rule finding(s) count in the compliance scores ('govpack validate' lists them)")
        }
        do {
            switch format {
            case .json:
                let json = MetricsJSON.encode(result.metrics)
                if let out { try AtomicFile.write(json, to: out) } else { print(json, terminator: json.hasSuffix("\n") ? "" : "\n") }
            case .csv:
                if let out {
                    for (name, contents) in MetricsCSV.encodeAll(result.metrics) {
                        try AtomicFile.write(contents, to: (out as NSString).appendingPathComponent(name))
                    }
                } else if let t = MetricsCSV.Table(rawValue: table) {
                    print(MetricsCSV.encode(result.metrics, table: t), terminator: "")
                }
            }
        } catch {
            printError("govpack: \(error.localizedDescription)")
            throw ExitCode(2)
        }
    }
}

extension Metrics.MetricsFormat: Sendable {}
