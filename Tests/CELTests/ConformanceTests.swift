import Foundation
import GovPackTestSupport
import Testing
@testable import CEL

/// Google's cel-spec "simple" conformance files, read in place from ../shared/corpus/cel.
///
/// Tests needing protobuf messages are skipped (we have no protobuf runtime); so are the few listed
/// in `knownFailures`, each with its reason. Skips are counted and printed, never passed.
struct ConformanceTests {
    static let files = [
        "basic", "comparisons", "logic", "macros", "macros2", "string", "fields", "lists",
        "integer_math", "fp_math", "conversions", "timestamps", "parse", "plumbing",
    ]

    /// Tests we run but expect to fail, by "file/section/test", with the reason. Kept visible on purpose.
    static let knownFailures: [String: String] = [:]

    enum Outcome {
        case passed
        /// An eval_error was expected and the checker rejected the expression before evaluation.
        case passedByCheckError
        case failed(String)
        case skipped(String)
    }

    struct Tally { var passed = 0, failed = 0, skipped = 0, byCheck = 0 }

    @Test func conformance() throws {
        guard let shared = TestPaths.shared else {
            print(TestPaths.sharedMissing)
            return
        }
        var table: [(String, Tally)] = []
        var failures: [String] = []
        var skipReasons: [String: Int] = [:]
        for file in Self.files {
            let url = shared.appendingPathComponent("corpus/cel/\(file).textproto")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                print("conformance: \(file).textproto is absent, skipped")
                continue
            }
            let root = try TextProto.parse(text)
            var tally = Tally()
            for section in root.all("section") {
                let sname = section["name"]?.string ?? "?"
                for test in section.all("test") {
                    let name = "\(file)/\(sname)/\(test["name"]?.string ?? "?")"
                    var outcome = Self.run(test)
                    if let reason = Self.knownFailures[name] {
                        if case .failed = outcome { outcome = .skipped("known failure: \(reason)") }
                    }
                    switch outcome {
                    case .passed: tally.passed += 1
                    case .passedByCheckError: tally.passed += 1; tally.byCheck += 1
                    case .failed(let why):
                        tally.failed += 1
                        failures.append("\(name): \(why)")
                    case .skipped(let why):
                        if ProcessInfo.processInfo.environment["CEL_LIST_SKIPS"] != nil { print("SKIP \(name): \(why)") }
                        tally.skipped += 1
                        skipReasons[why, default: 0] += 1
                    }
                }
            }
            table.append((file, tally))
        }
        var report = "CEL conformance\n" + "file".padding(toLength: 14, withPad: " ", startingAt: 0) + "  passed  failed  skipped  (passed by a check error)\n"
        var total = Tally()
        for (file, t) in table {
            report += file.padding(toLength: 14, withPad: " ", startingAt: 0)
                + String(format: "  %6d  %6d  %7d  %d\n", t.passed, t.failed, t.skipped, t.byCheck)
            total.passed += t.passed; total.failed += t.failed; total.skipped += t.skipped
            total.byCheck += t.byCheck
        }
        report += "total".padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(format: "  %6d  %6d  %7d  %d\n", total.passed, total.failed, total.skipped, total.byCheck)
        report += "skip reasons:\n"
        for (why, n) in skipReasons.sorted(by: { $0.value > $1.value }) { report += "  \(n)× \(why)\n" }
        for f in failures { report += "FAIL \(f)\n" }
        print(report)
        #expect(failures.isEmpty, "\(failures.count) conformance tests failed:\n\(failures.joined(separator: "\n"))")
    }

    // MARK: - One test

    static let protoMarkers = [
        "TestAllTypes", "NestedTestAllTypes", "cel.expr.conformance", "google.protobuf.Any", "google.protobuf.Value",
        "google.protobuf.Struct", "google.protobuf.ListValue", "google.protobuf.Int", "google.protobuf.UInt",
        "google.protobuf.Bool", "google.protobuf.String", "google.protobuf.Bytes", "google.protobuf.Double",
        "google.protobuf.Float", "google.protobuf.NullValue", "google.protobuf.FieldMask", "google.protobuf.Empty",
    ]

    static func run(_ test: TextProto) -> Outcome {
        guard let expr = test["expr"]?.string else { return .skipped("no expression") }
        if let c = test["container"]?.string, !c.isEmpty { return .skipped("needs protobuf messages (container)") }
        if protoMarkers.contains(where: { expr.contains($0) }) { return .skipped("needs protobuf messages") }
        if test.mentions("object_value") || test.mentions("message_type") || test.mentions("enum_value") {
            return .skipped("needs protobuf messages")
        }
        if test["check_only"] != nil { return .skipped("check-only test (no typed_result support)") }
        if test["typed_result"] != nil { return .skipped("typed_result expectation not supported") }
        if test["unknown"] != nil || test["any_unknowns"] != nil { return .skipped("unknown-value evaluation not supported") }
        if test["value"] == nil && test["eval_error"] == nil && test["any_eval_errors"] == nil {
            return .skipped("no value or eval_error expectation")
        }

        var env = CELEnvironment()
        for decl in test.all("type_env") {
            guard let name = decl["name"]?.string else { continue }
            guard let ident = decl["ident"] else { return .skipped("function declarations in type_env") }
            guard let t = ident["type"], let type = celType(t) else { return .skipped("unsupported declared type") }
            env.declare(name, type)
        }
        var bindings: [(String, CELValue)] = []
        for b in test.all("bindings") {
            guard let name = b["key"]?.string, let v = b["value"]?["value"] else { return .skipped("unsupported binding") }
            guard let value = celValue(v) else { return .skipped("unsupported binding value") }
            if env.slot(of: name) == nil { env.declare(name, .dyn) }
            bindings.append((name, value))
        }
        let checked = test["disable_check"]?.string != "true"
        let program: CELProgram
        do {
            program = try CELProgram.compile(expr, in: env, checked: checked)
        } catch {
            // A checker rejection where an evaluation error is expected counts as the expected failure.
            if test["eval_error"] != nil && checked { return .passedByCheckError }
            return .failed("compile error \(error) for \(expr)")
        }
        var activation = CELActivation(env: env)
        for (n, v) in bindings { activation.set(n, v) }
        let result = program.evaluate(activation)
        if let expected = test["value"] {
            guard let want = celValue(expected) else { return .skipped("unsupported expected value") }
            switch result {
            case .success(let got):
                return strictEquals(got, want) ? .passed : .failed("\(expr): got \(got), want \(want)")
            case .failure(let e):
                return .failed("\(expr): error '\(e.message)', want \(want)")
            }
        }
        switch result {
        case .success(let got): return .failed("\(expr): got \(got), want an error")
        case .failure: return .passed
        }
    }

    static func celType(_ t: TextProto) -> CELType? {
        if let p = t["primitive"]?.string {
            switch p {
            case "BOOL": return .bool
            case "INT64": return .int
            case "UINT64": return .uint
            case "DOUBLE": return .double
            case "STRING": return .string
            case "BYTES": return .bytes
            default: return nil
            }
        }
        if let w = t["well_known"]?.string {
            switch w {
            case "TIMESTAMP": return .timestamp
            case "DURATION": return .duration
            default: return nil
            }
        }
        if let l = t["list_type"] { return l["elem_type"].flatMap(celType).map { .list($0) } }
        if let m = t["map_type"] {
            guard let k = m["key_type"].flatMap(celType), let v = m["value_type"].flatMap(celType) else { return nil }
            return .map(k, v)
        }
        if t["dyn"] != nil { return .dyn }
        if t["null"] != nil { return .null }
        if t["type"] != nil { return .type }
        return nil
    }

    static func celValue(_ v: TextProto) -> CELValue? {
        guard let (name, x) = v.fieldNames.first.flatMap({ n in v[n].map { (n, $0) } }) else { return nil }
        switch name {
        case "int64_value": return x.string.flatMap { Int64($0) }.map { .int($0) }
        case "uint64_value": return x.string.flatMap { UInt64($0) }.map { .uint($0) }
        case "double_value":
            guard let s = x.string else { return nil }
            switch s.lowercased() {
            case "nan": return .double(.nan)
            case "inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            default: return Double(s).map { .double($0) }
            }
        case "string_value": return x.rawBytes.map { .string(String(decoding: $0, as: UTF8.self)) }
        case "bytes_value": return x.rawBytes.map { .bytes($0) }
        case "bool_value": return .bool(x.string == "true")
        case "null_value": return .null
        case "list_value":
            var out: [CELValue] = []
            for item in x.all("values") {
                guard let c = celValue(item) else { return nil }
                out.append(c)
            }
            return .list(out)
        case "map_value":
            var m = CELMap()
            for e in x.all("entries") {
                guard let k = e["key"].flatMap(celValue)?.mapKey, let val = e["value"].flatMap(celValue) else { return nil }
                m[k] = val
            }
            return .map(m)
        case "type_value":
            guard let s = x.string else { return nil }
            if let t = Compiler.typeNames[s] { return .type(t) }
            return nil
        default: return nil
        }
    }

    /// Exact equality for comparing results: kinds must match (1 is not 1u), NaN equals NaN.
    static func strictEquals(_ a: CELValue, _ b: CELValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x == y
        case (.uint(let x), .uint(let y)): return x == y
        case (.double(let x), .double(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { strictEquals($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in zip(x.keys, x.values) {
                guard let w = y[k], strictEquals(v, w) else { return false }
            }
            return true
        case (.type(let x), .type(let y)): return x.runtimeKind == y.runtimeKind
        default:
            return a.celType == b.celType && celEquals(a, b)
        }
    }
}
