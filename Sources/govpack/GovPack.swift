import ArgumentParser
import Foundation
import GovPackCore
import GovPackPipeline

@main
struct GovPack: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "govpack",
        abstract: "Turns project teams' exports into PMO governance packs.",
        discussion: """
            Reads the CSV and XML files project teams send (the submission standard, version 1),
            checks them, and reports what is wrong with file:line:column locations.

            Exit codes: 0 clean, 1 errors found, 2 the run itself failed, 64 usage error.
            """,
        version: version,
        subcommands: [Validate.self]
    )
}

/// How findings are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check submissions and report every problem found.",
        discussion: """
            PATH is a file or a folder; folders are walked recursively. CSV files are recognised by
            name (projects.csv, risks.csv, ...), XML files by their root element (a govpack
            submission or a Microsoft Project export).

            Examples:
              govpack validate SampleData/reference SampleData/teams
              govpack validate teams/payments --format json > findings.json
            """
    )

    @Argument(help: "Files or folders to read.", completion: .file())
    var paths: [String]

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Report period as YYYY-MM (used for Microsoft Project earned-value figures).")
    var period: String?

    @Flag(name: .shortAndLong, help: "Also print notes (info diagnostics) in text output.")
    var verbose = false

    func validate() throws {
        if let period, Period(period) == nil {
            throw ValidationError("--period must be YYYY-MM, e.g. 2026-11 (got '\(period)')")
        }
    }

    func run() throws {
        let validation = Validation(options: .init(period: period.flatMap(Period.init)))
        let result = validation.run(paths)
        switch format {
        case .text:
            print(DiagnosticReport.text(result.diagnostics, summary: result.summary, showInfo: verbose), terminator: "")
        case .json:
            print(DiagnosticReport.json(result.diagnostics, summary: result.summary), terminator: "")
        }
        if result.summary.files == 0 && result.summary.rejectedFiles == 0 {
            FileHandle.standardError.write(Data("govpack: no submission files found in \(paths.joined(separator: " "))\n".utf8))
            throw ExitCode(2)
        }
        if result.hasErrors { throw ExitCode(1) }
    }
}
