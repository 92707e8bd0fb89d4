import GovPackMetrics
import GovPackIngest
import Foundation
import GovPackCore
import GovPackIngest
import GovPackMetrics

extension MonthlyRun.Outcome {
    /// The summary printed at the end of a run: what was read, rejected, missing and produced,
    /// and how long it took, ending with what the exit code means.
    public func summaryText(plan: MonthlyRun.Plan, history: String?, listTeams: Bool = false) -> String {
        var lines: [String] = []
        let submitted = teams.filter { $0.state == .submitted }
        let quarantined = teams.filter { $0.state == .quarantined }
        let missing = teams.filter { $0.state == .missing }
        let expectedTeams = teams.filter { !$0.unexpected }
        lines.append("govpack run for \(period): \(expectedTeams.filter { $0.state == .submitted }.count) of \(expectedTeams.count) team\(expectedTeams.count == 1 ? "" : "s") submitted")
        if let v = validation {
            let read = inputs.filter { $0.status == "read" }.count
            lines.append("  read        \(read) file\(read == 1 ? "" : "s"), \(v.load.portfolio.projects.count) projects")
            let s = v.summary
            var findings = "\(s.errors) error\(s.errors == 1 ? "" : "s"), \(s.warnings) warning\(s.warnings == 1 ? "" : "s")"
            if let c = v.metrics.portfolio.complianceScore { findings += String(format: "; compliance %.1f%%", c) }
            lines.append("  findings    " + findings + " (findings.json and the compliance pack list them)")
        }
        if listTeams {
            for t in submitted {
                lines.append("  submitted   \(t.name): \(t.files.count) file\(t.files.count == 1 ? "" : "s"), \(t.projects.count) project\(t.projects.count == 1 ? "" : "s")")
            }
        }
        for t in quarantined {
            let projects = t.projects.isEmpty ? "its projects are not known to this run (list them under the team in the configuration)"
                : "\(t.projects.count) project\(t.projects.count == 1 ? "" : "s") shown as not reported"
            lines.append("  quarantined \(t.name): left out of the metrics; " + projects)
            for r in t.reasons.prefix(3) { lines.append("                \(r)") }
            if t.reasons.count > 3 { lines.append("                ... and \(t.reasons.count - 3) more (run.json lists them)") }
        }
        for t in teams where !t.notSent.isEmpty {
            let ids = t.notSent.prefix(6).joined(separator: ", ") + (t.notSent.count > 6 ? " and \(t.notSent.count - 6) more" : "")
            lines.append("  not sent    \(t.name): \(ids) expected (configuration or last period) but in no submission; shown as not reported")
        }
        for t in teams where t.unexpected {
            lines.append("  unexpected  \(t.name): a folder no team in the configuration names; read as a team (add it to 'teams:' or fix its name)")
        }
        if !strayFiles.isEmpty {
            let names = strayFiles.prefix(3).map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
            lines.append("  not read    \(strayFiles.count) file\(strayFiles.count == 1 ? "" : "s") directly in \(plan.submissionsFolder) (\(names)\(strayFiles.count > 3 ? ", ..." : "")): put each in its team's folder")
        }
        for f in referenceRejected {
            lines.append("  reference   \(f) could not be read (findings.json says why); the checks that need it were skipped")
        }
        for t in missing {
            let due = t.due.map { " (due \($0))" } ?? ""
            let projects = t.projects.isEmpty ? "its projects are not known to this run (list them under the team in the configuration)" : "\(t.projects.count) project\(t.projects.count == 1 ? "" : "s") shown as not reported"
            lines.append("  missing     \(t.name)\(due): nothing in \(t.folder); \(projects)")
        }
        if let failure {
            lines.append("  FAILED      \(failure)")
            if !published {
                lines.append(FileManager.default.fileExists(atPath: plan.outputFolder)
                    ? "  nothing was published; the previous output in \(plan.outputFolder) is as it was"
                    : "  nothing was published")
            }
        } else {
            let formats = plan.formats.map(\.rawValue).joined(separator: ", ")
            lines.append("  produced    \(files.count) files in \(plan.outputFolder) (\(formats); run.json, metrics.json, findings.json)")
            if let first = plan.formats.first {
                lines.append("              open \(plan.outputFolder)/\(first.rawValue)/index.\(first == .md ? "md" : first.rawValue)")
            }
            if let history { lines.append("  history     \(history)") }
        }
        lines.append(String(format: "  took        %.2f s", seconds))
        switch status {
        case .complete: lines.append("exit 0: complete")
        case .incomplete:
            var parts: [String] = []
            if !quarantined.isEmpty { parts.append("\(quarantined.count) submission\(quarantined.count == 1 ? "" : "s") quarantined") }
            if !missing.isEmpty { parts.append("\(missing.count) team\(missing.count == 1 ? "" : "s") missing") }
            let notSent = teams.reduce(0) { $0 + $1.notSent.count }
            if notSent > 0 { parts.append("\(notSent) expected project\(notSent == 1 ? "" : "s") not sent") }
            let unexpected = teams.filter(\.unexpected).count
            if unexpected > 0 { parts.append("\(unexpected) unexpected folder\(unexpected == 1 ? "" : "s")") }
            if !strayFiles.isEmpty { parts.append("files outside the team folders") }
            if !referenceRejected.isEmpty { parts.append("unreadable reference data") }
            lines.append("exit 1: complete, with " + parts.joined(separator: " and "))
        case .failed: lines.append("exit 2: the run failed")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
