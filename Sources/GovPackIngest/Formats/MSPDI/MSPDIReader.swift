import Foundation
import GovPackCore

/// Reads a Microsoft Project XML (MSPDI) export, streaming, into contract rows.
///
/// Mapping (every row is located at the `<Task>` / `<Resource>` / `<Assignment>` it comes from;
/// each field at the element that gave its value):
/// - `projects` (one, at the project summary task, `UID` 0 / `OutlineLevel` 0, else the root):
///   name = `Title`, else the summary task's `Name`, else `Name`; start_date = `StartDate`;
///   forecast_end_date = `FinishDate`; baseline_end_date = the summary task's `Baseline`
///   number 0 `Finish`; budget = baseline 0 `Cost`, else the summary `Cost` (non-zero only);
///   percent_complete = summary `PercentComplete`; currency = `CurrencyCode`; the rest from
///   `MSPDIOptions`. Dates keep their date part (`2026-03-01T08:00:00` → `2026-03-01`).
/// - `milestones`: tasks with `Milestone` = 1 (not the summary, not blank "null" rows):
///   milestone_id = `M-<UID>`, baseline_date = baseline 0 `Finish`, forecast_date = `Finish`,
///   actual_date = `ActualFinish`; status complete when there is an actual finish or 100%,
///   in_progress above 0%, else not_started ("missed" needs the report date: rules decide it).
/// - `financials` (one, for the option period, when the summary task has a non-zero `BCWS`,
///   `BCWP` or `ACWP`): the cumulative-to-date figures as that period's amounts, so cumulative
///   earned value is right as long as the run has no other financials rows for the project;
///   forecast_at_completion = the summary `Cost`.
/// - `assignments` (for the option period): per person, `Work` and `ActualWork` of each work
///   assignment prorated by the calendar days its `Start`-`Finish` span shares with the month
///   (time-phased data is not read). person_id = `MSPDIOptions.personIDs[name]`, else a
///   resource extended attribute whose alias is `person_id`, else the resource `Code`, else the
///   resource `Name`.
/// - `people` only with `emitPeople`.
public enum MSPDIReader {
    public static let namespace = "http://schemas.microsoft.com/project"

    /// Reads an export held in memory. `path` names it in diagnostics and gives the default project id.
    public static func read(
        _ bytes: [UInt8], fileID: UInt32, path: String, options: MSPDIOptions, sink: RowSink,
        diagnostics: DiagnosticSink
    ) {
        let reader = XMLStreamReader(path: path, fileID: fileID, diagnostics: diagnostics)
        let handler = MSPDIHandler(sink: sink, fileID: fileID, path: path, options: options)
        let outcome = bytes.withUnsafeBytes { reader.parse($0, schema: nil, handler: handler) }
        if outcome == .complete { handler.finish(reader) }
    }

    /// Reads the file at `filePath` in chunks.
    public static func read(
        file filePath: String, fileID: UInt32, path: String, options: MSPDIOptions, sink: RowSink,
        diagnostics: DiagnosticSink
    ) {
        let reader = XMLStreamReader(path: path, fileID: fileID, diagnostics: diagnostics)
        let handler = MSPDIHandler(sink: sink, fileID: fileID, path: path, options: options)
        if reader.parse(file: filePath, schema: nil, handler: handler) == .complete { handler.finish(reader) }
    }

    /// The project id a file gets without configuration: its name without folders and extension.
    public static func defaultProjectID(path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `PT8H30M0S` → 8.5 hours; also days (`P1DT2H`, counted as 24 h) and fractions.
    static func hours(_ duration: String) -> Double? {
        var total = 0.0
        var number = ""
        var inTime = false
        var any = false
        for ch in duration.uppercased() {
            switch ch {
            case "P": continue
            case "T": inTime = true
            case "0"..."9", ".": number.append(ch)
            case "D", "H", "M", "S", "W", "Y":
                guard let v = Double(number) else { return nil }
                number = ""
                any = true
                switch (ch, inTime) {
                case ("H", true): total += v
                case ("M", true): total += v / 60
                case ("S", true): total += v / 3600
                case ("D", false): total += v * 24
                case ("W", false): total += v * 24 * 7
                default: return nil
                }
            default: return nil
            }
        }
        return any && number.isEmpty ? total : nil
    }

    /// The date part of an MSPDI date-time.
    static func datePart(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.count > 10, let i = t.firstIndex(of: "T"), t.distance(from: t.startIndex, to: i) == 10 {
            return String(t[..<i])
        }
        return t
    }

    /// A plain decimal with at most two places, without trailing zeros: 8.5, 12, 0.25.
    static func plain(_ v: Double) -> String {
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        var s = String(format: "%.2f", rounded)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

// MARK: - The handler

private final class MSPDIHandler: XMLStreamHandler {
    /// A value with where it was: the line and column of its element.
    struct Value {
        var text: String
        var line: Int
        var column: Int
    }

    /// A `Task`, `Resource` or `Assignment` being read.
    struct Record {
        var line: Int
        var column: Int
        var fields: [String: Value] = [:]
        var baseline0: [String: Value] = [:]
        var extended: [(fieldID: String, value: Value)] = []
        subscript(_ name: String) -> String? { fields[name]?.text }
    }

    struct Resource {
        var name: String?
        var personID: String?
        var isWork: Bool
    }

    let sink: RowSink
    let fileID: UInt32
    let path: String
    let options: MSPDIOptions
    let projectID: String

    private var rootLine = 1
    private var rootColumn = 1
    private var names: [String] = []
    private var text: [UInt8] = []
    private var textDepth = -1
    private var tagLines: [(line: Int, column: Int)] = []

    private var projectFields: [String: Value] = [:]
    private var record: Record?
    private var baseline: [String: Value]?
    private var extendedAttribute: [String: Value]?
    private var projectExtended: [String: Value] = [:]
    private var personFieldIDs: Set<String> = []
    private var projectEmitted = false
    private var summary: Record?
    private var resources: [String: Resource] = [:]
    private var nullTasks: Set<String> = []
    private var hours: [String: (line: Int, column: Int, planned: Double, actual: Double)] = [:]

    init(sink: RowSink, fileID: UInt32, path: String, options: MSPDIOptions) {
        self.sink = sink
        self.fileID = fileID
        self.path = path
        self.options = options
        projectID = options.projectID ?? MSPDIReader.defaultProjectID(path: path)
    }

    // MARK: Events

    func startElement(_ tag: XMLStartTag, reader: XMLStreamReader) {
        let depth = reader.depth
        if depth == 1 {
            guard tag.nameIs("Project"), tag.namespaceIs("http://schemas.microsoft.com/project") else {
                let ns = tag.namespaceURI.map { String(cString: $0) } ?? "no namespace"
                reader.refuse(
                    IngestID.xmlUnknownRoot,
                    "the root element <\(tag.name)> (\(ns)) is not a Microsoft Project export; expected <Project xmlns=\"\(MSPDIReader.namespace)\">",
                    line: tag.line, column: tag.column)
                return
            }
            rootLine = tag.line
            rootColumn = tag.column
            reader.diagnostics.emit(
                IngestID.mspdiNoProjectID, .info,
                options.projectID != nil
                    ? "mapped to project \"\(projectID)\" (from configuration)"
                    : "mapped to project \"\(projectID)\" (the file name; set it in the configuration to choose another)",
                at: reader.location(line: tag.line, column: tag.column, element: "Project"))
        }
        let name = tag.name
        names.append(name)
        tagLines.append((tag.line, tag.column))
        text.removeAll(keepingCapacity: true)
        textDepth = depth
        switch (depth, name) {
        case (3, "Task") where names[1] == "Tasks",
             (3, "Resource") where names[1] == "Resources",
             (3, "Assignment") where names[1] == "Assignments":
            record = Record(line: tag.line, column: tag.column)
        case (3, "ExtendedAttribute") where names[1] == "ExtendedAttributes":
            extendedAttribute = [:]
        case (4, "Baseline") where record != nil:
            baseline = [:]
        case (4, "ExtendedAttribute") where record != nil:
            extendedAttribute = [:]
        default:
            break
        }
    }

    func characters(_ chunk: UnsafeBufferPointer<UInt8>, reader: XMLStreamReader) {
        if textDepth == reader.depth { text.append(contentsOf: chunk) }
    }

    func endElement(reader: XMLStreamReader) {
        let depth = reader.depth
        let name = names.removeLast()
        let at = tagLines.removeLast()
        let leaf = textDepth == depth
        textDepth = -1
        let value = leaf
            ? Value(text: String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines), line: at.line, column: at.column)
            : nil
        let section = names.count > 1 ? names[1] : ""

        switch depth {
        case 2:
            if let value { projectFields[name] = value }
            if name == "Tasks" { emitProject(reader) }
            if name == "Assignments" { emitAssignments(reader) }
        case 3:
            if section == "ExtendedAttributes", name == "ExtendedAttribute", let ea = extendedAttribute {
                if ea["Alias"]?.text.lowercased() == "person_id", let id = ea["FieldID"]?.text { personFieldIDs.insert(id) }
                extendedAttribute = nil
            } else if let r = record {
                record = nil
                switch section {
                case "Tasks": endTask(r, reader)
                case "Resources": endResource(r)
                case "Assignments": endAssignment(r)
                default: break
                }
            }
        case 4:
            if name == "Baseline", let b = baseline {
                if b["Number"]?.text == "0" { record?.baseline0 = b }
                baseline = nil
            } else if name == "ExtendedAttribute", let ea = extendedAttribute {
                if let id = ea["FieldID"]?.text, let v = ea["Value"] { record?.extended.append((id, v)) }
                extendedAttribute = nil
            } else if let value {
                record?.fields[name] = value
            }
        case 5:
            if let value {
                if baseline != nil, names.last == "Baseline" { baseline?[name] = value }
                if extendedAttribute != nil, names.last == "ExtendedAttribute" { extendedAttribute?[name] = value }
            }
        default:
            break
        }
        if depth == 4, section == "ExtendedAttributes", let value, extendedAttribute != nil {
            extendedAttribute?[name] = value
        }
    }

    /// After the whole document: the project row when the export had no tasks.
    func finish(_ reader: XMLStreamReader) {
        emitProject(reader)
    }

    // MARK: Tasks

    private func endTask(_ t: Record, _ reader: XMLStreamReader) {
        guard let uid = t["UID"] else { return }
        if t["IsNull"] == "1" {
            nullTasks.insert(uid)
            return
        }
        if uid == "0" || t["OutlineLevel"] == "0" {
            summary = t
            emitProject(reader)
            return
        }
        guard t["Milestone"] == "1" else { return }
        begin(.milestones, t.line, t.column)
        put(.milestones, "project_id", projectID, t.line, 0)
        put(.milestones, "milestone_id", "M-" + uid, t.fields["UID"])
        put(.milestones, "name", t.fields["Name"])
        put(.milestones, "baseline_date", date(t.baseline0["Finish"]))
        put(.milestones, "forecast_date", date(t.fields["Finish"]))
        put(.milestones, "actual_date", date(t.fields["ActualFinish"]))
        let percent = t["PercentComplete"].flatMap(Double.init) ?? 0
        let status = t["ActualFinish"]?.isEmpty == false || percent >= 100
            ? "complete" : percent > 0 ? "in_progress" : "not_started"
        put(.milestones, "status", status, t.fields["PercentComplete"]?.line ?? t.line, 0)
        sink.endRow()
    }

    private func emitProject(_ reader: XMLStreamReader) {
        guard !projectEmitted else { return }
        projectEmitted = true
        let s = summary
        let line = s?.line ?? rootLine
        let column = s?.column ?? rootColumn
        let p = projectFields
        begin(.projects, line, column)
        put(.projects, "project_id", projectID, line, 0)
        put(.projects, "name", nonEmpty(p["Title"]) ?? nonEmpty(s?.fields["Name"]) ?? nonEmpty(p["Name"]))
        if let program = options.programID { put(.projects, "program_id", program, line, 0) }
        let percent = s?.fields["PercentComplete"]
        put(.projects, "stage", options.stage ?? stage(percent.flatMap { Double($0.text) }), line, 0)
        put(.projects, "start_date", date(p["StartDate"] ?? s?.fields["Start"]))
        put(.projects, "baseline_end_date", date(s?.baseline0["Finish"]))
        put(.projects, "forecast_end_date", date(p["FinishDate"] ?? s?.fields["Finish"]))
        if let budget = options.budget {
            put(.projects, "budget", budget, line, 0)
        } else {
            put(.projects, "budget", money(s?.baseline0["Cost"], nonZero: true) ?? money(s?.fields["Cost"], nonZero: true))
        }
        put(.projects, "currency", p["CurrencyCode"])
        if let rag = options.ragOverall { put(.projects, "rag_overall", rag, line, 0) }
        put(.projects, "percent_complete", percent)
        if let updated = options.lastUpdated {
            put(.projects, "last_updated", updated, line, 0)
        } else {
            put(.projects, "last_updated", date(p["StatusDate"] ?? p["LastSaved"] ?? p["CreationDate"]))
        }
        sink.endRow()
        emitFinancials(s, reader)
    }

    private func emitFinancials(_ s: Record?, _ reader: XMLStreamReader) {
        guard let s else { return }
        let figures = ["BCWS", "BCWP", "ACWP"].map { s.fields[$0] }
        guard figures.contains(where: { ($0.flatMap { Double($0.text) } ?? 0) != 0 }) else { return }
        guard let period = options.period else {
            reader.diagnostics.emit(
                IngestID.mspdiSkipped, .info,
                "earned-value figures (BCWS, BCWP, ACWP) were not mapped: no report period was given",
                at: reader.location(line: s.line, column: s.column, element: "Task"))
            return
        }
        begin(.financials, s.line, s.column)
        put(.financials, "project_id", projectID, s.line, 0)
        put(.financials, "period", period, s.line, 0)
        put(.financials, "planned_value", money(figures[0], nonZero: false))
        put(.financials, "earned_value", money(figures[1], nonZero: false))
        put(.financials, "actual_cost", money(figures[2], nonZero: false))
        put(.financials, "forecast_at_completion", money(s.fields["Cost"], nonZero: true))
        sink.endRow()
    }

    // MARK: Resources and assignments

    private func endResource(_ r: Record) {
        guard let uid = r["UID"], r["IsNull"] != "1" else { return }
        let name = nonEmpty(r.fields["Name"])
        var personID = name.flatMap { options.personIDs[$0.text] }
        if personID == nil, let ea = r.extended.first(where: { personFieldIDs.contains($0.fieldID) }) {
            personID = ea.value.text.isEmpty ? nil : ea.value.text
        }
        // Project's resource "Code" field is where PMOs usually keep the HR or person id.
        if personID == nil, let code = nonEmpty(r.fields["Code"]) { personID = code.text }
        let isWork = (r["Type"] ?? "1") == "1"
        resources[uid] = Resource(name: name?.text, personID: personID ?? name?.text, isWork: isWork)
        guard options.emitPeople, isWork, let id = personID ?? name?.text else { return }
        begin(.people, r.line, r.column)
        put(.people, "person_id", id, r.line, 0)
        put(.people, "name", name)
        sink.endRow()
    }

    private func endAssignment(_ a: Record) {
        guard let period = options.period.flatMap(Period.init), let task = a["TaskUID"], task != "0",
            !nullTasks.contains(task), let resource = a["ResourceUID"].flatMap({ resources[$0] }),
            resource.isWork, let person = resource.personID
        else { return }
        let share = overlap(a, period)
        guard share > 0 else { return }
        let planned = (a["Work"].flatMap(MSPDIReader.hours) ?? 0) * share
        let actual = (a["ActualWork"].flatMap(MSPDIReader.hours) ?? 0) * share
        var entry = hours[person] ?? (a.line, a.column, 0, 0)
        entry.planned += planned
        entry.actual += actual
        hours[person] = entry
    }

    private func emitAssignments(_ reader: XMLStreamReader) {
        guard options.period != nil else {
            if !hours.isEmpty || !resources.isEmpty {
                reader.diagnostics.emit(
                    IngestID.mspdiSkipped, .info, "assignments were not mapped: no report period was given",
                    at: reader.location(line: rootLine, column: rootColumn, element: "Project"))
            }
            return
        }
        for (person, h) in hours.sorted(by: { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) }) {
            begin(.assignments, h.line, h.column)
            put(.assignments, "project_id", projectID, h.line, 0)
            put(.assignments, "person_id", person, h.line, 0)
            put(.assignments, "period", options.period ?? "", h.line, 0)
            put(.assignments, "planned_hours", MSPDIReader.plain(h.planned), h.line, 0)
            put(.assignments, "actual_hours", MSPDIReader.plain(h.actual), h.line, 0)
            sink.endRow()
        }
        hours = [:]
    }

    /// The share of an assignment's calendar days that fall in `period` (1 when it has no dates).
    private func overlap(_ a: Record, _ period: Period) -> Double {
        guard let start = a["Start"].map(MSPDIReader.datePart).flatMap(Day.init),
            let finish = a["Finish"].map(MSPDIReader.datePart).flatMap(Day.init), start <= finish
        else { return 1 }
        let from = max(start, period.start)
        let to = min(finish, period.end)
        guard from <= to else { return 0 }
        return Double(from.days(to: to) + 1) / Double(start.days(to: finish) + 1)
    }

    // MARK: Helpers

    private func stage(_ percent: Double?) -> String {
        switch percent {
        case 0?: "planning"
        case let p? where p >= 100: "closing"
        default: "execution"
        }
    }

    private func nonEmpty(_ v: Value?) -> Value? {
        guard let v, !v.text.isEmpty else { return nil }
        return v
    }

    private func date(_ v: Value?) -> Value? {
        guard var v = nonEmpty(v) else { return nil }
        v.text = MSPDIReader.datePart(v.text)
        return v
    }

    private func money(_ v: Value?, nonZero: Bool) -> Value? {
        guard var v = nonEmpty(v), let d = Double(v.text) else { return nil }
        if nonZero, d == 0 { return nil }
        v.text = MSPDIReader.plain(d / options.currencyDivisor)
        return v
    }

    private func begin(_ entity: Entity, _ line: Int, _ column: Int) {
        sink.beginRow(entity, file: fileID, line: line, column: column)
    }

    private func put(_ entity: Entity, _ column: String, _ value: Value?) {
        guard let value else { return }
        put(entity, column, value.text, value.line, value.column)
    }

    private func put(_ entity: Entity, _ column: String, _ text: String, _ at: Value?) {
        put(entity, column, text, at?.line ?? 0, at?.column ?? 0)
    }

    private func put(_ entity: Entity, _ column: String, _ text: String, _ line: Int, _ col: Int) {
        sink.field(slot: sink.slot(for: entity, named: column), string: text, line: line, column: col)
    }
}
