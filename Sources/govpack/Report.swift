import ArgumentParser
import Foundation
import GovPackCore
import GovPackIngest
import GovPackPipeline
import GovPackRules
import GovPackRender
import GovPackStore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the governance packs (HTML, Markdown or PDF) into a folder.",
        discussion: """
            Reads the inputs as 'validate' does, runs the rule packs, computes the metrics, and \
            renders each pack from its templates: board, steering (one per programme), portfolio, \
            risk, resource, benefits, compliance, capability and project (one-pagers), with an \
            index page linking them. The folder is replaced as a whole, atomically: a reader sees \
            the previous packs or the new ones, never a mix. The same input gives the same bytes.

            Templates: the shipped ones are in Templates/ (one folder per pack, partials in \
            Templates/partials); --templates DIR overrides any of them by the same relative name. \
            A template error is reported with its file, line and column.

            --format pdf prints each HTML pack through headless Chromium when it is installed. \
            --history DB (the monthly run's database) adds the change since the periods recorded \
            before this one, for an ad-hoc board pack between monthly runs; the database is only read.

            Examples:
              govpack report SampleData/reference SampleData/submissions/2026-11 --period 2026-11 --out out/packs
              govpack report teams/ --period 2026-11 --pack board --pack risk --format md --out packs
              govpack report reference/ submissions/2026-12/ --pack board --history govpack.db --out board
            """
    )

    @Argument(help: "Files or folders to read.", completion: .file())
    var paths: [String]

    @OptionGroup var check: CheckOptions

    @Option(name: .customLong("pack"), help: "A pack to render (repeatable; default: all): \(PackKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var packs: [String] = []

    @Option(help: "Output format: html, md or pdf.")
    var format: ReportFormat = .html

    @Option(help: "The folder to write; it is replaced as a whole.")
    var out: String = "out/packs"

    @Option(help: "A folder of templates overriding the shipped ones by name.", completion: .directory)
    var templates: String?

    @Option(help: ArgumentHelp("Risk appetite: category=limit; repeatable.", valueName: "category=limit"))
    var appetite: [String] = []

    @Option(help: ArgumentHelp("A monthly run's history database: the packs show the change since its periods before this one.", valueName: "govpack.db"), completion: .file())
    var history: String?

    @Flag(help: "Print how long each stage took to standard error.")
    var timings = false

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case html, md, pdf }

    func kinds() throws -> [PackKind] {
        if packs.isEmpty { return PackKind.allCases }
        return try packs.map { name in
            guard let k = PackKind(rawValue: name) else {
                throw ValidationError("unknown pack '\(name)'; packs: " + PackKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return k
        }
    }

    func validate() throws {
        _ = try kinds()
        _ = try Metrics.parseAppetites(appetite)
    }

    func run() throws {
        var options = check.validationOptions
        options.riskAppetite = try Metrics.parseAppetites(appetite)
        let result = Validation(options: options).run(paths)
        defer { KeptUntilExit.keep(result) }
        if result.summary.files == 0 && result.summary.rejectedFiles == 0 {
            printError("govpack: no submission files found in \(paths.joined(separator: " "))")
            throw ExitCode(2)
        }
        if let mixed = result.diagnostics.first(where: { $0.id == CurrencyCheck.mixedID }) {
            printError("govpack: error: \(mixed.message)")
            throw ExitCode(2)
        }
        let renderer: PackRenderer
        do {
            renderer = try PackRenderer(templatesOverride: templates.map { URL(fileURLWithPath: $0) })
        } catch {
            printError("govpack: \(error)")
            throw ExitCode(2)
        }
        var earlier: [HistoryPoint] = []
        if let history {
            do {
                let store = try HistoryStore(path: history, mode: .readOnly)
                earlier = MonthlyRun.historyPoints(try store.snapshots(before: result.period, limit: 12, parts: .trends))
            } catch {
                printError("govpack: error: history: \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let input = RenderInput(
            portfolio: result.load.portfolio, metrics: result.metrics,
            findings: result.diagnostics.filter { $0.severity != .info || $0.id.hasPrefix("rule.") },
            period: result.period, generatedBy: "govpack \(GovPack.version)", history: earlier,
            waivers: result.waivers.map {
                WaiverInfo(rule: $0.waiver.rule, project: $0.waiver.project, key: $0.waiver.key, reason: $0.waiver.reason,
                           approvedBy: $0.waiver.approvedBy, expires: $0.waiver.expires, waivedFindings: $0.waived)
            })
        defer { KeptUntilExit.keep(input) }
        let clock = ContinuousClock()
        let renderStart = clock.now
        let protecting = paths + (templates.map { [$0] } ?? [])
        let staging: FolderPublisher.Staging
        do {
            staging = try FolderPublisher.Staging(to: out, protecting: protecting)
        } catch {
            printError("govpack: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        do {
            if format == .pdf {
                let html = try renderer.render(input, packs: try kinds(), format: .html).map { ($0.path, $0.data) }
                for f in try PDFPrinter.print(html) { staging.enqueue(f.path, f.data) }
            } else {
                // Each file goes to disk as soon as it is rendered, while the rest render.
                try renderer.render(input, packs: try kinds(), format: format == .md ? .md : .html) { f in
                    staging.enqueue(f.path, f.data)
                }
            }
        } catch {
            staging.abandon()
            printError("govpack: \(error is PDFPrinter.PrintError ? error.localizedDescription : "\(error)")")
            throw ExitCode(2)
        }
        let renderSeconds = (clock.now - renderStart).seconds
        let publishStart = clock.now
        do {
            try staging.commit()
        } catch {
            printError("govpack: \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let written = staging.added
        if timings {
            printTimings(result.timings + [
                ("render and write \(written.files) files", renderSeconds, written.bytes),
                ("publish (last writes, fsync, swap)", (clock.now - publishStart).seconds, nil),
            ])
        }
        let errors = result.summary.errors
        print("Wrote \(written.files) file\(written.files == 1 ? "" : "s") for \(result.period) to \(out)/ (open \(out)/index.\(format == .md ? "md" : format == .pdf ? "pdf" : "html")).")
        if errors > 0 {
            print("The input has \(errors) error\(errors == 1 ? "" : "s"); the compliance report lists them ('govpack validate' prints them).")
        }
    }
}

