import Foundation
import Testing
@testable import CEL

// MARK: - A small host model

private final class RiskObject: CELObject {
    static let type = CELObjectType(name: "risk", fields: [("score", .int), ("owner", .string)])
    let score: Int64
    let owner: String?
    init(score: Int64, owner: String?) { self.score = score; self.owner = owner }
    func celField(_ index: Int) -> CELValue? {
        switch index {
        case 0: return .int(score)
        case 1: return owner.map { .string($0) }
        default: return nil
        }
    }
}

private final class ProjectObject: CELObject {
    static let type = CELObjectType(name: "project", fields: [
        ("budget", .double), ("stage", .string), ("risks", .list(.object(RiskObject.type))), ("sponsor", .string),
    ])
    func celField(_ index: Int) -> CELValue? {
        switch index {
        case 0: return .double(2_500_000)
        case 1: return .string("delivery")
        case 2: return .list([
            .object(RiskObject.type, RiskObject(score: 12, owner: "ana")),
            .object(RiskObject.type, RiskObject(score: 4, owner: nil)),
            .object(RiskObject.type, RiskObject(score: 20, owner: "raj")),
        ])
        default: return nil  // sponsor is absent
        }
    }
}

private func environment() -> CELEnvironment {
    var env = CELEnvironment.standard
    env.declare("p", .object(ProjectObject.type))
    env.declare("n", .int)
    env.enableDateExtensions()
    return env
}

private func evaluate(_ source: String) throws -> Result<CELValue, CELError> {
    let env = environment()
    let program = try CELProgram.compile(source, in: env)
    var activation = CELActivation(env: env)
    activation.set("p", .object(ProjectObject.type, ProjectObject()))
    activation.set(slot: try #require(env.slot(of: "n")), .int(7))
    return program.evaluate(activation)
}

private func isTrue(_ r: Result<CELValue, CELError>) -> Bool {
    if case .success(.bool(true)) = r { return true }
    return false
}

// MARK: - Compile errors

struct CompileErrorCase: CustomTestStringConvertible, Sendable {
    let source: String
    let message: String
    let offset: Int
    let line: Int
    let column: Int
    let rendered: String
    var testDescription: String { source }
}

@Test(arguments: [
    CompileErrorCase(source: "p.budgte > 1000000.0", message: "no field 'budgte' in type 'project'",
                     offset: 2, line: 1, column: 3, rendered: "p.budgte > 1000000.0\n  ^"),
    CompileErrorCase(source: "budgte > 1", message: "undeclared reference to 'budgte'",
                     offset: 0, line: 1, column: 1, rendered: "budgte > 1\n^"),
    CompileErrorCase(source: "p.budget > 0.0 &&\n  p.stge == 'closed'", message: "no field 'stge' in type 'project'",
                     offset: 22, line: 2, column: 5, rendered: "  p.stge == 'closed'\n    ^"),
    CompileErrorCase(source: "p.risks.all(r, r.scor > 3)", message: "no field 'scor' in type 'risk'",
                     offset: 17, line: 1, column: 18, rendered: "p.risks.all(r, r.scor > 3)\n                 ^"),
    CompileErrorCase(source: "p.budget >", message: "unexpected end of expression",
                     offset: 10, line: 1, column: 11, rendered: "p.budget >\n          ^"),
    CompileErrorCase(source: "sizee(p.risks) > 0", message: "undeclared reference to 'sizee'",
                     offset: 0, line: 1, column: 1, rendered: "sizee(p.risks) > 0\n^"),
    CompileErrorCase(source: "p.stage + 1", message: "no matching overload for '_+_' applied to '(string, int)'",
                     offset: 8, line: 1, column: 9, rendered: "p.stage + 1\n        ^"),
    CompileErrorCase(source: "p.stage == 1", message: "no matching overload for '_==_' applied to '(string, int)'",
                     offset: 8, line: 1, column: 9, rendered: "p.stage == 1\n        ^"),
    CompileErrorCase(source: "p.budget > 'x'", message: "no matching overload for '_>_' applied to '(double, string)'",
                     offset: 9, line: 1, column: 10, rendered: "p.budget > 'x'\n         ^"),
    CompileErrorCase(source: "size(p.budget) > 0", message: "no matching overload for 'size' applied to '(double)'",
                     offset: 0, line: 1, column: 1, rendered: "size(p.budget) > 0\n^"),
    CompileErrorCase(source: "'é' == p.stag", message: "no field 'stag' in type 'project'",
                     offset: 10, line: 1, column: 10, rendered: "'é' == p.stag\n         ^"),
])
func compileErrorsPointAtTheFault(_ c: CompileErrorCase) {
    do {
        _ = try CELProgram.compile(c.source, in: environment())
        Issue.record("expected a compile error for \(c.source)")
    } catch {
        #expect(error.message == c.message)
        #expect(error.offset == c.offset)
        #expect(error.line == c.line)
        #expect(error.column == c.column)
        #expect(error.rendered(source: c.source) == c.rendered)
    }
}

// MARK: - Values

@Test(arguments: [
    ("p.budget > 1000000.0 && p.stage != 'closed'", true),
    ("size(p.risks.filter(r, r.score >= 12)) == 2", true),
    ("p.risks.exists(r, !has(r.owner))", true),
    ("has(p.sponsor)", false),
    ("p.risks.map(r, r.score) == [12, 4, 20]", true),
    ("p.risks.exists_one(r, r.score > 15)", true),
    ("n * 2 == 14 && n / 2 == 3 && n % 4 == 3", true),
    ("1 < 1u + 1u && 2u < 2.5 && -1 < 0u", true),
    ("'abc'.startsWith('ab') && 'abc'.endsWith('bc') && 'abc'.contains('b') && 'abc'.matches('^a.c$')", true),
    ("{'a': 1, 'b': 2}['b'] == 2 && 'a' in {'a': 1} && 3 in [1, 2, 3]", true),
    ("type(1u) == uint && type(p) != type(1)", true),
    ("string(1.5) == '1.5' && int('42') == 42 && double(3) == 3.0", true),
    ("'ab12'.matches('(?P<letters>[a-z]+)[0-9]+')", true),
    ("timestamp('2026-11-30T10:00:00Z') - duration('1h30m') == timestamp('2026-11-30T08:30:00Z')", true),
    ("n > 5 ? 'big' : 'small'", true),
])
func evaluatesToBool(_ source: String, _ expected: Bool) throws {
    let r = try evaluate(source)
    switch r {
    case .success(.bool(let b)): #expect(b == expected, "\(source)")
    case .success(.string(let s)): #expect(s == "big", "\(source)")
    default: Issue.record("\(source) gave \(r)")
    }
}

// MARK: - Run-time errors

@Test(arguments: [
    ("9223372036854775807 + 1", "return error for overflow"),
    ("-9223372036854775808 - 1", "return error for overflow"),
    ("-(-9223372036854775808)", "return error for overflow"),
    ("4611686018427387904 * 2", "return error for overflow"),
    ("18446744073709551615u + 1u", "return error for overflow"),
    ("0u - 1u", "return error for overflow"),
    ("1 / 0", "divide by zero"),
    ("1 % 0", "modulus by zero"),
    ("int(1e99)", "range error converting double to int"),
    ("p.risks[3]", "index out of bounds: 3"),
    ("{'a': 1}['b']", "no such key: 'b'"),
    ("p.sponsor == ''", "no such field 'sponsor'"),
])
func runTimeErrors(_ source: String, _ message: String) throws {
    let r = try evaluate(source)
    guard case .failure(let e) = r else { Issue.record("\(source) gave \(r)"); return }
    #expect(e.message == message)
    #expect(e.position != nil)
}

// MARK: - Commutative logic

@Test(arguments: [
    ("false && 1 / 0 == 1", "false"),
    ("1 / 0 == 1 && false", "false"),
    ("true || 1 / 0 == 1", "true"),
    ("1 / 0 == 1 || true", "true"),
    ("1 / 0 == 1 && true", "error"),
    ("true && 1 / 0 == 1", "error"),
    ("1 / 0 == 1 || false", "error"),
    ("[1, 0].all(x, 1 / x > 5)", "false"),
    ("[0, 1].exists(x, 1 / x == 1)", "true"),
])
func logicIsCommutativeOverErrors(_ source: String, _ expected: String) throws {
    let r = try evaluate(source)
    switch r {
    case .success(.bool(let b)): #expect("\(b)" == expected, "\(source)")
    case .failure: #expect(expected == "error", "\(source)")
    default: Issue.record("\(source) gave \(r)")
    }
}

// MARK: - Dates

@Test(arguments: [
    "days_between(date('2026-11-01'), date('2026-11-30')) == 29",
    "days_between(date('2026-11-30'), date('2026-11-01')) == -29",
    "days_between(date('2025-12-31'), date('2026-01-01')) == 1",
    "period_end('2026-02') == date('2026-02-28')",
    "period_end('2024-02') == date('2024-02-29')",
    "period_end('2026-12') == date('2026-12-31')",
    "date('2026-11-30') == timestamp('2026-11-30T00:00:00Z')",
    "date('2026-11-30').getDayOfWeek() == 1",
    "date('2026-11-30').getMonth() == 10 && date('2026-11-30').getDate() == 30",
    "date('2026-11-30').getDayOfYear() == 333",
    "timestamp('2026-11-29T23:30:00Z').getDate('+05:30') == 30",
    "timestamp('2026-11-29T23:30:00Z').getHours('+05:30') == 5",
    "timestamp('2026-11-29T23:30:00Z').getHours('-02:30') == 21",
    "timestamp('2026-11-29T23:30:00Z').getMinutes('UTC') == 30",
    "timestamp('2026-07-01T12:00:00Z').getHours('Europe/London') == 13",
])
func dateFunctions(_ source: String) throws {
    #expect(isTrue(try evaluate(source)), "\(source)")
}

@Test(arguments: ["date('2026-02-30')", "date('30/11/2026')", "period_end('2026-13')", "period_end('2026-1')"])
func malformedDatesAreErrors(_ source: String) throws {
    guard case .failure = try evaluate(source) else { Issue.record("\(source) should fail"); return }
}

// MARK: - API

@Test func outputTypesComeFromTheChecker() throws {
    let env = environment()
    #expect(try CELProgram.compile("p.budget > 1.0", in: env).outputType == .bool)
    #expect(try CELProgram.compile("p.budget", in: env).outputType == .double)
    #expect(try CELProgram.compile("p.risks.map(r, r.score)", in: env).outputType == .list(.int))
    #expect(try CELProgram.compile("days_between(date('2026-01-01'), date('2026-01-02'))", in: env).outputType == .int)
}

@Test func hostFunctionsAreCalledGloballyAndAsMethods() throws {
    var env = CELEnvironment()
    env.declare("s", .string)
    env.function("shout", returns: .string) { args in
        guard case .string(let s)? = args.first else { return .failure(CELError("no such overload: shout")) }
        return .success(.string(s.uppercased()))
    }
    env.function("twice", receiver: true, returns: .string) { args in
        guard case .string(let s)? = args.first else { return .failure(CELError("no such overload: twice")) }
        return .success(.string(s + s))
    }
    let program = try CELProgram.compile("shout(s) + s.twice()", in: env)
    var activation = CELActivation(env: env)
    activation.set("s", .string("ab"))
    guard case .success(.string(let out)) = program.evaluate(activation) else { Issue.record("failed"); return }
    #expect(out == "ABabab")
}

@Test func unboundVariableIsARunTimeError() throws {
    var env = CELEnvironment()
    env.declare("x", .int)
    let program = try CELProgram.compile("x + 1", in: env)
    guard case .failure(let e) = program.evaluate(CELActivation(env: env)) else { Issue.record("expected failure"); return }
    #expect(e.message == "no value bound for 'x'")
}

@Test func benchmarkRuns() {
    let r = CELBenchmark.run(iterations: 1000)
    #expect(r.evalsPerSecond > 0)
}

@Test(arguments: [
    (CELValue.int(-3), "-3"),
    (.uint(4), "4u"),
    (.double(2), "2.0"),
    (.double(0.5), "0.5"),
    (.string("a\"b"), "\"a\\\"b\""),
    (.list([.int(1), .bool(true), .null]), "[1, true, null]"),
    (.map(CELMap([(.string("k"), .uint(1))])), "{\"k\": 1u}"),
    (.timestamp(CELTimestamp(seconds: 86400)), "timestamp(\"1970-01-02T00:00:00Z\")"),
    (.duration(CELDuration(seconds: 90, nanos: 500_000_000)), "duration(\"90.5s\")"),
])
func valuesDescribeThemselvesAsLiterals(_ value: CELValue, _ text: String) {
    #expect(value.description == text)
}

@Test func timestampsFromCalendarDaysAndDates() {
    // 20787 days: 56 years of 365 days, 14 leap days, 333 days of 2026.
    #expect(CELTimestamp(year: 2026, month: 11, day: 30) == CELTimestamp(seconds: 1_795_996_800))
    #expect(CELTimestamp(year: 1970, month: 1, day: 1) == CELTimestamp(seconds: 0))
    #expect(CELTimestamp(year: 2026, month: 2, day: 29) == nil)
    #expect(CELTimestamp(Date(timeIntervalSince1970: 1.5)) == CELTimestamp(seconds: 1, nanos: 500_000_000))
}

@Test func deeplyNestedExpressionsAreRejectedNotCrashed() {
    let deep = Array(repeating: "n", count: 450).joined(separator: " + ")
    #expect(throws: CELCompileError.self) { try CELProgram.compile(deep, in: environment()) }
    let long = Array(repeating: "n", count: 5000).joined(separator: " + ")
    do {
        _ = try CELProgram.compile(long, in: environment())
        Issue.record("a 9999-token expression should be refused")
    } catch {
        #expect(error.message == "expression too long")
    }
    let fine = Array(repeating: "n", count: 300).joined(separator: " + ")
    #expect((try? CELProgram.compile(fine, in: environment())) != nil)
}

// MARK: - Walking a list field in place (`CELObject.celForEach`)

/// A host that hands a list field's elements over as one object it repoints, as the rules' rows
/// do, and counts how often the list is walked and how often it is built.
private final class WalkedProject: CELObject {
    static let type: CELObjectType = {
        let t = CELObjectType(name: "walked", fields: [("risks", .list(.object(Cursor.type))), ("name", .string)])
        t.walksLists = true
        return t
    }()
    let scores: [Int64?]
    var walks = 0
    var builds = 0

    final class Cursor: CELObject {
        static let type = CELObjectType(name: "cursor", fields: [("score", .int)])
        var score: Int64?
        func celField(_ index: Int) -> CELValue? { index == 0 ? score.map { .int($0) } : nil }
    }

    init(_ scores: [Int64?]) { self.scores = scores }

    func celField(_ index: Int) -> CELValue? {
        guard index == 0 else { return index == 1 ? .string("p") : nil }
        builds += 1
        return .list(scores.map { s in
            let c = Cursor()
            c.score = s
            return .object(Cursor.type, c)
        })
    }

    func celForEach(_ index: Int, _ visit: (CELValue) throws(CELError) -> Bool) throws(CELError) -> Bool {
        guard index == 0 else { return false }
        walks += 1
        let cursor = Cursor()
        let value = CELValue.object(Cursor.type, cursor)
        for s in scores {
            cursor.score = s
            if try !visit(value) { break }
        }
        return true
    }
}

/// Each expression, with the result over scores [3, 12, absent, 20], whether it walks the list
/// in place (true) or builds it (false). Reading the missing score is an error, which a deciding
/// element hides in `exists` and `all` (CEL's error absorption) and nothing hides in `exists_one`.
@Test(arguments: [
    ("p.risks.exists(r, r.score > 10)", "true", true),
    ("p.risks.exists(r, r.score > 30)", "error", true),
    ("p.risks.all(r, r.score > 1)", "error", true),
    ("p.risks.all(r, r.score > 5)", "false", true),
    ("p.risks.exists_one(r, has(r.score) && r.score == 12)", "true", true),
    ("p.risks.exists_one(r, r.score == 12)", "error", true),
    ("size(p.risks.filter(r, has(r.score) && r.score >= 12))", "2", true),
    ("p.risks.filter(r, has(r.score) && r.score >= 12).map(r, r.score) == [12, 20]", "true", false),
    ("p.risks.map(r, has(r.score) ? r.score : 0) == [3, 12, 0, 20]", "true", false),
    ("size(p.risks) == 4", "true", false),
])
func listFieldsAreWalkedInPlaceWhereNoElementIsKept(source: String, expected: String, walked: Bool) throws {
    var env = CELEnvironment.standard
    env.declare("p", .object(WalkedProject.type))
    let program = try CELProgram.compile(source, in: env)
    let host = WalkedProject([3, 12, nil, 20])
    var activation = CELActivation(env: env)
    activation.set("p", .object(WalkedProject.type, host))
    let result: String
    switch program.evaluate(activation) {
    case .success(let v): result = v.description
    case .failure: result = "error"
    }
    #expect(result == expected)
    #expect(host.walks == (walked ? 1 : 0))
    #expect(host.builds == (walked ? 0 : 1))
}

/// A host that offers no walk is read through `celField`, with the same results.
@Test func listFieldsOfHostsWithoutAWalkAreBuilt() throws {
    let r = try evaluate("p.risks.exists(r, r.score == 20) && p.risks.all(r, r.score >= 5) == false && size(p.risks.filter(r, r.score > 10)) == 2")
    #expect(isTrue(r))
}
