import Foundation
import GovPackCore
import GovPackRules
import Yams

extension RunConfiguration {
    static let topKeys = [
        "organisation", "period", "inputs", "teams", "submissions_due", "rules", "thresholds", "currency", "rates",
        "output", "history",
    ]
    static let inputKeys = ["reference", "submissions"]
    static let teamKeys = ["name", "path", "due", "projects", "columns", "mspdi"]
    static let ruleKeys = ["packs", "waivers"]
    static let thresholdKeys = [
        "escalation_score", "gate_grace_days", "stale_after_days", "risk_review_days", "owned_risk_score",
        "large_budget", "appetite", "rag",
    ]
    static let ragKeys = ["red_below", "amber_below"]
    static let outputKeys = ["folder", "packs", "formats", "templates"]
    /// The packs `output.packs` may name (GovPackRender's `PackKind`; a test keeps the two equal).
    public static let packNames = [
        "board", "steering", "portfolio", "risk", "resource", "benefits", "compliance", "capability", "project",
    ]
    public static let formatNames = ["html", "md", "pdf"]

    /// Reads a configuration file strictly; nil when it has any error (all are reported, with
    /// file, line and column). Warnings do not stop it.
    public static func load(path: String, diagnostics: DiagnosticSink) -> RunConfiguration? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            diagnostics.emit(
                ConfigID.unreadable, .error, "cannot read the configuration (missing, unreadable or not UTF-8)",
                at: SourceLocation(file: path), hint: "write an annotated one with 'govpack init'")
            return nil
        }
        return parse(text, path: path, diagnostics: diagnostics)
    }

    /// Parses configuration text; `path` names the file in messages and anchors relative paths.
    public static func parse(_ text: String, path: String, diagnostics: DiagnosticSink) -> RunConfiguration? {
        let sink = DiagnosticSink()
        let reader = YAMLReader(path: path, source: text, diagnostics: sink, idPrefix: "config")
        var parser = ConfigParser(y: reader, config: RunConfiguration(file: path))
        let config = parser.parse()
        diagnostics.append(contentsOf: sink.all)
        return sink.count(.error) == 0 ? config : nil
    }
}

/// The reading of one file: each section checks its keys and values and fills the configuration.
private struct ConfigParser {
    let y: YAMLReader
    var config: RunConfiguration

    mutating func parse() -> RunConfiguration? {
        guard let root = y.root() else { return nil }
        if root.null != nil, case .scalar = root { return config }  // a file of comments only
        guard let top = y.mapping(root, what: "the configuration", allowed: RunConfiguration.topKeys) else {
            return nil
        }
        config.organisation = text(top["organisation"], "'organisation'")
        if let node = top["period"], let s = text(node, "'period'") {
            config.period = Period(s)
            if config.period == nil {
                y.error("bad_period", "'period' must be a month as YYYY-MM, e.g. 2026-11 (got '\(s)')", at: node.mark)
            }
        }
        if let node = top["inputs"] { inputs(node) }
        if let node = top["teams"] { teams(node) }
        config.submissionsDue = dueDay(top["submissions_due"], "'submissions_due'")
        if let node = top["rules"] { rules(node) }
        if let node = top["thresholds"] { thresholds(node) }
        currency(top)
        if let node = top["output"] { output(node) }
        if let node = top["history"], let s = path(node, "'history'") {
            config.history = RunConfiguration.resolve(s, in: config.folder)
        }
        return config
    }

    // MARK: - Sections

    mutating func inputs(_ node: Node) {
        guard !isNull(node), let m = y.mapping(node, what: "'inputs'", allowed: RunConfiguration.inputKeys) else { return }
        if let refs = m["reference"] {
            config.reference = paths(refs, "'reference' of 'inputs'").map { RunConfiguration.resolve($0, in: config.folder) }
        }
        if let node = m["submissions"], let s = path(node, "'submissions' of 'inputs'") {
            placeholders(s, node)
            config.submissions = s
        }
    }

    mutating func teams(_ node: Node) {
        if isNull(node) { return }
        guard let seq = node.sequence else {
            y.error("type", "'teams' must be a list of teams (- name: ...)", at: node.mark)
            return
        }
        var names: [String: Node] = [:]
        var folders: [String: String] = [:]
        var stems: [String: (id: String, team: String)] = [:]
        for item in seq {
            guard let m = y.mapping(item, what: "a team", allowed: RunConfiguration.teamKeys) else { continue }
            guard let name = y.required(m, "name", in: "the team", at: item.mark) else { continue }
            let what = "team '\(name)'"
            if names[name] != nil {
                y.error("duplicate_team", "two teams are named '\(name)'", at: m["name"]?.mark)
                continue
            }
            names[name] = item
            var team = TeamConfig(name: name)
            if let node = m["path"], let p = path(node, "'path' of \(what)") { team.path = p }
            let folder = RunConfiguration.normalised(team.path)
            if let other = folders[folder] {
                y.error(
                    "duplicate_team", "\(what) reads the folder '\(folder)', which team '\(other)' already reads",
                    at: (m["path"] ?? m["name"])?.mark)
            }
            folders[folder] = name
            team.due = dueDay(m["due"], "'due' of \(what)")
            if let node = m["projects"] { team.projects = strings(node, "'projects' of \(what)") }
            if let node = m["columns"] { team.columns = columns(node, what) }
            if let node = m["mspdi"] {
                team.mspdi = stringMap(node, "'mspdi' of \(what)")
                for (file, id) in team.mspdi.sorted(by: { $0.key < $1.key }) {
                    guard let stem = RunConfiguration.mspdiKeys(file, teamPath: team.path).last else { continue }
                    if let seen = stems[stem], seen.id != id {
                        y.warning(
                            "mspdi_conflict",
                            "MSPDI files named '\(stem)' are mapped to \(seen.id) (team '\(seen.team)') and to \(id) (\(what)); by file name alone the first wins",
                            at: node.mark, hint: "the file's path under the submissions folder decides when the run reads the whole folder")
                    } else if stems[stem] == nil {
                        stems[stem] = (id, name)
                    }
                }
            }
            config.teams.append(team)
        }
    }

    /// `columns: {risks: {their_name: our_name}}`.
    func columns(_ node: Node, _ what: String) -> [String: [String: String]] {
        guard !isNull(node) else { return [:] }
        guard let m = node.mapping else {
            y.error("type", "'columns' of \(what) must map entity names (risks, ...) to column mappings", at: node.mark)
            return [:]
        }
        let entities = Entity.allCases.map(\.rawValue)
        var out: [String: [String: String]] = [:]
        for (k, v) in m {
            guard let name = k.string else { continue }
            guard let entity = Entity(rawValue: name) else {
                let guess = YAMLReader.closest(name, in: entities).map { "did you mean '\($0)'? " } ?? ""
                y.error(
                    "unknown_entity", "'\(name)' in 'columns' of \(what) is not an entity of the submission standard",
                    at: k.mark, hint: guess + "one of: " + entities.joined(separator: ", "))
                continue
            }
            let standard = entity.columnSummaries.map(\.name)
            var map: [String: String] = [:]
            guard let pairs = v.mapping else {
                y.error("type", "'\(name)' in 'columns' of \(what) must map the team's column names to ours", at: v.mark)
                continue
            }
            for (from, to) in pairs {
                guard let fromName = y.string(from, "a column name"), let toName = y.string(to, "'\(fromName)'") else {
                    continue
                }
                guard standard.contains(toName) else {
                    let guess = YAMLReader.closest(toName, in: standard).map { "did you mean '\($0)'? " } ?? ""
                    y.error(
                        "unknown_column", "'\(toName)' is not a column of \(entity.fileName)", at: to.mark,
                        hint: guess + "its columns: " + standard.joined(separator: ", "))
                    continue
                }
                map[fromName] = toName
            }
            out[name] = map
        }
        return out
    }

    mutating func rules(_ node: Node) {
        guard !isNull(node), let m = y.mapping(node, what: "'rules'", allowed: RunConfiguration.ruleKeys) else { return }
        if let node = m["packs"] {
            config.rulePacks = paths(node, "'packs' of 'rules'").map {
                $0 == "default" ? $0 : RunConfiguration.resolve($0, in: config.folder)
            }
        }
        if let node = m["waivers"], let s = path(node, "'waivers' of 'rules'") {
            config.waivers = RunConfiguration.resolve(s, in: config.folder)
        }
    }

    mutating func thresholds(_ node: Node) {
        guard !isNull(node), let m = y.mapping(node, what: "'thresholds'", allowed: RunConfiguration.thresholdKeys)
        else { return }
        var t = config.thresholds
        if let v = count(m["escalation_score"], "'escalation_score'") { t.escalationScore = v }
        if let v = count(m["gate_grace_days"], "'gate_grace_days'") { t.gateGraceDays = v }
        if let v = count(m["stale_after_days"], "'stale_after_days'") { t.staleAfterDays = v }
        if let v = count(m["risk_review_days"], "'risk_review_days'") { t.riskReviewDays = v }
        if let v = count(m["owned_risk_score"], "'owned_risk_score'") { t.ownedRiskScore = v }
        if let v = amount(m["large_budget"], "'large_budget'") { t.largeBudget = v }
        if let node = m["appetite"], !isNull(node) {
            if let pairs = node.mapping {
                let names = RiskCategory.allCases.map(\.rawValue)
                for (k, v) in pairs {
                    guard let name = k.string else { continue }
                    guard let category = RiskCategory(rawValue: name) else {
                        let guess = YAMLReader.closest(name, in: names).map { "did you mean '\($0)'? " } ?? ""
                        y.error(
                            "unknown_risk_category", "'\(name)' is not a risk category", at: k.mark,
                            hint: guess + "one of: " + names.joined(separator: ", "))
                        continue
                    }
                    if let limit = count(v, "the appetite for '\(name)'") { t.appetite[category] = limit }
                }
            } else {
                y.error("type", "'appetite' must map risk categories to exposure limits, e.g. {resource: 300}", at: node.mark)
            }
        }
        if let node = m["rag"], !isNull(node), let r = y.mapping(node, what: "'rag'", allowed: RunConfiguration.ragKeys) {
            let red = amount(r["red_below"], "'red_below'")
            let amber = amount(r["amber_below"], "'amber_below'")
            if let red { t.ragRedBelow = red }
            if let amber { t.ragAmberBelow = amber }
            if (red != nil || amber != nil) && t.ragRedBelow > t.ragAmberBelow {
                y.error(
                    "out_of_range",
                    "'red_below' (\(t.ragRedBelow)) is above 'amber_below' (\(t.ragAmberBelow)): nothing could be Amber",
                    at: (r["red_below"] ?? r["amber_below"])?.mark, hint: "Red must start at or below where Amber starts")
            }
        }
        config.thresholds = t
    }

    mutating func currency(_ top: [String: Node]) {
        if let node = top["currency"], let s = text(node, "'currency'") {
            let code = s.trimmingCharacters(in: .whitespaces).uppercased()
            if code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) {
                config.currency = code
            } else {
                y.error("bad_currency", "'currency' must be a three-letter ISO 4217 code such as GBP (got '\(s)')", at: node.mark)
            }
        }
        guard let node = top["rates"], !isNull(node) else { return }
        guard let pairs = node.mapping else {
            y.error("type", "'rates' must map currency codes to rates, e.g. {EUR: 0.86}", at: node.mark)
            return
        }
        for (k, v) in pairs {
            guard let raw = y.string(k, "a currency code") else { continue }
            let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                y.error("bad_currency", "'\(raw)' in 'rates' is not a three-letter ISO 4217 code", at: k.mark)
                continue
            }
            guard let rate = amount(v, "the rate of \(code)") else { continue }
            if rate == 0 {
                y.error("out_of_range", "the rate of \(code) is 0: every amount would vanish", at: v.mark,
                        hint: "give what one \(code) is worth in the run's currency, e.g. 0.86")
                continue
            }
            config.rates[code] = rate
        }
        if config.currency == nil && !pairs.isEmpty {
            y.error(
                "rates_without_currency", "'rates' is set but 'currency' is not: there is no currency to convert into",
                at: node.mark, hint: "add 'currency: GBP' (the run's currency)")
        }
    }

    mutating func output(_ node: Node) {
        guard !isNull(node), let m = y.mapping(node, what: "'output'", allowed: RunConfiguration.outputKeys) else { return }
        if let node = m["folder"], let s = path(node, "'folder' of 'output'") {
            placeholders(s, node)
            config.outputFolder = s
            if !s.contains("{period}") {
                y.warning(
                    "output_without_period",
                    "the output folder '\(s)' has no {period}: each month's packs would replace the last month's",
                    at: node.mark, hint: "use e.g. 'out/{period}'")
            }
        }
        if let node = m["packs"] {
            let names = strings(node, "'packs' of 'output'")
            let allowed = ["all"] + RunConfiguration.packNames
            let items = node.sequence.map(Array.init) ?? [node]
            var ok: [String] = []
            for (i, name) in names.enumerated() {
                if allowed.contains(name) {
                    ok.append(name)
                    continue
                }
                let guess = YAMLReader.closest(name, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                y.error(
                    "unknown_pack", "'\(name)' is not a pack", at: i < items.count ? items[i].mark : node.mark,
                    hint: guess + "one of: " + allowed.joined(separator: ", "))
            }
            if !names.isEmpty { config.packs = ok }
        }
        if let node = m["formats"] {
            let names = strings(node, "'formats' of 'output'")
            let items = node.sequence.map(Array.init) ?? [node]
            var ok: [String] = []
            for (i, name) in names.enumerated() {
                if RunConfiguration.formatNames.contains(name) {
                    ok.append(name)
                    continue
                }
                let guess = YAMLReader.closest(name, in: RunConfiguration.formatNames).map { "did you mean '\($0)'? " } ?? ""
                y.error(
                    "unknown_format", "'\(name)' is not an output format", at: i < items.count ? items[i].mark : node.mark,
                    hint: guess + "one of: " + RunConfiguration.formatNames.joined(separator: ", "))
            }
            if !names.isEmpty { config.formats = ok }
        }
        if let node = m["templates"], let s = path(node, "'templates' of 'output'") {
            config.templates = RunConfiguration.resolve(s, in: config.folder)
        }
    }

    // MARK: - Values

    /// An empty value (`key:`), `~` or `null`: the same as leaving the key out.
    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let s) = node, s.style == .plain else { return false }
        return node.null != nil
    }

    /// A single text value; nil (after reporting) when it is a list or mapping, nil when empty.
    func text(_ node: Node?, _ what: String) -> String? {
        guard let node, !isNull(node) else { return nil }
        return y.string(node, what)
    }

    /// A path: text that is not empty.
    func path(_ node: Node, _ what: String) -> String? {
        guard let s = text(node, what) else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty {
            y.error("type", "\(what) must be a path", at: node.mark)
            return nil
        }
        return t
    }

    /// A list of text values; a single value is a list of one.
    func strings(_ node: Node, _ what: String) -> [String] {
        if isNull(node) { return [] }
        if case .scalar = node { return y.string(node, what).map { [$0] } ?? [] }
        guard let seq = node.sequence else {
            y.error("type", "\(what) must be a list", at: node.mark)
            return []
        }
        return seq.compactMap { y.string($0, "an item of \(what)") }
    }

    func paths(_ node: Node, _ what: String) -> [String] {
        strings(node, what).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func stringMap(_ node: Node, _ what: String) -> [String: String] {
        if isNull(node) { return [:] }
        guard let pairs = node.mapping else {
            y.error("type", "\(what) must be a mapping", at: node.mark)
            return [:]
        }
        var out: [String: String] = [:]
        for (k, v) in pairs {
            if let key = y.string(k, "a key of \(what)"), let value = y.string(v, "'\(key)' in \(what)") { out[key] = value }
        }
        return out
    }

    /// A whole number, zero or more.
    func count(_ node: Node?, _ what: String) -> Int? {
        guard let node, let s = text(node, what) else { return nil }
        guard let n = Int(s.trimmingCharacters(in: .whitespaces)) else {
            y.error("type", "\(what) must be a whole number (got '\(s)')", at: node.mark)
            return nil
        }
        if n < 0 {
            y.error("negative", "\(what) must be 0 or more (got \(n))", at: node.mark)
            return nil
        }
        // Day counts, scores and limits beyond this are typing slips, and day arithmetic on them
        // would leave the calendar.
        if n > 1_000_000 {
            y.error("out_of_range", "\(what) must be at most 1,000,000 (got \(n))", at: node.mark)
            return nil
        }
        return n
    }

    /// A day of the month, 1 to 31.
    func dueDay(_ node: Node?, _ what: String) -> Int? {
        guard let node, let n = count(node, what) else { return nil }
        guard (1...31).contains(n) else {
            y.error("out_of_range", "\(what) must be a day of the month, 1 to 31 (got \(n))", at: node.mark)
            return nil
        }
        return n
    }

    /// A decimal number, zero or more, read exactly.
    func amount(_ node: Node?, _ what: String) -> Decimal? {
        guard let node, let s = text(node, what) else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        guard t.range(of: "^-?[0-9]+(\\.[0-9]+)?$", options: .regularExpression) != nil,
            let d = Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
        else {
            y.error("type", "\(what) must be a number such as 0.86 (got '\(s)')", at: node.mark)
            return nil
        }
        if d < 0 {
            y.error("negative", "\(what) must be 0 or more (got \(t))", at: node.mark)
            return nil
        }
        return d
    }

    /// Only `{period}` may appear in braces.
    func placeholders(_ pattern: String, _ node: Node) {
        guard let regex = try? NSRegularExpression(pattern: "\\{[^}]*\\}") else { return }
        let ns = pattern as NSString
        for match in regex.matches(in: pattern, range: NSRange(location: 0, length: ns.length)) {
            let found = ns.substring(with: match.range)
            if found != "{period}" {
                y.error(
                    "unknown_placeholder", "'\(found)' in '\(pattern)' is not a placeholder", at: node.mark,
                    hint: "the only placeholder is {period} (the report month, YYYY-MM)")
            }
        }
    }
}
