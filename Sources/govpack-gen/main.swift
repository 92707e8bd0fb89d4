// govpack-gen: writes a synthetic portfolio in the PMO submission format (submission-format.md),
// sized like a large enterprise, for load tests and demos. Deterministic by seed: its own
// SplitMix64, no clock, no hashing of unordered collections. Foundation only.
//
// Output bytes are appended to per-file byte buffers (no per-field String building) and each file
// is written once, so 20,000 projects take seconds.

import Foundation
import GovPackCore

// MARK: - Arguments

let usage = """
    usage: govpack-gen --projects N --out DIR [--seed S] [--xml-share F] [--period YYYY-MM]

    Writes a valid synthetic portfolio in the PMO submission format:
      DIR/reference/{programs,people,certifications}.csv
      DIR/teams/team-NNNN/<entity>.csv        (about 6 projects per team)
      DIR/teams/team-NNNN/submission.xml      (for a share of the teams, urn:govpack:submission:1)

    Per project: about 12 months of financials, 8 milestones, 6 gates (G0-G5), 10 risks, 5 issues,
    165 assignment rows (15 people x 11 periods), 3 benefits with measurements, change impacts,
    lessons for closing/closed projects, and a dependency on another project for about half.
    People are about N/2. The same arguments always give the same bytes.

    options:
      --projects N     number of projects (required, >= 1)
      --out DIR        output folder (created; existing files with the same names are replaced)
      --seed S         unsigned 64-bit seed (default 1)
      --xml-share F    share of teams that submit XML instead of CSV, 0-1 (default 0.1)
      --period P       report period YYYY-MM (default 2026-11)
      --help           this text

    Prints one summary line: files, bytes, rows, seconds.
    """

struct Options {
    var projects = 0
    var out = ""
    var seed: UInt64 = 1
    var xmlShare = 0.1
    var period = MonthIndex(year: 2026, month: 11)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("govpack-gen: " + message + "\n\n" + usage + "\n").utf8))
    exit(64)
}

func parseOptions(_ args: [String]) -> Options {
    var o = Options()
    var i = 0
    func value() -> String {
        i += 1
        guard i < args.count else { fail("\(args[i - 1]) needs a value") }
        return args[i]
    }
    while i < args.count {
        switch args[i] {
        case "--help", "-h":
            print(usage)
            exit(0)
        case "--projects":
            guard let n = Int(value()), n >= 1 else { fail("--projects must be a whole number >= 1") }
            o.projects = n
        case "--out": o.out = value()
        case "--seed":
            guard let s = UInt64(value()) else { fail("--seed must be an unsigned whole number") }
            o.seed = s
        case "--xml-share":
            guard let f = Double(value()), (0...1).contains(f) else { fail("--xml-share must be between 0 and 1") }
            o.xmlShare = f
        case "--period":
            let v = value()
            let parts = v.split(separator: "-")
            guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m),
                  (1900...9999).contains(y)
            else { fail("--period must be YYYY-MM") }
            o.period = MonthIndex(year: y, month: m)
        default:
            fail("unknown argument \(args[i])")
        }
        i += 1
    }
    if o.projects == 0 { fail("--projects is required") }
    if o.out.isEmpty { fail("--out is required") }
    return o
}

// MARK: - Deterministic randomness

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same on every platform.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n > 0); the modulo bias is irrelevant at these sizes.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + below(r.count) }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    mutating func double(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

// MARK: - Calendar (proleptic Gregorian, days since 1970-01-01)

struct MonthIndex: Comparable {
    var value: Int   // year * 12 + month - 1
    init(year: Int, month: Int) { value = year * 12 + month - 1 }
    init(value: Int) { self.value = value }
    var year: Int { value / 12 }
    var month: Int { value % 12 + 1 }
    static func + (a: MonthIndex, n: Int) -> MonthIndex { MonthIndex(value: a.value + n) }
    static func < (a: MonthIndex, b: MonthIndex) -> Bool { a.value < b.value }
    var firstDay: Int { daysFromCivil(year, month, 1) }
    var lastDay: Int { (self + 1).firstDay - 1 }
    init(day: Int) {
        let c = civilFromDays(day)
        self.init(year: c.y, month: c.m)
    }
}

// Calendar arithmetic is GovPackCore's `Day` (civil-date algorithms, no time zone).
func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
    Int(Day(year: y, month: m, day: d)?.daysSinceEpoch ?? 0)
}

func civilFromDays(_ z: Int) -> (y: Int, m: Int, d: Int) {
    let c = Day(daysSinceEpoch: Int32(z)).components
    return (c.year, c.month, c.day)
}

// MARK: - Byte output

/// A growable byte buffer with formatters that never build intermediate Strings for numbers/dates.
struct Bytes {
    var b: [UInt8] = []
    init(capacity: Int = 1 << 16) { b.reserveCapacity(capacity) }

    mutating func lit(_ s: StaticString) {
        s.withUTF8Buffer { b.append(contentsOf: $0) }
    }
    mutating func str(_ s: String) { b.append(contentsOf: s.utf8) }
    mutating func byte(_ c: UInt8) { b.append(c) }

    mutating func int(_ v0: Int) {
        var v = v0
        if v < 0 { b.append(UInt8(ascii: "-")); v = -v }
        if v < 10 { b.append(48 + UInt8(v)); return }
        var tmp: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                  UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &tmp) { p in
            while v > 0 { p[n] = 48 + UInt8(v % 10); v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { b.append(p[k]) }
        }
    }
    /// Zero-padded to `width` digits (ids, dates).
    mutating func padded(_ v: Int, _ width: Int) {
        var digits = 1
        var t = v
        while t >= 10 { t /= 10; digits += 1 }
        if digits < width { for _ in 0..<(width - digits) { b.append(48) } }
        int(v)
    }
    /// Money from cents: `1250000`, `1250000.5` is never written; cents as `.05`.
    mutating func cents(_ c: Int) {
        int(c / 100)
        let r = abs(c % 100)
        if r != 0 { b.append(UInt8(ascii: ".")); padded(r, 2) }
    }
    mutating func date(_ day: Int) {
        let c = civilFromDays(day)
        padded(c.y, 4); b.append(UInt8(ascii: "-")); padded(c.m, 2); b.append(UInt8(ascii: "-")); padded(c.d, 2)
    }
    mutating func period(_ p: MonthIndex) {
        padded(p.year, 4); b.append(UInt8(ascii: "-")); padded(p.month, 2)
    }
}

// MARK: - Entities and their columns (the order of submission-format.md)

enum E: Int, CaseIterable {
    case programs, people, certifications, projects, financials, milestones, stageGates, risks, issues,
         assignments, benefits, benefitMeasurements, dependencies, changeImpacts, lessons

    var file: String {
        ["programs", "people", "certifications", "projects", "financials", "milestones", "stage_gates",
         "risks", "issues", "assignments", "benefits", "benefit_measurements", "dependencies",
         "change_impacts", "lessons"][rawValue]
    }
    var element: String {
        ["program", "person", "certification", "project", "financials", "milestone", "stage_gate", "risk",
         "issue", "assignment", "benefit", "benefit_measurement", "dependency", "change_impact",
         "lesson"][rawValue]
    }
    var columns: [String] {
        switch self {
        case .programs: ["program_id", "name", "sponsor", "manager", "objective"]
        case .people: ["person_id", "name", "role", "department", "skills", "capacity_hours"]
        case .certifications: ["person_id", "certification", "obtained_date", "expiry_date"]
        case .projects:
            ["project_id", "name", "program_id", "business_unit", "sponsor", "manager", "stage", "methodology",
             "start_date", "baseline_end_date", "forecast_end_date", "budget", "currency", "rag_overall",
             "rag_schedule", "rag_cost", "rag_scope", "percent_complete", "strategic_score", "priority",
             "status_summary", "last_updated"]
        case .financials:
            ["project_id", "period", "planned_value", "earned_value", "actual_cost", "forecast_at_completion"]
        case .milestones:
            ["project_id", "milestone_id", "name", "baseline_date", "forecast_date", "actual_date", "status"]
        case .stageGates: ["project_id", "gate", "planned_date", "review_date", "decision", "approver"]
        case .risks:
            ["project_id", "risk_id", "title", "category", "probability", "impact", "owner", "response",
             "response_plan", "status", "raised_date", "review_date", "escalated"]
        case .issues:
            ["project_id", "issue_id", "title", "priority", "owner", "raised_date", "due_date", "status",
             "escalated"]
        case .assignments: ["project_id", "person_id", "period", "planned_hours", "actual_hours"]
        case .benefits:
            ["project_id", "benefit_id", "description", "category", "measure", "baseline_value", "target_value",
             "target_date", "owner"]
        case .benefitMeasurements: ["benefit_id", "project_id", "measured_on", "actual_value"]
        case .dependencies: ["from_project_id", "to_project_id", "description", "needed_by", "status"]
        case .changeImpacts:
            ["project_id", "stakeholder_group", "impact_level", "training_completion", "adoption_target",
             "adoption_actual", "measured_on"]
        case .lessons: ["project_id", "lesson_id", "recorded_on", "category", "description", "recommendation"]
        }
    }
    /// In submission XML, the column a nested row takes from its enclosing `<project>`.
    var parentColumn: Int? {
        switch self {
        case .programs, .people, .certifications, .projects: nil
        case .benefitMeasurements: 1
        default: 0
        }
    }
}

// MARK: - Row sinks: CSV (one buffer per entity) or submission XML (one buffer)

/// Receives one row at a time, field by field in column order. CSV writes every field; XML writes
/// non-empty fields as attributes and drops the column the enclosing project supplies.
final class Sink {
    let xml: Bool
    var buffers: [Bytes]
    var xmlOut: Bytes
    var entity = E.projects
    var column = 0
    var rows = 0
    var projectOpen = false
    private let names: [[[UInt8]]] = E.allCases.map { e in e.columns.map { Array($0.utf8) } }

    init(xml: Bool, teamName: String, period: MonthIndex) {
        self.xml = xml
        buffers = E.allCases.map { _ in Bytes(capacity: xml ? 0 : 1 << 12) }
        xmlOut = Bytes(capacity: xml ? 1 << 18 : 0)
        if xml {
            xmlOut.lit("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            xmlOut.lit("<submission xmlns=\"urn:govpack:submission:1\" period=\"")
            xmlOut.period(period)
            xmlOut.lit("\" team=\"")
            xmlOut.str(teamName)
            xmlOut.lit("\">\n")
        }
    }

    func begin(_ e: E) {
        entity = e
        column = 0
        rows += 1
        if xml {
            if e == .projects {
                if projectOpen { xmlOut.lit("  </project>\n") }
                xmlOut.lit("  <project")
                projectOpen = true
            } else {
                xmlOut.lit("    <")
                xmlOut.str(e.element)
            }
        } else if buffers[e.rawValue].b.isEmpty {
            var header = Bytes(capacity: 256)
            for (i, c) in e.columns.enumerated() {
                if i > 0 { header.byte(UInt8(ascii: ",")) }
                header.str(c)
            }
            header.byte(10)
            buffers[e.rawValue].b.append(contentsOf: header.b)
        }
    }

    func end() {
        if xml {
            xmlOut.lit(entity == .projects ? ">\n" : "/>\n")
        } else {
            buffers[entity.rawValue].byte(10)
        }
    }

    func finish() -> [(String, [UInt8])] {
        if xml {
            if projectOpen { xmlOut.lit("  </project>\n") }
            xmlOut.lit("</submission>\n")
            return [("submission.xml", xmlOut.b)]
        }
        return E.allCases.compactMap { e in buffers[e.rawValue].b.isEmpty ? nil : (e.file + ".csv", buffers[e.rawValue].b) }
    }

    /// Starts field `column`; returns false when the XML form skips it.
    @inline(__always) private func open(empty: Bool) -> Bool {
        defer { column += 1 }
        if xml {
            if empty || column == entity.parentColumn { return false }
            xmlOut.byte(UInt8(ascii: " "))
            xmlOut.b.append(contentsOf: names[entity.rawValue][column])
            xmlOut.lit("=\"")
            return true
        }
        if column > 0 { buffers[entity.rawValue].byte(UInt8(ascii: ",")) }
        return !empty
    }
    @inline(__always) private func close() { if xml { xmlOut.byte(UInt8(ascii: "\"")) } }

    @inline(__always) private func withOut(_ f: (inout Bytes) -> Void) {
        if xml { f(&xmlOut) } else { f(&buffers[entity.rawValue]) }
    }

    func empty() { _ = open(empty: true) }

    func text(_ s: String) {
        guard open(empty: s.isEmpty) else { return }
        let needsQuote = !xml && s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        withOut { o in
            if xml {
                for c in s.utf8 {
                    switch c {
                    case UInt8(ascii: "&"): o.lit("&amp;")
                    case UInt8(ascii: "<"): o.lit("&lt;")
                    case UInt8(ascii: "\""): o.lit("&quot;")
                    default: o.byte(c)
                    }
                }
            } else if needsQuote {
                o.byte(UInt8(ascii: "\""))
                for c in s.utf8 {
                    if c == UInt8(ascii: "\"") { o.byte(c) }
                    o.byte(c)
                }
                o.byte(UInt8(ascii: "\""))
            } else {
                o.str(s)
            }
        }
        close()
    }
    func lit(_ s: StaticString) {
        guard open(empty: s.utf8CodeUnitCount == 0) else { return }
        withOut { $0.lit(s) }
        close()
    }
    func id(_ prefix: StaticString, _ n: Int, _ width: Int) {
        guard open(empty: false) else { return }
        withOut { $0.lit(prefix); $0.padded(n, width) }
        close()
    }
    func int(_ v: Int) {
        guard open(empty: false) else { return }
        withOut { $0.int(v) }
        close()
    }
    func cents(_ c: Int) {
        guard open(empty: false) else { return }
        withOut { $0.cents(c) }
        close()
    }
    func date(_ d: Int?) {
        guard open(empty: d == nil), let d else { return }
        withOut { $0.date(d) }
        close()
    }
    func period(_ p: MonthIndex) {
        guard open(empty: false) else { return }
        withOut { $0.period(p) }
        close()
    }
}

// MARK: - Vocabulary

let stages: [(name: StaticString, share: Double, lo: Double, hi: Double)] = [
    ("initiation", 0.08, 0.02, 0.08), ("planning", 0.15, 0.12, 0.20), ("execution", 0.55, 0.30, 0.85),
    ("closing", 0.10, 0.93, 0.99), ("closed", 0.12, 1.10, 1.50),
]
let projectNouns = ["claims platform", "policy admin", "customer portal", "data warehouse", "pricing engine",
                    "CRM", "payments hub", "identity service", "document store", "reporting suite",
                    "contact centre", "broker API", "mobile app", "network", "finance ledger"]
let projectVerbs = ["Modernise", "Replace", "Consolidate", "Migrate", "Automate", "Upgrade", "Rebuild", "Extend"]
let categories: [StaticString] = ["strategic", "financial", "schedule", "technical", "resource", "compliance",
                                  "operational", "external"]
let riskTitles = ["Supplier delivery slips", "Key staff unavailable", "Scope creep from business change",
                  "Legacy interface undocumented", "Regulatory guidance changes", "Budget pressure from rates",
                  "Test environment contention", "Data quality below threshold", "Cut-over clashes with month end",
                  "Vendor financial health"]
let issueTitles = ["Environment outage", "Invoice dispute", "Requirement conflict", "Defect backlog growing",
                   "Licence delay", "SME unavailable"]
let roles: [(role: String, dept: String, skills: String)] = [
    ("Project Manager", "PMO", "planning;risk management;budgeting"),
    ("Business Analyst", "Change", "requirements;process mapping"),
    ("Developer", "IT", "Java;REST APIs;SQL"), ("Developer", "IT", "TypeScript;React"),
    ("Test Analyst", "IT", "test automation;UAT"), ("Solution Architect", "IT", "architecture;cloud"),
    ("Data Engineer", "Data Office", "SQL;Python"), ("Change Manager", "Change", "training;communications"),
    ("Scrum Master", "Change", "Scrum;Kanban"), ("Infrastructure Engineer", "Technology", "networking;Azure"),
]
let firstNames = ["Aisha", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Isla", "Jamal", "Kate",
                  "Liam", "Maya", "Nikhil", "Olivia", "Pawel", "Rosa", "Sam", "Tariq", "Zoë"]
let lastNames = ["Abbott", "Bhatt", "Carver", "Doyle", "Evans", "Fischer", "Hussain", "Ito", "Kowalski",
                 "Mensah", "Nowak", "Osei", "Patel", "Reid", "Sato", "Walsh", "Núñez", "Chen"]
let groups = ["Claims handlers", "Underwriters", "Contact centre agents", "Finance operations", "Brokers",
              "IT service desk", "Actuaries", "Compliance officers"]

// MARK: - The portfolio

struct Generator {
    let o: Options
    var rng: SplitMix64
    let peopleCount: Int
    let programCount: Int
    let idWidth: Int
    let personWidth: Int
    let today: Int
    var files = 0
    var bytes = 0
    var rows = 0

    init(_ o: Options) {
        self.o = o
        rng = SplitMix64(seed: o.seed)
        peopleCount = max(20, o.projects / 2)
        programCount = max(1, (o.projects + 29) / 30)
        idWidth = max(3, String(o.projects).count)
        personWidth = max(3, String(peopleCount).count)
        today = o.period.lastDay
    }

    mutating func write(_ folder: String, _ outputs: [(String, [UInt8])]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, data) in outputs {
            // Plain stdio: Foundation's Data.write costs several system calls more per file, which
            // dominates at tens of thousands of small files.
            let path = folder + "/" + name
            guard let f = fopen(path, "wb") else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            let written = data.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
            let closed = fclose(f)
            guard written == data.count, closed == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            files += 1
            bytes += data.count
        }
    }

    func personName(_ i: Int) -> String {
        firstNames[i % firstNames.count] + " " + lastNames[(i / firstNames.count + i * 7) % lastNames.count]
    }

    mutating func reference() throws {
        let s = Sink(xml: false, teamName: "", period: o.period)
        for g in 1...programCount {
            s.begin(.programs)
            s.id("PGM-", g, 1)
            s.text("Programme \(g)")
            s.text(personName(g * 31))
            s.id("P-", (g - 1) % peopleCount + 1, personWidth)
            s.text("Strategic objective \(g % 7 + 1)")
            s.end()
        }
        for p in 1...peopleCount {
            let r = roles[p % roles.count]
            s.begin(.people)
            s.id("P-", p, personWidth)
            s.text(personName(p))
            s.text(r.role)
            s.text(r.dept)
            s.text(r.skills)
            if rng.chance(0.08) { s.empty() } else { s.int(rng.pick([140, 140, 140, 120, 112])) }
            s.end()
            // A third of the people hold one or two certifications; some expired, some expiring soon.
            if rng.chance(0.33) {
                let first = rng.below(4)
                for k in 0..<(rng.chance(0.3) ? 2 : 1) {
                    let cert: StaticString = ["PMP", "PRINCE2 Practitioner", "PMI-ACP", "CSM"][(first + k) % 4]
                    let expiry = today + rng.int(-200...1100)
                    s.begin(.certifications)
                    s.id("P-", p, personWidth)
                    s.lit(cert)
                    s.date(expiry - 3 * 365)
                    s.date(expiry)
                    s.end()
                }
            }
        }
        rows += s.rows
        try write(o.out + "/reference", s.finish())
    }

    /// Writes team folders of about six projects each.
    mutating func teams() throws {
        let teamCount = (o.projects + 5) / 6
        let teamWidth = max(3, String(teamCount).count)
        for t in 0..<teamCount {
            var teamName = Bytes(capacity: 16)
            teamName.lit("team-")
            teamName.padded(t + 1, teamWidth)
            let name = String(decoding: teamName.b, as: UTF8.self)
            let xml = rng.chance(o.xmlShare)
            let s = Sink(xml: xml, teamName: name, period: o.period)
            for p in (t * 6)..<min(o.projects, t * 6 + 6) {
                project(p, s)
            }
            rows += s.rows
            try write(o.out + "/teams/" + name, s.finish())
        }
    }

    func person(_ i: Int) -> Int { i % peopleCount + 1 }

    /// One project and everything that belongs to it, in the order the XML form nests it.
    mutating func project(_ index: Int, _ s: Sink) {
        let n = index + 1
        // Stage, dates and size.
        var u = rng.unit()
        var stage = stages.count - 1
        for (k, st) in stages.enumerated() { if u < st.share { stage = k; break }; u -= st.share }
        let st = stages[stage]
        let months = rng.int(12...30)
        let span = Double(months) * 30.4
        let frac = rng.double(st.lo, st.hi)
        let start = today - Int(frac * span)
        let end = start + Int(span)
        let bac = Int(exp(rng.double(log(100_000.0), log(5_000_000.0))) / 1000) * 1000
        let cpi = rng.double(0.82, 1.08)
        let spi = stage >= 3 ? 1.0 : rng.double(0.8, 1.05)
        let manager = person(n * 3)
        let team = (0..<15).map { person(index * 2 + 100 + $0) }

        // Financials first (their cumulative figures feed the project row), buffered locally.
        let startM = MonthIndex(day: start), endM = MonthIndex(day: end)
        let lastM = stage == 4 ? endM : min(o.period, endM)
        var fin: [(MonthIndex, Int, Int, Int)] = []
        var pv = 0, ev = 0, ac = 0
        if startM <= lastM {
            let perMonth = bac * 100 / (endM.value - startM.value + 1)
            var m = startM
            while m <= lastM {
                let p = Int(Double(perMonth) * rng.double(0.9, 1.1))
                let e = stage >= 3 ? p : Int(Double(p) * spi * rng.double(0.96, 1.04))
                let a = Int(Double(e) / cpi * rng.double(0.97, 1.03))
                fin.append((m, p, e, a))
                pv += p; ev += e; ac += a
                m = m + 1
            }
        }
        let cumCPI = ac > 0 ? Double(ev) / Double(ac) : 1
        let cumSPI = pv > 0 ? Double(ev) / Double(pv) : 1
        func rag(_ x: Double) -> StaticString { x < 0.8 ? "R" : x < 0.9 ? "A" : "G" }
        let worst = min(cumCPI, cumSPI)
        // About 2% report Green against the numbers (watermelons), as real portfolios do.
        let overall: StaticString = rng.chance(0.02) ? "G" : (worst < 0.8 ? "R" : worst < 0.9 || rng.chance(0.15) ? "A" : "G")
        let slip = stage == 4 ? rng.int(0...14) : Int((1 / max(cumSPI, 0.5) - 1) * span)

        s.begin(.projects)
        s.id("PRJ-", n, idWidth)
        s.text(projectVerbs[index % projectVerbs.count] + " " + projectNouns[(index / 8) % projectNouns.count] + " \(n)")
        s.id("PGM-", index / 30 + 1, 1)
        s.text(["Claims", "Underwriting", "Customer", "Finance", "Technology", "Risk"][index % 6])
        s.text(personName(index % 97))
        s.id("P-", manager, personWidth)
        s.lit(st.name)
        s.lit(["waterfall", "agile", "hybrid"][index % 3] as StaticString)
        s.date(start)
        s.date(end)
        s.date(end + max(0, slip))
        s.cents(bac * 100)
        s.lit("GBP")
        s.lit(overall)
        s.lit(rag(cumSPI))
        s.lit(rag(cumCPI))
        s.lit(rng.chance(0.85) ? "G" : "A")
        s.int(stage == 4 ? 100 : min(100, ev / max(bac, 1)))
        s.int(rng.int(20...95))
        s.int(rng.int(1...5))
        s.text(stage == 4 ? "Closed" : "Status as of period end")
        s.date(today - (rng.chance(0.03) ? rng.int(36...90) : rng.int(0...30)))
        s.end()

        for (k, f) in fin.enumerated() {
            s.begin(.financials)
            s.id("PRJ-", n, idWidth)
            s.period(f.0)
            s.cents(f.1)
            s.cents(f.2)
            s.cents(f.3)
            if k == fin.count - 1 { s.cents(Int(Double(bac * 100) / cumCPI) / 100_000 * 100_000) } else { s.empty() }
            s.end()
        }

        // Milestones: 8 spread over the baseline.
        for k in 1...8 {
            let base = start + Int(Double(end - start) * Double(k) / 8.5)
            let fc = base + Int(Double(rng.int(-5...15)) + (1 / max(cumSPI, 0.5) - 1) * 90)
            s.begin(.milestones)
            s.id("PRJ-", n, idWidth)
            s.id("M-", k, 1)
            s.text("Milestone \(k)")
            s.date(base)
            if stage == 4 || fc <= today {
                s.empty(); s.date(min(fc, today)); s.lit("complete")
            } else if base <= today && rng.chance(0.1) {
                s.empty(); s.empty(); s.lit("missed")
            } else {
                s.date(fc); s.empty(); s.lit(base <= today || fc - today < 45 ? "in_progress" : "not_started")
            }
            s.end()
        }

        // Gates G0-G5: held up to the stage reached, planned after today otherwise.
        let reached = [0, 1, 2, 4, 5][stage]
        let fracs = [-0.06, 0.08, 0.26, 0.6, 0.92, 1.1]
        for g in 0...5 {
            var planned = start + Int(Double(end - start) * fracs[g])
            let held = g <= reached || (stage == 2 && g == 3 && planned <= today)
            s.begin(.stageGates)
            s.id("PRJ-", n, idWidth)
            s.id("G", g, 1)
            if held {
                planned = min(planned, today - 1)
                s.date(planned)
                if rng.chance(0.04) {
                    s.empty(); s.empty(); s.empty()
                } else {
                    s.date(min(today, planned + (rng.chance(0.05) ? rng.int(15...40) : rng.int(0...10))))
                    s.lit(rng.chance(0.85) ? "approved" : "conditional")
                    s.text(g <= 2 ? "Investment Committee" : "Programme Board")
                }
            } else {
                s.date(max(planned, today + 1 + g))
                s.empty(); s.empty(); s.empty()
            }
            s.end()
        }

        // Risks: about 10.
        for k in 1...rng.int(7...13) {
            let p = rng.int(1...5), i = rng.int(1...5)
            let open = stage != 4 && !rng.chance(0.25)
            s.begin(.risks)
            s.id("PRJ-", n, idWidth)
            s.id("R-", k, 1)
            s.text(rng.pick(riskTitles))
            s.lit(categories[rng.below(categories.count)])
            s.int(p)
            s.int(i)
            if rng.chance(0.03) { s.empty() } else { s.id("P-", rng.pick(team), personWidth) }
            s.lit(p * i >= 9 ? "mitigate" : (["accept", "mitigate", "transfer", "avoid"] as [StaticString])[rng.below(4)])
            if p * i >= 9 { s.text("Mitigation plan reviewed monthly") } else { s.empty() }
            s.lit(open ? "open" : "closed")
            s.date(max(start, today - rng.int(10...300)))
            s.date(open ? today - rng.int(0...30) : nil)
            s.lit(p * i >= 15 && !rng.chance(0.1) ? "Y" : "N")
            s.end()
        }

        // Issues: about 5.
        for k in 1...rng.int(3...7) {
            let raised = max(start, today - rng.int(5...200))
            let open = stage != 4 && rng.chance(0.5)
            let pri = (["low", "medium", "high", "critical"] as [StaticString])[rng.below(4)]
            s.begin(.issues)
            s.id("PRJ-", n, idWidth)
            s.id("I-", k, 1)
            s.text(rng.pick(issueTitles))
            s.lit(pri)
            s.id("P-", rng.pick(team), personWidth)
            s.date(raised)
            s.date(raised + rng.pick([14, 21, 30, 45]))
            s.lit(open ? "open" : "closed")
            s.lit(open && rng.chance(0.3) ? "Y" : "N")
            s.end()
        }

        // Assignments: 15 people x 11 periods (7 back, the report period, 3 ahead).
        if stage != 4 {
            for who in team {
                let hours = rng.int(2...6)
                for m in -7...3 {
                    let per = o.period + m
                    s.begin(.assignments)
                    s.id("PRJ-", n, idWidth)
                    s.id("P-", who, personWidth)
                    s.period(per)
                    s.int(hours)
                    if m <= 0 { s.int(max(0, hours + rng.int(-1...1))) } else { s.empty() }
                    s.end()
                }
            }
        }

        // Benefits: 3, with monthly measurements once delivery is under way.
        let benefitKinds: [(StaticString, String, String, Int, Int)] = [
            ("financial", "Annual run-cost saving", "GBP per year", 0, bac / 2),
            ("efficiency", "Average handling time", "minutes", 40, 28),
            ("customer", "Customer satisfaction", "CSAT %", 70, 82),
        ]
        for (k, b) in benefitKinds.enumerated() {
            let target = end + 180
            s.begin(.benefits)
            s.id("PRJ-", n, idWidth)
            s.id("B-", k + 1, 1)
            s.text(b.1)
            s.lit(b.0)
            s.text(b.2)
            s.cents(b.3 * 100)
            s.cents(b.4 * 100)
            s.date(target)
            s.id("P-", manager, personWidth)
            s.end()
        }
        if stage >= 2 {
            for k in 0..<3 {
                let b = benefitKinds[k]
                let reach = stage == 4 ? rng.double(0.8, 1.1) : rng.double(0.2, 0.9)
                for j in 1...4 {
                    s.begin(.benefitMeasurements)
                    s.id("B-", k + 1, 1)
                    s.id("PRJ-", n, idWidth)
                    s.date(today - 30 * (4 - j) - 2)
                    s.cents(Int((Double(b.3) + Double(b.4 - b.3) * reach * Double(j) / 4) * 100))
                    s.end()
                }
            }
        }

        // Change impacts for delivery stages.
        if stage == 2 || stage == 3 {
            for k in 0..<2 {
                let levelIndex = rng.below(3)
                let level = (["low", "medium", "high"] as [StaticString])[levelIndex]
                s.begin(.changeImpacts)
                s.id("PRJ-", n, idWidth)
                s.text(groups[(index + k * 3) % groups.count])
                s.lit(level)
                s.int(levelIndex == 2 && !rng.chance(0.1) ? rng.int(50...100) : rng.int(0...100))
                s.int(85)
                s.int(rng.int(30...95))
                s.date(today - rng.int(0...25))
                s.end()
            }
        }

        // Lessons once closing.
        if stage >= 3 && !rng.chance(0.05) {
            for k in 1...3 {
                s.begin(.lessons)
                s.id("PRJ-", n, idWidth)
                s.id("L-", k, 1)
                s.date(min(today, end + 10))
                s.text(["Planning", "Governance", "Testing"][k - 1])
                s.text("Lesson \(k) recorded at closure")
                s.text("Apply to the next project of this kind")
                s.end()
            }
        }

        // About half depend on another project.
        if o.projects > 1 && rng.chance(0.5) {
            let other = (index + 1 + rng.below(o.projects - 1)) % o.projects + 1
            let needed = today + rng.int(-60...240)
            s.begin(.dependencies)
            s.id("PRJ-", n, idWidth)
            s.id("PRJ-", other, idWidth)
            s.text("Deliverable from project \(other)")
            s.date(needed)
            s.lit(needed <= today ? (rng.chance(0.8) ? "delivered" : "late") : (rng.chance(0.8) ? "on_track" : "at_risk"))
            s.end()
        }
    }
}

// MARK: - Main

let options = parseOptions(Array(CommandLine.arguments.dropFirst()))
let clock = ContinuousClock()
let started = clock.now
var generator = Generator(options)
do {
    try generator.reference()
    try generator.teams()
} catch {
    FileHandle.standardError.write(Data("govpack-gen: cannot write \(options.out): \(error)\n".utf8))
    exit(2)
}
let elapsed = clock.now - started
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
print("govpack-gen: \(options.projects) projects, \(generator.files) files, \(generator.bytes) bytes, "
      + "\(generator.rows) rows in \(String(format: "%.2f", seconds)) s -> \(options.out)")
