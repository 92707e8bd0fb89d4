import GovPackIngest
import Foundation
import GovPackCore
import GovPackIngest
import GovPackMetrics
import GovPackStore

/// `run.json`, written beside the packs: what a monthly run read, rejected, missed and produced,
/// for the scheduler and other tools. Keys in a fixed order, lists sorted, no clock: the same
/// inputs give the same bytes. Schema `govpack.run/1` (docs/run-json.md).
enum RunJSON {
    static let schema = "govpack.run/1"

    static func encode(
        plan: MonthlyRun.Plan, status: MonthlyRun.Outcome.Status, teams: [MonthlyRun.TeamOutcome],
        result: Validation.Result, inputs: [MonthlyRun.InputChecksum], outputs: [MonthlyRun.OutputChecksum],
        strayFiles: [String] = []
    ) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string("schema", schema)
        w.string("period", plan.period.description)
        w.string("status", status == .complete ? "complete" : status == .incomplete ? "incomplete" : "failed")
        w.int("exit_code", Int(status.rawValue))
        w.string("govpack_version", plan.version)
        w.string("organisation", plan.organisation)
        w.string("input_digest", digest(inputs))
        w.beginObject("counts")
        w.int("teams_expected", teams.filter { !$0.unexpected }.count)
        w.int("teams_unexpected", teams.filter(\.unexpected).count)
        w.int("teams_submitted", teams.filter { $0.state == .submitted }.count)
        w.int("teams_quarantined", teams.filter { $0.state == .quarantined }.count)
        w.int("teams_missing", teams.filter { $0.state == .missing }.count)
        w.int("files_read", inputs.filter { $0.status == "read" }.count)
        w.int("files_quarantined", inputs.filter { $0.status == "quarantined" }.count)
        w.int("files_rejected", inputs.filter { $0.status == "rejected" }.count)
        w.int("projects", result.load.portfolio.projects.count)
        w.int("projects_not_reported", notReported(teams).count)
        w.int("errors", result.summary.errors)
        w.int("warnings", result.summary.warnings)
        w.int("notes", result.summary.infos)
        w.endObject()
        w.raw("compliance_score", MetricsJSON.ratio(result.metrics.portfolio.complianceScore))
        w.beginArray("teams")
        for t in teams {
            w.beginObject()
            w.string("name", t.name)
            w.string("folder", plan.relative(t.folder))
            w.string("state", t.state.rawValue)
            w.bool("unexpected", t.unexpected)
            w.string("due", t.due?.description)
            w.int("files", t.files.count)
            w.beginArray("projects")
            for p in t.projects { w.string(nil, p) }
            w.endArray()
            w.beginArray("not_sent")
            for p in t.notSent { w.string(nil, p) }
            w.endArray()
            w.beginArray("reasons")
            for r in t.reasons { w.string(nil, r) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.beginArray("not_reported")
        for p in notReported(teams) { w.string(nil, p) }
        w.endArray()
        w.beginArray("stray_files")
        for f in strayFiles { w.string(nil, f) }
        w.endArray()
        w.beginArray("inputs")
        for i in inputs {
            w.beginObject()
            w.string("path", i.path)
            w.string("team", i.team)
            w.string("status", i.status)
            w.int("bytes", i.bytes)
            w.string("sha256", i.sha256)
            w.endObject()
        }
        w.endArray()
        w.beginArray("outputs")
        for f in outputs.sorted(by: { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }) {
            w.beginObject()
            w.string("path", f.path)
            w.int("bytes", f.bytes)
            w.string("sha256", f.sha256)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    /// The projects of teams that were quarantined or sent nothing.
    static func notReported(_ teams: [MonthlyRun.TeamOutcome]) -> [String] {
        Array(Set(teams.filter { $0.state != .submitted }.flatMap(\.projects) + teams.flatMap(\.notSent))).sorted()
    }

    /// One checksum over every input (path, content and state): the history's `input_digest`.
    static func digest(_ inputs: [MonthlyRun.InputChecksum]) -> String {
        InputRecord.digest(inputs.map(MonthlyRun.inputRecord))
    }
}
