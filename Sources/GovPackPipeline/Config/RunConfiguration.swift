import GovPackRules
import Foundation
import GovPackCore
import GovPackIngest
import GovPackMetrics
import GovPackRules

/// The monthly run's configuration, read from `govpack.yaml` (see `docs/configuration.md`).
///
/// Paths in the file are relative to the file's folder; the resolved ones here are that folder
/// joined with them (absolute when the file was named by an absolute path). Patterns that hold
/// `{period}` (the submissions and output folders) are kept as written and resolved per period.
public struct RunConfiguration: Sendable, Equatable {
    /// The configuration file, as given.
    public var file: String
    /// Its folder (`.` for a file named without one).
    public var folder: String
    /// The organisation named on the packs.
    public var organisation: String?
    /// The period to report; nil: `--period`, else the month before the run date.
    public var period: Period?
    /// The PMO's reference data folders or files (programs, people, certifications), resolved;
    /// default: `reference` next to the file.
    public var reference: [String]
    /// The submissions folder pattern as written (e.g. `submissions/{period}`).
    public var submissions: String
    /// The expected teams; empty: every subfolder of the submissions folder is a team.
    public var teams: [TeamConfig]
    /// The day of the month after the period when submissions are due; nil: no due date.
    public var submissionsDue: Int?
    /// Rule packs: `default` (the shipped PMO standard) or resolved paths.
    public var rulePacks: [String]
    /// The waivers file, resolved.
    public var waivers: String?
    public var thresholds: Thresholds
    /// The run's currency (ISO 4217); nil: whatever the projects say, which must then agree.
    public var currency: String?
    /// One unit of each currency in the run's currency.
    public var rates: [String: Decimal]
    /// The output folder pattern as written (e.g. `out/{period}`).
    public var outputFolder: String
    /// Pack names, or `all`.
    public var packs: [String]
    /// `html`, `md`, `pdf`.
    public var formats: [String]
    /// A folder of templates overriding the shipped ones, resolved.
    public var templates: String?
    /// The history database, resolved.
    public var history: String

    public init(file: String) {
        self.file = file
        folder = RunConfiguration.folder(of: file)
        organisation = nil
        period = nil
        reference = [RunConfiguration.resolve("reference", in: folder)]
        submissions = "submissions/{period}"
        teams = []
        submissionsDue = nil
        rulePacks = ["default"]
        waivers = nil
        thresholds = Thresholds()
        currency = nil
        rates = [:]
        outputFolder = "out/{period}"
        packs = ["all"]
        formats = ["html"]
        templates = nil
        history = RunConfiguration.resolve("govpack.db", in: folder)
    }

    /// The submissions folder of a period, resolved.
    public func submissionsFolder(for period: Period) -> String {
        RunConfiguration.resolve(RunConfiguration.substitute(submissions, period), in: folder)
    }

    /// The output folder of a period, resolved.
    public func outputFolder(for period: Period) -> String {
        RunConfiguration.resolve(RunConfiguration.substitute(outputFolder, period), in: folder)
    }

    /// A team's folder for a period, resolved.
    public func teamFolder(_ team: TeamConfig, for period: Period) -> String {
        RunConfiguration.resolve(team.path, in: submissionsFolder(for: period))
    }

    /// The period a run reports: `--period` when given, else the file's `period:`, else the
    /// calendar month before `today` (a job on the first working day reports the month just ended).
    public func effectivePeriod(override: Period? = nil, today: Day) -> Period {
        override ?? period ?? today.period.previous
    }

    /// The day a team's submission for `period` is due: its `due` (else `submissions_due`) day
    /// of the next month, the month's last day when it has fewer days; nil without either.
    public func dueDate(of team: TeamConfig, for period: Period) -> Day? {
        guard let day = team.due ?? submissionsDue else { return nil }
        return MonthlyRun.dueDate(day: day, after: period)
    }

    /// Everything the ingest needs for a period: the column mappings of each team (under the
    /// team's folder for that period) and the MSPDI file-to-project ids.
    public func loadOptions(for period: Period) -> LoadOptions {
        var o = LoadOptions(period: period)
        for team in teams {
            let folder = teamFolder(team, for: period)
            for entityName in team.columns.keys.sorted() {
                guard let entity = Entity(rawValue: entityName), let map = team.columns[entityName] else { continue }
                for from in map.keys.sorted() {
                    if let to = map[from] {
                        o.columnMappings.append(ColumnMapping(folder: folder, entity: entity, from: from, to: to))
                    }
                }
            }
            for file in team.mspdi.keys.sorted() {
                guard let id = team.mspdi[file] else { continue }
                for key in RunConfiguration.mspdiKeys(file, teamPath: team.path) where o.mspdiProjectIDs[key] == nil {
                    o.mspdiProjectIDs[key] = id
                }
            }
        }
        return o
    }

    /// The validation options of a period: rule packs, waivers, thresholds, appetite, RAG
    /// thresholds, currency and rates, column mappings and MSPDI ids.
    public func validationOptions(for period: Period) -> Validation.Options {
        var o = Validation.Options()
        o.load = loadOptions(for: period)
        o.period = period
        o.rulePacks = rulePacks
        o.waiversFile = waivers
        o.config.escalationThreshold = thresholds.escalationScore
        o.config.gateGraceDays = thresholds.gateGraceDays
        o.config.staleDays = thresholds.staleAfterDays
        o.config.riskReviewDays = thresholds.riskReviewDays
        o.config.ownedRiskScore = thresholds.ownedRiskScore
        o.config.largeBudget = NSDecimalNumber(decimal: thresholds.largeBudget).doubleValue
        o.riskAppetite = thresholds.appetite
        o.ragRedBelow = thresholds.ragRedBelow
        o.ragAmberBelow = thresholds.ragAmberBelow
        o.currency = currency
        o.rates = rates
        return o
    }

    /// `validationOptions(for:)` for the file's period, else the month before today.
    public var validationOptions: Validation.Options {
        validationOptions(for: effectivePeriod(today: RunConfiguration.today()))
    }

    /// Today in the machine's time zone (the run date; only the default period depends on it).
    public static func today(_ now: Date = Date()) -> Day {
        let seconds = now.timeIntervalSince1970 + Double(TimeZone.current.secondsFromGMT(for: now))
        return Day(daysSinceEpoch: Int32(clamping: Int((seconds / 86_400).rounded(.down))))
    }
}

/// One expected team.
public struct TeamConfig: Sendable, Equatable {
    /// The team's name (shown in the packs and run summary).
    public var name: String
    /// Its folder relative to the submissions folder; default: the name.
    public var path: String
    /// The day of the month after the period its submission is due; nil: `submissions_due`.
    public var due: Int?
    /// Projects the team reports, listed as "not reported" when it sends nothing.
    public var projects: [String]
    /// Per entity (`risks`), the team's column names mapped to the standard ones.
    public var columns: [String: [String: String]]
    /// MSPDI file (name or path relative to the team folder) to project id.
    public var mspdi: [String: String]

    public init(
        name: String, path: String? = nil, due: Int? = nil, projects: [String] = [],
        columns: [String: [String: String]] = [:], mspdi: [String: String] = [:]
    ) {
        self.name = name
        self.path = path ?? name
        self.due = due
        self.projects = projects
        self.columns = columns
        self.mspdi = mspdi
    }
}

/// The thresholds of the metrics and rules; the defaults are the submission standard's.
public struct Thresholds: Sendable, Equatable {
    /// Open risks scoring at least this must be escalated.
    public var escalationScore = 15
    /// Days after a gate's planned date within which it must be reviewed.
    public var gateGraceDays = 14
    /// A project whose last update is older than this many days at the period's end is stale.
    public var staleAfterDays = 35
    /// Open risks must have been reviewed within this many days of the period's end.
    public var riskReviewDays = 60
    /// Open risks scoring at least this need an owner and a response plan.
    public var ownedRiskScore = 12
    /// Projects above this budget need a manager with a current PM certification.
    public var largeBudget = Decimal(1_000_000)
    /// Open-exposure limit per risk category; none by default.
    public var appetite: [RiskCategory: Int] = [:]
    /// CPI or SPI below this makes the earned-value signal Red.
    public var ragRedBelow = Decimal(8) / Decimal(10)
    /// CPI or SPI below this (and not Red) makes it Amber.
    public var ragAmberBelow = Decimal(9) / Decimal(10)

    public init() {}
}

// MARK: - Paths

extension RunConfiguration {
    /// The folder of a file path, `.` when it has none.
    static func folder(of file: String) -> String {
        let d = (file as NSString).deletingLastPathComponent
        return d.isEmpty ? "." : d
    }

    /// `path` when absolute, else joined to `folder`; `.` and `..` are taken out lexically.
    static func resolve(_ path: String, in folder: String) -> String {
        if path.hasPrefix("/") { return normalised(path) }
        return normalised(folder == "." ? path : folder + "/" + path)
    }

    /// `a/./b/../c` is `a/c`; leading `..` of a relative path stay; empty is `.`.
    static func normalised(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    static func substitute(_ pattern: String, _ period: Period) -> String {
        pattern.replacingOccurrences(of: "{period}", with: period.description)
    }

    /// The keys `LoadOptions.mspdiProjectIDs` is looked up by (the file's path relative to the
    /// input argument, else its stem): as written, under the team's folder, and the stem.
    static func mspdiKeys(_ file: String, teamPath: String) -> [String] {
        var keys = [file, normalised(teamPath + "/" + file)]
        let name = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { keys.append(String(name[..<dot])) } else { keys.append(name) }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
