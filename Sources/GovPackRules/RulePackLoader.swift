import Foundation
import GovPackCore
import Yams

/// Loads rule packs strictly: unknown keys, wrong types, unknown roles or scopes and CEL errors
/// (including misspelt field names) are errors with file, line and column, and a rule that does
/// not load is left out of the run.
public enum RulePackLoader {
    static let packKeys = ["pack", "title", "description", "rules"]
    static let ruleKeys = [
        "id", "title", "role", "scope", "when", "assert", "severity", "message", "rationale", "examples",
    ]
    static let exampleKeys = ["pass", "fail"]

    /// The shipped "PMO standard" pack.
    public static var defaultPackURL: URL? {
        Bundle.module.url(forResource: "pmo-standard", withExtension: "yaml", subdirectory: "Packs")
    }

    public static func loadDefault(diagnostics: DiagnosticSink) -> RulePack? {
        guard let url = defaultPackURL else {
            diagnostics.emit("rules.pack.missing", .error, "the default rule pack is missing from this build", at: nil)
            return nil
        }
        return load(path: url.path, displayPath: "pmo-standard.yaml", diagnostics: diagnostics)
    }

    public static func load(path: String, displayPath: String? = nil, diagnostics: DiagnosticSink) -> RulePack? {
        let shown = displayPath ?? path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            diagnostics.emit(
                "rules.pack.unreadable", .error, "cannot read the rule pack (missing, unreadable or not UTF-8)",
                at: SourceLocation(file: shown))
            return nil
        }
        return parse(text, path: shown, diagnostics: diagnostics)
    }

    /// The source text of each pack parsed, for caret displays of expression errors.
    public static func parse(_ text: String, path: String, diagnostics: DiagnosticSink) -> RulePack? {
        let y = YAMLReader(path: path, source: text, diagnostics: diagnostics, idPrefix: "rules.pack")
        guard let root = y.root(), let top = y.mapping(root, what: "the rule pack", allowed: packKeys) else {
            return nil
        }
        let id = y.string(top["pack"], "'pack'") ?? (path as NSString).lastPathComponent
        let title = y.string(top["title"], "'title'") ?? id
        guard let rulesNode = top["rules"] else {
            y.error("missing_key", "the rule pack has no 'rules' list", at: root.mark)
            return nil
        }
        guard let seq = rulesNode.sequence else {
            y.error("type", "'rules' must be a list of rules", at: rulesNode.mark)
            return nil
        }
        var rules: [Rule] = []
        var seen: [String: SourceLocation] = [:]
        for node in seq {
            guard let rule = parseRule(node, y) else { continue }
            if let first = seen[rule.id] {
                diagnostics.emit(
                    "rules.pack.duplicate_rule", .error, "rule id '\(rule.id)' is used twice; the second rule is left out",
                    at: rule.location, related: [first])
                continue
            }
            seen[rule.id] = rule.location
            rules.append(rule)
        }
        return RulePack(id: id, title: title, path: path, rules: rules, source: text)
    }

    static func parseRule(_ node: Node, _ y: YAMLReader) -> Rule? {
        guard let m = y.mapping(node, what: "a rule", allowed: ruleKeys) else { return nil }
        let mark = node.mark
        let errorsBefore = y.diagnostics.count(.error)
        let id = y.required(m, "id", in: "the rule", at: mark)
        let what = "rule '\(id ?? "?")'"
        let title = y.required(m, "title", in: what, at: mark)
        let roleText = y.required(m, "role", in: what, at: mark)
        let scopeText = y.required(m, "scope", in: what, at: mark)
        let assert = y.required(m, "assert", in: what, at: mark)
        let message = y.required(m, "message", in: what, at: mark)
        let severityText = y.required(m, "severity", in: what, at: mark)

        var role: PMORole?
        if let roleText {
            role = PMORole(rawValue: roleText)
            if role == nil {
                y.error(
                    "unknown_role", "'\(roleText)' is not a PMO role", at: m["role"]?.mark,
                    hint: "one of: " + PMORole.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }
        var scope: RuleScope?
        if let scopeText {
            scope = RuleScope(name: scopeText)
            if scope == nil {
                y.error(
                    "unknown_scope", "'\(scopeText)' is not a scope", at: m["scope"]?.mark,
                    hint: "one of: " + RuleScope.allNames.joined(separator: ", "))
            }
        }
        var severity: Severity?
        if let severityText {
            severity = Severity(rawValue: severityText)
            if severity == nil {
                y.error("type", "severity must be error, warning or info (got '\(severityText)')", at: m["severity"]?.mark)
            }
        }
        if let id, id.range(of: "^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$", options: .regularExpression) == nil {
            y.error(
                "bad_id", "rule id '\(id)' must be lower-case words joined by '.' or '_' (e.g. risk.owner_missing)",
                at: m["id"]?.mark)
        }
        var pass: [RuleExample] = []
        var fail: [RuleExample] = []
        if let ex = m["examples"], let em = y.mapping(ex, what: "the examples of \(what)", allowed: exampleKeys) {
            pass = examples(em["pass"], y, what)
            fail = examples(em["fail"], y, what)
        }
        guard y.diagnostics.count(.error) == errorsBefore, let id, let title, let role, let scope, let assert,
            let message, let severity
        else { return nil }
        var origins: [String: SourceLocation] = [:]
        for key in ["when", "assert", "message"] {
            if let n = m[key], let o = y.textOrigin(of: n) {
                origins[key] = SourceLocation(file: y.path, line: o.line, column: o.column)
            }
        }
        return Rule(
            id: id, title: title, role: role, scope: scope, when: y.string(m["when"], "'when'"), assert: assert,
            severity: severity, message: message, rationale: y.string(m["rationale"], "'rationale'"),
            passExamples: pass, failExamples: fail, location: y.location(mark), textOrigins: origins)
    }

    static func examples(_ node: Node?, _ y: YAMLReader, _ what: String) -> [RuleExample] {
        guard let node else { return [] }
        guard let seq = node.sequence else {
            y.error("type", "examples of \(what) must be a list", at: node.mark)
            return []
        }
        var out: [RuleExample] = []
        for item in seq {
            guard let m = item.mapping else {
                y.error("type", "an example of \(what) must be a mapping of entity names to rows", at: item.mark)
                continue
            }
            var rows: [String: [[String: String]]] = [:]
            var figures: [String: String] = [:]
            var period: String?
            for (k, v) in m {
                guard let key = k.string else { continue }
                switch key {
                case "period":
                    period = y.string(v, "'period'")
                case "figures":
                    figures = scalarMap(v, y, "'figures'")
                default:
                    guard Entity(xmlElement: key) != nil || Entity(rawValue: key) != nil else {
                        y.error(
                            "unknown_key", "'\(key)' in an example of \(what) is not an entity", at: k.mark,
                            hint: "use an entity name such as project, risks, milestones, people")
                        continue
                    }
                    if let s = v.sequence {
                        rows[key] = s.map { scalarMap($0, y, "a row of '\(key)'") }
                    } else {
                        rows[key] = [scalarMap(v, y, "'\(key)'")]
                    }
                }
            }
            out.append(RuleExample(rows: rows, figures: figures, period: period, location: y.location(item.mark)))
        }
        return out
    }

    static func scalarMap(_ node: Node, _ y: YAMLReader, _ what: String) -> [String: String] {
        guard let m = node.mapping else {
            y.error("type", "\(what) must be a mapping of column names to values", at: node.mark)
            return [:]
        }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard let key = k.string else { continue }
            if case .scalar(let s) = v {
                out[key] = s.string
            } else {
                y.error("type", "'\(key)' in \(what) must be a single value", at: v.mark)
            }
        }
        return out
    }
}
