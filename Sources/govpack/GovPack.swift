import ArgumentParser
import Foundation
import GovPackCore
import GovPackIngest
import GovPackPipeline
import GovPackRules

@main
struct GovPack: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "govpack",
        abstract: "Turns project teams' exports into PMO governance packs.",
        discussion: """
            Reads the CSV and XML files project teams send (the PMO submission standard, version 1), \
            checks them against the PMO's rule packs, and reports every problem with its file, line \
            and column; computes the portfolio metrics and renders the governance packs.

            Teams checking a submission: 'govpack validate FOLDER'. The PMO's monthly run: \
            'govpack init' once, then 'govpack run' (configuration, quarantine, history, trends). \
            An ad-hoc pack: 'govpack report FOLDERS --pack board'.

            Exit codes: 0 clean, 1 errors found (run: submissions quarantined or missing), \
            2 the run itself failed, 64 usage error.
            """,
        version: version,
        subcommands: [Init.self, Run.self, Validate.self, Metrics.self, Report.self, Rules.self, Schema.self, History.self, Debug.self]
    )
}

/// Writes to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Options shared by the commands that check submissions.
struct CheckOptions: ParsableArguments {
    @Option(help: "Report period as YYYY-MM. Default: the month of the latest last_updated in the input.")
    var period: String?

    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "A rule pack (YAML) to check against; repeat for several. 'default' is the shipped PMO standard.",
            discussion: "Without --rules the PMO standard is used.", valueName: "pack"))
    var rulePacks: [String] = []

    @Flag(help: "Check the files against the submission standard only, without rule packs.")
    var noRules = false

    @Option(help: "A YAML file of approved exceptions (rule, project, key, reason, approved_by, expires).")
    var waivers: String?

    @Flag(help: "Treat warnings as errors (exit code 1 when any remain).")
    var strict = false

    func validate() throws {
        if let period, Period(period) == nil {
            throw ValidationError("--period must be YYYY-MM, e.g. 2026-11 (got '\(period)')")
        }
    }

    var validationOptions: Validation.Options {
        var o = Validation.Options()
        o.period = period.flatMap(Period.init)
        o.rulePacks = rulePacks
        o.noRules = noRules
        o.waiversFile = waivers
        o.config.strict = strict
        return o
    }
}

/// How findings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit, sarif
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check submissions and report every problem found.",
        discussion: """
            PATH is a file or a folder; folders are walked recursively. CSV files are recognised by \
            name (projects.csv, risks.csv, ...), XML files by their root element (a govpack \
            submission or a Microsoft Project export). Every file is checked against the submission \
            standard, then every row against the rule packs (by default the PMO standard; see \
            'govpack rules list').

            Text output reads like a compiler's (file:line:column: severity: [id] message), grouped \
            by project, then each project's compliance score and a summary line. json, junit and \
            sarif print the same findings for scripts and CI systems.

            Examples:
              govpack validate SampleData/reference SampleData/submissions/2026-11 --period 2026-11
              govpack validate teams/payments --format sarif > findings.sarif
              govpack validate teams/ --rules default --rules our-extra-rules.yaml --waivers waivers.yaml
            """
    )

    @Argument(help: "Files or folders to read.", completion: .file())
    var paths: [String]

    @OptionGroup var check: CheckOptions

    @Option(help: "Output format: text, json, junit or sarif.")
    var format: OutputFormat = .text

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics) in text output.")
    var verbose = false

    @Flag(help: "Print how long each stage took (and MB/s of input) to standard error.")
    var timings = false

    func run() throws {
        let result = Validation(options: check.validationOptions).run(paths)
        defer { KeptUntilExit.keep(result) }
        if timings { printTimings(result.timings) }
        let compliance = (result.ruleResults?.compliance ?? [:]).map {
            (project: $0.key, score: $0.value.score, errors: $0.value.failed, warnings: $0.value.warnings)
        }
        switch format {
        case .text:
            print(
                DiagnosticReport.text(result.diagnostics, summary: result.summary, showInfo: verbose, compliance: compliance),
                terminator: "")
        case .json:
            print(DiagnosticReport.json(result.diagnostics, summary: result.summary), terminator: "")
        case .junit:
            let files = result.load.files.filter { $0.format != nil }.map(\.file.displayPath)
            print(DiagnosticReport.junit(result.diagnostics, files: files, summary: result.summary), terminator: "")
        case .sarif:
            print(DiagnosticReport.sarif(result.diagnostics, version: GovPack.version), terminator: "")
        }
        if result.summary.files == 0 && result.summary.rejectedFiles == 0 {
            printError("govpack: no submission files found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        if result.hasErrors { throw ExitCode(1) }
    }
}

/// `stage: 0.123 s (45.6 MB/s)` lines on standard error.
func printTimings(_ timings: [(stage: String, seconds: Double, bytes: Int?)]) {
    for t in timings {
        var line = "timing: " + t.stage.padding(toLength: 40, withPad: " ", startingAt: 0)
        line += String(format: "%8.3f s", t.seconds)
        if let b = t.bytes, t.seconds > 0 {
            line += String(format: "  %8.1f MB  %8.1f MB/s", Double(b) / 1e6, Double(b) / 1e6 / t.seconds)
        }
        printError(line)
    }
}
