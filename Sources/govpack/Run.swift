import ArgumentParser
import Foundation
import GovPackCore
import GovPackPipeline
import GovPackStore
import Logging

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The monthly run: every team's submission to published packs, with history.",
        discussion: """
            Reads govpack.yaml (see 'govpack init' and docs/configuration.md): the PMO's reference \
            data, the period's submissions folder (one folder per team), the rules, thresholds and \
            packs. Then, for the period:

              1. reads each team's submission; one that cannot be read at all (an unreadable or \
            undecodable file, a missing required column, an XML file failing its schema) is \
            quarantined: left out of the metrics and listed in the compliance pack and the summary;
              2. lists the teams that sent nothing, with their due date; their projects are shown \
            as "not reported" rather than dropped;
              3. checks the rest against the rule packs and computes the metrics;
              4. renders the packs with the change since the periods already in the history, and \
            publishes them with run.json, metrics.json, findings.json and the metrics CSV tables \
            into the output folder, replaced as a whole in one step;
              5. records the period in the history database (re-running a period replaces it).

            The period is --period, else the configuration's 'period:', else the calendar month \
            before the run date (--today, default the machine's date): a job on the first working \
            day reports the month just ended. Nothing else depends on the date.

            Exit codes: 0 complete; 1 complete, with quarantined or missing submissions; 2 the run \
            failed and nothing was published (the previous output is as it was); 64 usage error.

            Examples:
              govpack run                                   (reads ./govpack.yaml)
              govpack run --config SampleData/govpack.yaml --period 2026-10
              govpack run --config /pmo/govpack.yaml --quiet     (for cron: output only on failure)
            """
    )

    @Option(help: "The configuration file.", completion: .file(extensions: ["yaml", "yml"]))
    var config = "govpack.yaml"

    @Option(help: "Report period as YYYY-MM (default: the configuration's, else the month before --today).")
    var period: String?

    @Option(help: "The run date, YYYY-MM-DD, for the default period (default: today's date on this machine).")
    var today: String?

    @Option(help: "Publish into this folder instead of the configuration's output folder ({period} is replaced).")
    var out: String?

    @Option(help: "The history database (default: the configuration's 'history:').")
    var db: String?

    @Flag(help: "Neither read nor record history: the packs show no trends.")
    var noHistory = false

    @Flag(name: .shortAndLong, help: "Print nothing but failures (for schedulers that mail any output).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log every step, and list every team in the summary.")
    var verbose = false

    @Flag(help: "Print how long each stage took (and MB/s of input) to standard error.")
    var timings = false

    func validate() throws {
        if let period, Period(period) == nil {
            throw ValidationError("--period must be YYYY-MM, e.g. 2026-11 (got '\(period)')")
        }
        if let today, Day(today) == nil {
            throw ValidationError("--today must be YYYY-MM-DD, e.g. 2026-12-01 (got '\(today)')")
        }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        let sink = DiagnosticSink()
        guard let configuration = RunConfiguration.load(path: config, diagnostics: sink) else {
            for d in sink.all.sorted(by: Diagnostic.ordered) { printError(d.formatted) }
            throw ExitCode(2)
        }
        for d in sink.all.sorted(by: Diagnostic.ordered) where !quiet { printError(d.formatted) }
        let runDate = today.flatMap(Day.init) ?? RunConfiguration.today()
        let period = configuration.effectivePeriod(override: period.flatMap(Period.init), today: runDate)
        var plan = MonthlyRun.Plan(config: configuration, period: period, version: GovPack.version)
        if let out { plan.outputFolder = out.replacingOccurrences(of: "{period}", with: period.description) }
        let dbPath = db ?? configuration.history
        plan.protecting.append(dbPath)
        // The history must be writable before anything is published: a run never publishes
        // packs it cannot record.
        if !noHistory && !FileManager.default.fileExists(atPath: dbPath) {
            let parent = (dbPath as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? "." : parent
            if !FileManager.default.isWritableFile(atPath: folder) {
                printError("govpack: error: history: cannot create \(dbPath): \(folder) does not exist or is not writable")
                printError("govpack: nothing was published; create the folder, set 'history:' in \(config), or pass --no-history")
                throw ExitCode(2)
            }
        }

        let progress = Progress(quiet: quiet, verbose: verbose)
        // The database is created by the first run that publishes, not by one that fails.
        var store: HistoryStore?
        var history: [RunSnapshot] = []
        if !noHistory && FileManager.default.fileExists(atPath: dbPath) {
            do {
                let s = try HistoryStore(path: dbPath)
                history = try s.snapshots(before: period, limit: 12, parts: .trends)
                store = s
            } catch {
                printError("govpack: error: history: \(error.localizedDescription)")
                printError("govpack: nothing was published; pass --no-history to run without it")
                throw ExitCode(2)
            }
        }
        progress.log("period \(period): reading \(plan.submissionsFolder) (history: \(noHistory ? "off" : "\(history.count) earlier period\(history.count == 1 ? "" : "s") in \(dbPath)"))")
        let stages = StageClock()
        let outcome = MonthlyRun(plan: plan, history: history, progress: { stages.event($0); progress.event($0) }).execute(
            record: noHistory ? nil : { snapshot, rendered, published in
                if let s = store {
                    // The rows go in while the packs render.
                    _ = try s.record(snapshot, rendered: rendered, commitIf: published)
                } else {
                    // No history yet: the database is made only once the packs are rendered, so
                    // that a run whose render fails leaves none behind.
                    guard let r = rendered() else { return }
                    let s = try HistoryStore(path: dbPath)
                    store = s
                    _ = try s.record(snapshot, rendered: { r }, commitIf: published)
                }
            })
        defer { KeptUntilExit.keep(outcome) }
        progress.finish()
        if timings { printTimings(stages.timings(outcome)) }
        let periods = (try? store?.runs().count) ?? nil
        let recorded = noHistory ? "not kept (--no-history)"
            : "recorded \(period) in \(dbPath) (it holds \(periods ?? 0) period\(periods == 1 ? "" : "s"); 'govpack history --db \(dbPath)' lists them)"
        let text = outcome.summaryText(plan: plan, history: recorded, listTeams: verbose)
        if outcome.status == .failed {
            printError(text.trimmingCharacters(in: .newlines))
        } else if !quiet {
            print(text, terminator: "")
        }
        if outcome.status != .complete { throw ExitCode(outcome.status.rawValue) }
    }
}

/// When each stage of a monthly run began, from its progress events, for `--timings`: reading
/// (with the validation's own stages), checksums, rendering, publishing and the history record.
final class StageClock: @unchecked Sendable {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var marks: [(name: String, at: ContinuousClock.Instant)] = []
    private let lock = NSLock()

    init() { start = clock.now }

    static func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    func event(_ e: MonthlyRun.Event) {
        let name: String
        switch e {
        case .stage(let s) where s.hasPrefix("reading"): name = "read"
        case .stage(let s) where s.hasPrefix("computing checksums"): name = "checksums (SHA-256 of the inputs)"
        case .stage(let s) where s.hasPrefix("rendering"): name = "render"
        case .stage(let s) where s.hasPrefix("publishing"): name = "publish (last writes, fsync, swap)"
        case .wrote: name = "history (record the period)"
        default: return
        }
        lock.lock(); defer { lock.unlock() }
        marks.append((name, clock.now))
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Each stage's seconds (the read stage broken down into the validation's stages), then the total.
    func timings(_ outcome: MonthlyRun.Outcome) -> [(stage: String, seconds: Double, bytes: Int?)] {
        lock.lock(); defer { lock.unlock() }
        let end = clock.now
        var out: [(stage: String, seconds: Double, bytes: Int?)] = []
        if let first = marks.first { out.append(("discover teams", seconds(first.at - start), nil)) }
        for (i, m) in marks.enumerated() {
            let next = i + 1 < marks.count ? marks[i + 1].at : end
            if m.name == "read", let v = outcome.validation {
                out += v.timings
                out.append(("read (the above and the quarantine)", seconds(next - m.at), nil))
            } else if m.name == "render" {
                let files = outcome.files.count
                let bytes = outcome.files.reduce(0) { $0 + $1.bytes }
                out.append(("render and write \(files) files", seconds(next - m.at), bytes))
            } else {
                out.append((m.name, seconds(next - m.at), nil))
            }
        }
        out.append(("run total", seconds(end - start), nil))
        return out
    }
}

/// Progress on standard error: one line rewritten in place on a terminal, log lines otherwise.
final class Progress: @unchecked Sendable {
    let quiet: Bool
    let verbose: Bool
    let terminal = isatty(2) == 1
    let lock = NSLock()
    var logger: Logger
    var shown = false

    init(quiet: Bool, verbose: Bool) {
        self.quiet = quiet
        self.verbose = verbose
        logger = Logger(label: "govpack.run", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .debug : .info
    }

    func log(_ message: String) {
        guard !quiet else { return }
        lock.lock(); defer { lock.unlock() }
        if terminal && !verbose {
            // One line that fits the terminal, or the next rewrite would leave the wrapped rest.
            var line = "govpack: " + message
            let width = Self.terminalWidth()
            if line.count >= width { line = String(line.prefix(max(width - 2, 10))) + "…" }
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line + "\r").utf8))
            shown = true
        } else {
            logger.info("\(message)")
        }
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

    func event(_ e: MonthlyRun.Event) {
        switch e {
        case .stage(let s): log(s)
        case .quarantined(let team, let reason): log("quarantined \(team): \(reason)")
        case .missing(let team, let due): log("missing \(team)" + (due.map { " (due \($0))" } ?? ""))
        case .wrote(let files, let folder): log("published \(files) files to \(folder)")
        }
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
