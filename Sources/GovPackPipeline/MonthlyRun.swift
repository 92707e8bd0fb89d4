import Foundation
import GovPackCore
import GovPackIngest
import GovPackMetrics
import GovPackRender
import GovPackRules
import GovPackStore

/// `govpack run`: the unattended monthly run. Reads the PMO's reference data and every team's
/// submission for the period, quarantines a submission that cannot be read, lists the teams that
/// sent nothing, checks and measures the rest, renders the packs and publishes them, with a
/// `run.json` beside them, as one atomic step.
///
/// One broken submission never sinks the run: it is left out of the metrics, reported in the
/// compliance pack and the summary, and the run goes on (exit 1). Only a failure of the run
/// itself (nothing to read, a template error, the output cannot be written) is exit 2, and then
/// nothing is published.
public struct MonthlyRun {
    /// What the run reads and writes, resolved from the configuration and the command line.
    public struct Plan: Sendable {
        public var period: Period
        public var organisation: String?
        public var reference: [String]
        /// This period's submissions folder: one subfolder per team.
        public var submissionsFolder: String
        /// The teams expected to submit; empty: every subfolder is a team and none is missing.
        public var teams: [ExpectedTeam]
        /// Day of the month after the period when submissions are due, for teams that set none.
        public var submissionsDue: Int?
        public var validation: Validation.Options
        public var outputFolder: String
        public var packs: [PackKind]
        public var formats: [PackFormat]
        public var templates: String?
        /// Paths the output may never replace (the configuration file, inputs).
        public var protecting: [String]
        public var version: String
        /// The configuration's folder: paths in run.json and the history are relative to it, so
        /// the same inputs give the same record however the configuration was named.
        public var baseFolder: String?

        /// `path` relative to the base folder when it lies inside it.
        public func relative(_ path: String) -> String {
            guard let base = baseFolder, !base.isEmpty, base != "." else {
                return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
            }
            let prefix = base.hasSuffix("/") ? base : base + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }

        public init(period: Period, reference: [String], submissionsFolder: String, outputFolder: String,
                    version: String) {
            self.period = period
            self.reference = reference
            self.submissionsFolder = submissionsFolder
            self.teams = []
            self.validation = Validation.Options()
            self.outputFolder = outputFolder
            self.packs = PackKind.allCases
            self.formats = [.html]
            self.protecting = []
            self.version = version
        }
    }

    public struct ExpectedTeam: Sendable, Equatable {
        public var name: String
        /// The team's folder, relative to the submissions folder.
        public var folder: String
        public var dueDay: Int?
        /// Projects the team reports, when the configuration lists them (for "not reported").
        public var projects: [String]

        public init(name: String, folder: String? = nil, dueDay: Int? = nil, projects: [String] = []) {
            self.name = name
            self.folder = folder ?? name
            self.dueDay = dueDay
            self.projects = projects
        }
    }

    public enum PackFormat: String, CaseIterable, Sendable { case html, md, pdf }

    /// What happened to one team's submission.
    public struct TeamOutcome: Sendable, Equatable {
        public enum State: String, Sendable { case submitted, quarantined, missing }
        public var name: String
        public var folder: String
        public var state: State
        public var due: Day?
        public var files: [String]
        /// Why it was quarantined: the file-level errors, as `file:line: message`.
        public var reasons: [String]
        /// The team's projects: those it sent this period; for a quarantined or missing team, those
        /// expected of it (the configuration's, else the latest history's).
        public var projects: [String]
        /// Projects expected of a team that submitted (configuration, else its last recorded
        /// period) that are in no submission this period: shown as not reported.
        public var notSent: [String] = []
        /// A folder no configured team names (read all the same).
        public var unexpected = false
        /// What was expected of the team before anything was read.
        var expected: [String] = []
    }

    /// Progress, for the terminal display or the log.
    public enum Event: Sendable {
        case stage(String)
        case quarantined(team: String, reason: String)
        case missing(team: String, due: Day?)
        case wrote(files: Int, folder: String)
    }

    public struct Outcome: Sendable {
        public enum Status: Int32, Sendable {
            case complete = 0, incomplete = 1, failed = 2
        }
        public var status: Status
        public var period: Period
        public var teams: [TeamOutcome]
        public var validation: Validation.Result?
        /// The published files (relative paths, sizes and checksums) in path order, empty when
        /// nothing was published. Their bytes are on disk only: at 20,000 projects they are some
        /// 600 MB, which the run no longer holds once written.
        public var files: [OutputChecksum]
        public var inputs: [InputChecksum]
        /// Why the run failed, when it did.
        public var failure: String?
        /// Files directly in the submissions folder (in no team's folder: not read).
        public var strayFiles: [String] = []
        /// Reference files no reader could read.
        public var referenceRejected: [String] = []
        /// Whether the packs were published (a failure can come after: the history not recorded).
        public var published = false
        public var seconds: Double
    }

    /// A published file: its path under the period's folder, SHA-256 and size. Worked out once
    /// per run, for run.json and the history alike.
    public struct OutputChecksum: Sendable, Equatable {
        public var path: String
        public var sha256: String
        public var bytes: Int

        init(_ file: (path: String, data: Data)) {
            path = file.path
            sha256 = Checksum.sha256(file.data)
            bytes = file.data.count
        }
    }

    public struct InputChecksum: Sendable, Equatable {
        public var path: String
        public var team: String?
        public var sha256: String
        public var bytes: Int
        public var status: String
    }

    /// Diagnostics that mean a file could not be read as a submission at all: a team sending one
    /// is quarantined rather than half read.
    public static let quarantineIDs: Set<String> = [
        IngestID.fileUnreadable, IngestID.invalidUTF8, IngestID.undecodable, IngestID.unterminatedQuote,
        IngestID.missingColumn, IngestID.xmlMalformed, IngestID.xmlSchema, IngestID.xmlDoctype,
        IngestID.xmlUnknownRoot,
    ]

    public var plan: Plan
    /// The earlier periods' snapshots, oldest first (the latest 12 before this period).
    public var history: [RunSnapshot]
    public var progress: @Sendable (Event) -> Void

    public init(plan: Plan, history: [RunSnapshot] = [], progress: @escaping @Sendable (Event) -> Void = { _ in }) {
        self.plan = plan
        self.history = history
        self.progress = progress
    }

    // MARK: - Reading

    /// The teams found and expected, before anything is read: present ones have a folder with
    /// files. Folders govpack published into (its marker inside) are not teams.
    func discoverTeams() -> [TeamOutcome] {
        let fm = FileManager.default
        let folder = plan.submissionsFolder
        var found: [String] = []
        if let entries = try? fm.contentsOfDirectory(atPath: folder) {
            for name in entries.sorted() where !name.hasPrefix(".") {
                var isDir: ObjCBool = false
                let path = folder + "/" + name
                guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue,
                      !fm.fileExists(atPath: path + "/" + FolderPublisher.marker) else { continue }
                found.append(name)
            }
        }
        let configured = !plan.teams.isEmpty
        let expected = configured ? plan.teams : found.map { ExpectedTeam(name: $0) }
        var teams: [TeamOutcome] = []
        var claimed = Set<String>()
        for t in expected {
            let relative = RunConfiguration.normalised(t.folder)
            // A team at `infra/current` claims the folder `infra`; the name as found on disk is
            // used when it differs only in Unicode form.
            let first = String(relative.split(separator: "/").first ?? Substring(relative))
            let onDisk = found.first { $0 == first } ?? first
            claimed.insert(onDisk)
            let path = folder + "/" + onDisk + String(relative.dropFirst(first.count))
            let files = Self.files(under: path)
            let due = (t.dueDay ?? plan.submissionsDue).flatMap { dueDate(day: $0) }
            let known = t.projects.isEmpty ? Self.lastKnownProjects(of: t.name, folder: onDisk, in: history) : t.projects
            var team = TeamOutcome(
                name: t.name, folder: path, state: files.isEmpty ? .missing : .submitted, due: due,
                files: files, reasons: [], projects: files.isEmpty ? known : [])
            team.expected = known
            teams.append(team)
        }
        // A folder nobody expected is still read: a new team, or one the configuration forgot.
        for name in found where !claimed.contains(name) {
            let path = folder + "/" + name
            var team = TeamOutcome(
                name: name, folder: path, state: .submitted, due: nil, files: Self.files(under: path),
                reasons: [], projects: [])
            team.unexpected = configured
            if team.files.isEmpty { team.state = .missing }
            teams.append(team)
        }
        return teams.sorted { $0.name < $1.name }
    }

    /// Files directly in the submissions folder: in no team's folder, so read by nobody.
    func strayFiles() -> [String] {
        let fm = FileManager.default
        let folder = plan.submissionsFolder
        guard let entries = try? fm.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.sorted().filter { name in
            var isDir: ObjCBool = false
            return !name.hasPrefix(".") && fm.fileExists(atPath: folder + "/" + name, isDirectory: &isDir) && !isDir.boolValue
        }.map { folder + "/" + $0 }
    }

    /// The due date: that day of the month after the period (clamped to the month's last day).
    func dueDate(day: Int) -> Day? { Self.dueDate(day: day, after: plan.period) }

    public static func dueDate(day: Int, after period: Period) -> Day? {
        let next = period.next
        return Day(year: next.year, month: next.month, day: min(max(day, 1), Day.daysIn(month: next.month, year: next.year)))
    }

    /// The files the loader will read under `path` (links followed as it follows them).
    static func files(under path: String) -> [String] {
        InputWalker.files(under: path, diagnostics: DiagnosticSink()).map(\.displayPath)
    }

    /// Which present teams could not be read: a rejected file, or a file-level error in one.
    static func quarantine(_ teams: inout [TeamOutcome], result: Validation.Result) {
        let rejected = Set(result.load.rejected.map(\.displayPath))
        // The file-level errors, picked once: the teams × diagnostics scan was quadratic (3,300
        // teams × 17,000 errors at N=20k).
        let fileLevel = result.diagnostics.filter { d in
            guard d.severity == .error, let at = d.location else { return false }
            return quarantineIDs.contains(d.id) || rejected.contains(at.file)
        }
        let rejectedSorted = rejected.sorted()
        // The folders holding a file a reader claimed, by every folder prefix of its path.
        var recognisedFolders = Set<String>()
        for f in result.load.files where f.format != nil {
            Self.forEachFolderPrefix(of: f.file.displayPath) { recognisedFolders.insert($0) }
        }
        for i in teams.indices where teams[i].state == .submitted {
            let prefix = teams[i].folder + "/"
            var reasons: [String] = []
            for d in fileLevel {
                guard let at = d.location, at.file.hasPrefix(prefix) else { continue }
                reasons.append("\(at): [\(d.id)] \(d.message)")
            }
            for file in rejectedSorted where file.hasPrefix(prefix)
                && !reasons.contains(where: { $0.hasPrefix(file + ":") || $0.hasPrefix(file + " ") }) {
                reasons.append("\(file): the file could not be read")
            }
            if reasons.isEmpty && !recognisedFolders.contains(prefix) {
                let names = teams[i].files.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
                reasons.append("\(teams[i].folder): no file of the submission standard among its \(teams[i].files.count) file\(teams[i].files.count == 1 ? "" : "s") (\(names)\(teams[i].files.count > 3 ? ", ..." : "")); send the entity CSV files or the XML")
            }
            if !reasons.isEmpty {
                teams[i].state = .quarantined
                teams[i].reasons = reasons
            }
        }
    }

    /// Reads and checks the reference data and the submissions that can be read.
    func read(_ teams: inout [TeamOutcome]) -> Validation.Result {
        var options = plan.validation
        options.load.absentProjects = Self.absentProjects(teams)
        var validation = Validation(options: options)
        func inputs() -> [String] {
            plan.reference + teams.filter { $0.state == .submitted }.map(\.folder)
        }
        let referenceFiles = plan.reference.reduce(0) { $0 + Self.files(under: $1).count }
        progress(.stage("reading \(referenceFiles + teams.filter { $0.state == .submitted }.reduce(0) { $0 + $1.files.count }) files: reference data and \(teams.filter { $0.state == .submitted }.count) teams"))
        var result = validation.run(inputs())
        Self.quarantine(&teams, result: result)
        attributeProjects(&teams, result: result, states: [.quarantined])
        let held = teams.filter { $0.state == .quarantined }
        if !held.isEmpty {
            for t in held { progress(.quarantined(team: t.name, reason: t.reasons.first ?? "")) }
            // Read again without them: none of their rows may reach the metrics. Their file-level
            // errors are kept so the compliance pack can show why.
            // Only the reasons are kept: the rest of what the first reading said of their rows
            // (often hundreds of follow-on errors of one broken file) says nothing more.
            let reasons = Set(held.flatMap(\.reasons))
            let kept = result.diagnostics.filter { d in
                guard let at = d.location, d.severity == .error else { return false }
                return reasons.contains("\(at): [\(d.id)] \(d.message)")
            }
            validation.options.load.absentProjects = Self.absentProjects(teams)
            result = validation.run(inputs())
            result.diagnostics = (result.diagnostics + kept).sorted(by: Diagnostic.ordered)
            result.summary.errors += kept.count
        }
        attributeProjects(&teams, result: result, states: [.submitted])
        Self.dropMeasured(&teams, result: result)
        return result
    }

    /// The projects of teams not in the run, with why, so that other teams' rows naming them
    /// are not errors of those teams.
    static func absentProjects(_ teams: [TeamOutcome]) -> [String: String] {
        var absent: [String: String] = [:]
        for t in teams where t.state != .submitted {
            for id in t.projects {
                absent[id] = t.state == .missing ? "team \(t.name) sent no submission" : "team \(t.name)'s submission was quarantined"
            }
        }
        return absent
    }

    /// The projects each team sent, from where each project row came from. A quarantined team
    /// keeps what it sent (or was expected to); a submitting team's expected projects that are in
    /// no submission are listed as not sent.
    func attributeProjects(_ teams: inout [TeamOutcome], result: Validation.Result, states: Set<TeamOutcome.State>) {
        let p = result.load.portfolio
        let measured = Set(p.projects.map(\.projectID))
        // Each project row goes to the teams whose folder holds its file, found by the file's
        // folder prefixes (teams × projects was quadratic: 3,300 × 20,000 at N=20k).
        var teamsByPrefix: [String: [Int]] = [:]
        for i in teams.indices where states.contains(teams[i].state) { teamsByPrefix[teams[i].folder + "/", default: []].append(i) }
        var sentBy: [Int: [String]] = [:]
        var prefixesOfFile: [UInt32: [Int]] = [:]
        for row in p.projects {
            let owners: [Int]
            if let known = prefixesOfFile[row.origin.file] {
                owners = known
            } else {
                var found: [Int] = []
                Self.forEachFolderPrefix(of: p.files.path(row.origin.file)) { prefix in
                    if let ts = teamsByPrefix[prefix] { found += ts }
                }
                prefixesOfFile[row.origin.file] = found
                owners = found
            }
            for i in owners { sentBy[i, default: []].append(row.projectID) }
        }
        for i in teams.indices where states.contains(teams[i].state) {
            let sent = sentBy[i] ?? []
            if teams[i].state == .quarantined {
                teams[i].projects = Array(Set(sent + teams[i].expected)).sorted()
            } else {
                teams[i].projects = Array(Set(sent)).sorted()
                teams[i].notSent = Set(teams[i].expected).subtracting(measured).sorted()
            }
        }
    }

    /// Calls `body` with each folder prefix of `path`, shortest first, each ending in "/"
    /// (`a/b/c.csv`: `a/`, `a/b/`). Cut on the UTF-8 bytes: walking 37,000 paths Character by
    /// Character was a tenth of a second of the 20k run.
    public static func forEachFolderPrefix(of path: String, _ body: (String) -> Void) {
        let bytes = path.utf8
        var i = bytes.startIndex
        while let slash = bytes[i...].firstIndex(of: UInt8(ascii: "/")) {
            let next = bytes.index(after: slash)
            body(String(path[..<next]))
            i = next
        }
    }

    /// Leaves out of the not-reported lists any project the run did measure (it moved to
    /// another team, or two configured teams share it).
    static func dropMeasured(_ teams: inout [TeamOutcome], result: Validation.Result) {
        let measured = Set(result.load.portfolio.projects.map(\.projectID))
        for i in teams.indices where teams[i].state != .submitted {
            teams[i].projects = teams[i].projects.filter { !measured.contains($0) }
        }
    }
}

// MARK: - The whole run

extension MonthlyRun {
    /// Stores the history snapshot of a run (see `execute`): its rows are all there but the
    /// pack files and metrics document, which `rendered()` gives once the packs are rendered
    /// (nil when the render failed); it must commit only if `published()` then returns true.
    /// Both may block.
    public typealias Recorder = (_ snapshot: RunSnapshot, _ rendered: () -> RunSnapshot.Rendered?,
                                 _ published: () -> Bool) throws -> Void

    /// Reads, checks, measures, renders and publishes. `record` stores the history snapshot: it is
    /// called on a thread of its own while the packs render and are published, so that the
    /// history's rows are written by the time they are out. Its failure fails the run, with the
    /// packs already out.
    public func execute(record: Recorder? = nil) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        func failed(_ why: String, _ teams: [TeamOutcome] = [], _ result: Validation.Result? = nil,
                    inputs: [InputChecksum] = []) -> Outcome {
            Outcome(status: .failed, period: plan.period, teams: teams, validation: result, files: [], inputs: inputs,
                    failure: why, seconds: (clock.now - start).seconds)
        }
        var teams = discoverTeams()
        for t in teams where t.state == .missing { progress(.missing(team: t.name, due: t.due)) }
        if teams.allSatisfy({ $0.state == .missing }) {
            let why = FileManager.default.fileExists(atPath: plan.submissionsFolder)
                ? "no team submitted anything in \(plan.submissionsFolder)"
                : "the submissions folder \(plan.submissionsFolder) does not exist"
            return failed(why + "; nothing to report for \(plan.period)", teams)
        }
        let result = read(&teams)
        if let mixed = result.diagnostics.first(where: { $0.id == CurrencyCheck.mixedID }) {
            return failed(mixed.message, teams, result)
        }
        progress(.stage("computing checksums of \(teams.reduce(0) { $0 + $1.files.count }) files"))
        let inputs = checksums(teams: teams, result: result)
        // Files go into the staging folder as they are rendered; the period's folder is replaced
        // only at the end, whole (FolderPublisher.Staging).
        // The history's snapshot is worked out and written on a thread of its own while the
        // packs render, in a transaction that takes their checksums once they are rendered and
        // commits only once they are published (the gate): a run never records packs it did not
        // publish. On one thread the record simply comes after the publish (Parallel.behind).
        let handoff = Handoff<RunSnapshot.Rendered?>()
        let gate = Handoff<Result<Void, Error>>()
        let early = RunRecord(plan: plan, teams: teams, result: result, inputs: inputs, outputs: [])
        let (published, recorded) = Parallel.behind({ () -> Result<Published, Failure> in
            defer {
                handoff.give(nil)
                gate.give(.failure(Failure(why: "the packs were not published")))
            }
            return publish(result, teams: teams, inputs: inputs, handoff: handoff, gate: gate)
        }, { () -> Result<Void, Error>? in
            guard let record else { return nil }
            let snapshot = Self.snapshot(early, metricsJSON: "")
            return Result {
                try record(snapshot, handoff.take, {
                    if case .success = gate.take() { return true }
                    return false
                })
            }
        })
        let p: Published
        switch published {
        case .failure(let f): return failed(f.why, teams, result, inputs: inputs)
        case .success(let done): p = done
        }
        if case .failure(let error) = recorded {
            var o = failed("the packs were published to \(plan.outputFolder) but the history was not recorded: \(error.localizedDescription); run the period again to record it", teams, result)
            o.files = p.files
            o.inputs = inputs
            o.published = true
            return o
        }
        var outcome = Outcome(status: p.status, period: plan.period, teams: teams, validation: result, files: p.files,
                              inputs: inputs, failure: nil, seconds: (clock.now - start).seconds)
        outcome.strayFiles = p.stray
        outcome.referenceRejected = p.referenceRejected
        outcome.published = true
        return outcome
    }

    /// Why the packs were not published.
    struct Failure: Error {
        var why: String
    }

    /// What a publish put out.
    struct Published {
        var files: [OutputChecksum]
        var status: Outcome.Status
        var stray: [String]
        var referenceRejected: [String]
    }

    /// Renders the packs into a staging folder and publishes it whole. Hands the history's
    /// record the files' checksums once they are all rendered, then opens the gate with how
    /// the publish ended.
    private func publish(_ result: Validation.Result, teams: [TeamOutcome], inputs: [InputChecksum],
                         handoff: Handoff<RunSnapshot.Rendered?>, gate: Handoff<Result<Void, Error>>) -> Result<Published, Failure> {
        // Files go into the staging folder as they are rendered; the period's folder is replaced
        // only at the end, whole (FolderPublisher.Staging).
        let staging: FolderPublisher.Staging
        do {
            staging = try FolderPublisher.Staging(to: plan.outputFolder, protecting: plan.protecting)
        } catch {
            return .failure(Failure(why: error.localizedDescription))
        }
        progress(.stage("rendering \(plan.packs.count) packs as \(plan.formats.map(\.rawValue).joined(separator: ", "))"))
        let sums = OutputChecksums()
        do {
            try render(result, teams: teams) { f in
                staging.enqueue(f.path, f.data)
                sums.add(f)
            }
        } catch {
            staging.abandon()
            return .failure(Failure(why: "\(error)"))
        }
        let stray = strayFiles()
        let referenceRejected = inputs.filter { $0.team == nil && $0.status != "read" }.map(\.path)
        let incomplete = teams.contains { $0.state != .submitted || !$0.notSent.isEmpty || $0.unexpected }
            || !stray.isEmpty || !referenceRejected.isEmpty
        let status: Outcome.Status = incomplete ? .incomplete : .complete
        var outputs = sums.all
        let runJSON = Data(RunJSON.encode(plan: plan, status: status, teams: teams, result: result, inputs: inputs,
                                          outputs: outputs, strayFiles: stray).utf8)
        outputs.append(OutputChecksum(("run.json", runJSON)))
        staging.enqueue("run.json", runJSON)
        outputs.sort { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
        handoff.give(RunSnapshot.Rendered(
            packFiles: HistorySnapshot.sorted(outputs.map(Self.packFileRecord)),
            metricsJSON: sums.metricsJSON.map { String(decoding: $0, as: UTF8.self) } ?? MetricsJSON.encode(result.metrics)))
        let files = outputs
        progress(.stage("publishing \(files.count) files to \(plan.outputFolder)"))
        do {
            try staging.commit()
        } catch {
            gate.give(.failure(error))
            return .failure(Failure(why: error.localizedDescription))
        }
        progress(.wrote(files: files.count, folder: plan.outputFolder))
        gate.give(.success(()))
        return .success(Published(files: files, status: status, stray: stray, referenceRejected: referenceRejected))
    }

    /// What the history records of a published run.
    public struct RunRecord: Sendable {
        public var plan: Plan
        public var teams: [TeamOutcome]
        public var result: Validation.Result
        public var inputs: [InputChecksum]
        /// Every published file, run.json included, in path order.
        public var outputs: [OutputChecksum]
    }

    func checksums(teams: [TeamOutcome], result: Validation.Result) -> [InputChecksum] {
        var wanted: [(path: String, team: String?, status: String)] = []
        let rejected = Set(result.load.rejected.map(\.displayPath))
        for path in plan.reference.flatMap({ Self.filesOrSelf($0) }) {
            wanted.append((path, nil, rejected.contains(path) ? "rejected" : "read"))
        }
        for t in teams where t.state != .missing {
            for path in t.files {
                let status = t.state == .quarantined ? "quarantined" : rejected.contains(path) ? "rejected" : "read"
                wanted.append((path, t.name, status))
            }
        }
        // Reading and hashing 37,000 files is I/O and SHA work with nothing shared: both cores.
        return Parallel.map(wanted) { checksum($0.path, team: $0.team, status: $0.status) }
            .sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
    }

    static func filesOrSelf(_ path: String) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return [] }
        return isDir.boolValue ? files(under: path) : [path]
    }

    func checksum(_ path: String, team: String?, status: String) -> InputChecksum {
        let bytes = (try? FileBytes.read(path)) ?? []
        return InputChecksum(path: plan.relative(path), team: team, sha256: Checksum.sha256(bytes), bytes: bytes.count, status: status)
    }


    /// The packs in each format, the findings and the metrics, as files relative to the output
    /// folder, each handed to `emit` as soon as it is made, from any thread and in no fixed
    /// order (the run writes them to disk while the rest render, and keeps none).
    func render(_ result: Validation.Result, teams: [TeamOutcome],
                emit: @escaping @Sendable ((path: String, data: Data)) -> Void) throws {
        let renderer = try PackRenderer(templatesOverride: plan.templates.map { URL(fileURLWithPath: $0) })
        let input = renderInput(result, teams: teams)
        let files = RenderedFiles(keeping: false, emit: emit)
        func packs() throws {
            var html: [(path: String, data: Data)]?
            for format in plan.formats {
                switch format {
                case .html, .pdf:
                    if html == nil {
                        // HTML is kept (without its folder) only when PDFs are printed from it.
                        let keep = plan.formats.contains(.pdf) ? RenderedFiles(keeping: true) : nil
                        let publish = plan.formats.contains(.html)
                        try renderer.render(input, packs: plan.packs, format: .html) { f in
                            let data = f.data
                            keep?.add((f.path, data))
                            if publish { files.add(("html/" + f.path, data)) }
                        }
                        html = keep?.all ?? []
                    }
                    if format == .pdf { try PDFPrinter.print(html ?? []).forEach { files.add(("pdf/" + $0.path, $0.data)) } }
                case .md:
                    try renderer.render(input, packs: plan.packs, format: .md) { f in files.add(("md/" + f.path, f.data)) }
                }
            }
        }
        // The data files are encoded beside the packs: at 20k projects they are a second of one
        // thread (70 MB of JSON and CSV) that used to run alone after the packs, the other core idle.
        try Parallel.beside({
            files.add(("metrics.json", MetricsJSON.encodeData(result.metrics)))
            for t in MetricsCSV.encodeAll(result.metrics) { files.add(("metrics/" + t.fileName, Data(t.contents.utf8))) }
            files.add(("findings.json", Data(DiagnosticReport.json(result.diagnostics, summary: result.summary).utf8)))
        }, packs)
    }

    func renderInput(_ result: Validation.Result, teams: [TeamOutcome]) -> RenderInput {
        RenderInput(
            portfolio: result.load.portfolio, metrics: result.metrics,
            findings: result.diagnostics.filter { $0.severity != .info || $0.id.hasPrefix("rule.") },
            period: result.period, generatedBy: "govpack \(plan.version)", history: Self.historyPoints(history),
            waivers: result.waivers.map {
                WaiverInfo(rule: $0.waiver.rule, project: $0.waiver.project, key: $0.waiver.key, reason: $0.waiver.reason,
                           approvedBy: $0.waiver.approvedBy, expires: $0.waiver.expires, waivedFindings: $0.waived)
            },
            submissions: Self.submissionStatus(teams, history: history))
    }
}

/// The files of a render as they arrive from its threads, each handed to `emit` and kept only
/// when `keeping` (the HTML that PDFs are printed from).
private final class RenderedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [(path: String, data: Data)] = []
    private let keeping: Bool
    private let emit: @Sendable ((path: String, data: Data)) -> Void

    init(keeping: Bool, emit: @escaping @Sendable ((path: String, data: Data)) -> Void = { _ in }) {
        self.keeping = keeping
        self.emit = emit
    }

    func add(_ file: (path: String, data: Data)) {
        emit(file)
        guard keeping else { return }
        lock.lock()
        files.append(file)
        lock.unlock()
    }

    /// In path order (they arrive in any order).
    var all: [(path: String, data: Data)] {
        lock.lock()
        defer { lock.unlock() }
        return files.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
    }
}

/// The rendered files' checksums, each worked out on the thread that made the file while its
/// bytes are still in cache, instead of one more pass over some 600 MB once all are rendered;
/// and metrics.json, which the history keeps.
private final class OutputChecksums: @unchecked Sendable {
    private let lock = NSLock()
    private var sums: [MonthlyRun.OutputChecksum] = []
    private(set) var metricsJSON: Data?

    func add(_ file: (path: String, data: Data)) {
        let sum = MonthlyRun.OutputChecksum(file)
        lock.lock()
        sums.append(sum)
        if file.path == "metrics.json" { metricsJSON = file.data }
        lock.unlock()
    }

    /// In no fixed order.
    var all: [MonthlyRun.OutputChecksum] {
        lock.lock()
        defer { lock.unlock() }
        return sums
    }
}

/// One value handed from the render and publish to the history's record on its own thread: the
/// first `give` counts, and `take` waits for it (then returns it to every later caller too).
/// The run hands over the packs' checksums once they are rendered (nil: they were not) and
/// then how the publish ended.
final class Handoff<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var value: T?

    func give(_ v: T) {
        lock.lock()
        defer { lock.unlock() }
        guard value == nil else { return }
        value = v
        done.signal()
    }

    func take() -> T {
        done.wait()
        done.signal()  // let any later take through too
        lock.lock()
        defer { lock.unlock() }
        return value!
    }
}
