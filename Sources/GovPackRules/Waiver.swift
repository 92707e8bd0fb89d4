import Foundation
import GovPackCore

/// An approved exception to a rule.
public struct Waiver: Sendable, Hashable {
    public var rule: String
    public var project: String?
    /// A row key (e.g. a risk id, or `PRJ-1 / R-3`); nil waives the rule for the whole project.
    public var key: String?
    public var reason: String
    public var approvedBy: String
    public var expires: Day
    public var location: SourceLocation
}

/// Reads a waivers file: `waivers:` then a list of `{rule, project, key, reason, approved_by, expires}`.
public enum WaiverLoader {
    static let keys = ["rule", "project", "key", "reason", "approved_by", "expires"]

    public static func load(path: String, diagnostics: DiagnosticSink) -> [Waiver] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            diagnostics.emit(
                "rules.waiver.unreadable", .error, "cannot read the waivers file", at: SourceLocation(file: path))
            return []
        }
        return parse(text, path: path, diagnostics: diagnostics)
    }

    public static func parse(_ text: String, path: String, diagnostics: DiagnosticSink) -> [Waiver] {
        let y = YAMLReader(path: path, source: text, diagnostics: diagnostics, idPrefix: "rules.waiver")
        guard let root = y.root(), let top = y.mapping(root, what: "the waivers file", allowed: ["waivers"]) else {
            return []
        }
        guard let list = top["waivers"]?.sequence else {
            y.error("type", "'waivers' must be a list", at: top["waivers"]?.mark ?? root.mark)
            return []
        }
        var out: [Waiver] = []
        for node in list {
            guard let m = y.mapping(node, what: "a waiver", allowed: keys) else { continue }
            let rule = y.required(m, "rule", in: "the waiver", at: node.mark)
            let reason = y.required(m, "reason", in: "the waiver", at: node.mark)
            let approvedBy = y.required(m, "approved_by", in: "the waiver", at: node.mark)
            let expiresText = y.required(m, "expires", in: "the waiver", at: node.mark)
            let expires = expiresText.flatMap(Day.init)
            if expiresText != nil && expires == nil {
                y.error("type", "'expires' must be a date as YYYY-MM-DD", at: m["expires"]?.mark)
            }
            guard let rule, let reason, let approvedBy, let expires else { continue }
            out.append(Waiver(
                rule: rule.hasPrefix("rule.") ? String(rule.dropFirst(5)) : rule,
                project: y.string(m["project"], "'project'"), key: y.string(m["key"], "'key'"), reason: reason,
                approvedBy: approvedBy, expires: expires, location: y.location(node.mark)))
        }
        return out
    }
}

/// Finds the waiver that covers a failure, and remembers which were used.
/// Rules run in parallel, so the record of use is kept under a lock.
final class WaiverMatcher: @unchecked Sendable {
    let waivers: [Waiver]
    let period: Period
    private var used: Set<Int> = []
    private var expiredHits: Set<Int> = []
    private let lock = NSLock()

    init(waivers: [Waiver], period: Period) {
        self.waivers = waivers
        self.period = period
    }

    /// A current waiver for this failure; an expired one that would match is remembered and
    /// reported, and does not waive.
    func match(rule: String, projectID: String?, rowKey: String) -> Waiver? {
        // Every failure asks, from every core: without waivers there is nothing to lock for.
        if waivers.isEmpty { return nil }
        lock.lock()
        defer { lock.unlock() }
        for (i, w) in waivers.enumerated() where w.rule == rule {
            if let p = w.project, p != projectID { continue }
            if let k = w.key {
                let parts = rowKey.components(separatedBy: " / ")
                if k != rowKey && !parts.contains(k) { continue }
            }
            if w.expires < period.end {
                expiredHits.insert(i)
                continue
            }
            used.insert(i)
            return w
        }
        return nil
    }

    func reportExpiredAndUnused(diagnostics: DiagnosticSink) {
        for (i, w) in waivers.enumerated() {
            if w.expires < period.end {
                diagnostics.emit(
                    "rules.waiver.expired", .warning,
                    "the waiver of '\(w.rule)'\(w.project.map { " for \($0)" } ?? "") expired on \(w.expires)"
                        + (expiredHits.contains(i) ? "; the failure it covered is reported again" : ""),
                    at: w.location, hint: "renew the waiver with a new approval, or fix the underlying issue",
                    projectID: w.project)
            } else if !used.contains(i) {
                diagnostics.emit(
                    "rules.waiver.unused", .info,
                    "the waiver of '\(w.rule)'\(w.project.map { " for \($0)" } ?? "") matched no failure this period",
                    at: w.location, hint: "remove it if the exception is no longer needed", projectID: w.project)
            }
        }
    }
}
