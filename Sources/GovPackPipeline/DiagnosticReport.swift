import Foundation
import GovPackCore

/// The faces of a diagnostic list: compiler-style text and JSON.
public enum DiagnosticReport {
    /// Text like a compiler's, grouped by project (findings without a project first), then a
    /// summary line.
    public static func text(
        _ diagnostics: [Diagnostic], summary: RunSummary, showInfo: Bool = true,
        compliance: [(project: String, score: Double?, errors: Int, warnings: Int)] = []
    ) -> String {
        var out = ""
        let shown = diagnostics.filter { showInfo || $0.severity != .info }
        var groups: [String?: [Diagnostic]] = [:]
        for d in shown { groups[d.projectID, default: []].append(d) }
        let keys = groups.keys.sorted { ($0 ?? "") < ($1 ?? "") }
        for key in keys {
            if let key, keys.count > 1 { out += "\n== project \(key)\n" }
            for d in groups[key] ?? [] { out += d.formatted + "\n" }
        }
        if !compliance.isEmpty {
            out += "\nCompliance (100 x (1 - failed / applicable error-rule checks)), lowest first:\n"
            let ranked = compliance.sorted {
                ($0.score ?? 101, -$0.warnings, $0.project) < ($1.score ?? 101, -$1.warnings, $1.project)
            }
            // A whole portfolio has thousands of projects: show those below 100% and a few more.
            let below = ranked.filter { ($0.score ?? 100) < 100 || $0.warnings > 0 }.count
            let shown = ranked.prefix(max(below, min(ranked.count, 10)))
            for c in shown {
                let score = c.score.map { String(format: "%5.1f%%", $0) } ?? "    –  "
                out += "  \(c.project.padding(toLength: max(12, c.project.count), withPad: " ", startingAt: 0)) \(score)"
                out += "  \(c.errors) error\(c.errors == 1 ? "" : "s"), \(c.warnings) warning\(c.warnings == 1 ? "" : "s")\n"
            }
            if ranked.count > shown.count {
                out += "  ... and \(ranked.count - shown.count) more project\(ranked.count - shown.count == 1 ? "" : "s") at 100% with no warnings (or no error rule applied)\n"
            }
            out += "\n"
        }
        let hidden = diagnostics.count - shown.count
        out += summary.line
        if hidden > 0 { out += " (\(hidden) note\(hidden == 1 ? "" : "s") hidden; --verbose shows them)" }
        return terminalSafe(out) + "\n"
    }

    /// The text with control characters other than line feed and tab spelled out (`\u{1B}`):
    /// messages quote input values, and an escape sequence in a value could recolour, retitle or
    /// rewrite the terminal of whoever reads the report.
    public static func terminalSafe(_ s: String) -> String {
        func isControl(_ u: Unicode.Scalar) -> Bool {
            (u.value < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(u.value)
        }
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isControl(u) {
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// `govpack.diagnostics/1`: the same list for scripts.
    public static func json(_ diagnostics: [Diagnostic], summary: RunSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("schema", "govpack.diagnostics/1")
        w.beginObject("summary")
        w.int("files", summary.files)
        w.int("rejected_files", summary.rejectedFiles)
        w.int("projects", summary.projects)
        w.int("errors", summary.errors)
        w.int("warnings", summary.warnings)
        w.int("info", summary.infos)
        w.endObject()
        w.beginArray("diagnostics")
        for d in diagnostics {
            w.beginObject()
            w.string("id", d.id)
            w.string("severity", d.severity.rawValue)
            w.string("message", d.message)
            w.string("file", d.location?.file)
            w.int("line", d.location.map(\.line))
            w.int("column", d.location.map(\.column))
            if let e = d.location?.element { w.string("element", e) }
            w.string("project_id", d.projectID)
            if let h = d.hint { w.string("hint", h) }
            if !d.related.isEmpty {
                w.beginArray("related")
                for r in d.related {
                    w.beginObject()
                    w.string("file", r.file)
                    w.int("line", r.line)
                    w.int("column", r.column)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}

/// Counts for the closing line of a run.
public struct RunSummary: Sendable {
    public var files: Int
    public var rejectedFiles: Int
    public var projects: Int
    public var errors: Int
    public var warnings: Int
    public var infos: Int

    public init(files: Int, rejectedFiles: Int, projects: Int, errors: Int, warnings: Int, infos: Int) {
        self.files = files
        self.rejectedFiles = rejectedFiles
        self.projects = projects
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    public var line: String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        var s = "\(n(errors, "error")), \(n(warnings, "warning")), \(n(infos, "note")) in \(n(files, "file"))"
        s += " (\(n(projects, "project"))"
        if rejectedFiles > 0 { s += ", \(rejectedFiles) rejected" }
        return s + ")"
    }
}
