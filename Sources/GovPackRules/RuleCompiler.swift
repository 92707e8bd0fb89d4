import CEL
import Foundation
import GovPackCore

/// The CEL environment of a scope: the row variable, `period`, `report_date` and `config`.
enum RuleEnvironment {
    static let configType = CELObjectType(
        name: "config", fields: RuleConfig().entries.map { name, v in
            switch v {
            case .int: (name: name, type: CELType.int)
            case .double: (name: name, type: CELType.double)
            }
        })

    static func make(_ scope: RuleScope) -> CELEnvironment {
        var env = CELEnvironment.standard
        env.enableDateExtensions()
        // to_fixed(x, digits): a number shown with a fixed number of decimals, for messages.
        env.function("to_fixed", returns: .string) { args in
            guard args.count == 2, case .int(let digits) = args[1], (0...6).contains(digits) else {
                return .failure(CELError("no such overload: to_fixed(double, int)"))
            }
            let x: Double
            switch args[0] {
            case .double(let d): x = d
            case .int(let i): x = Double(i)
            default: return .failure(CELError("no such overload: to_fixed(double, int)"))
            }
            return .success(.string(String(format: "%.\(digits)f", x)))
        }
        let type: CELType
        switch scope {
        case .portfolio: type = .object(RuleSchema.shared.portfolioType)
        case .entity(let e): type = .object(RuleSchema.shared.type(e))
        }
        env.declare(scope.name, type)
        env.declare("period", .string)
        env.declare("report_date", .timestamp)
        env.declare("config", .object(configType))
        return env
    }

    static func activation(_ env: CELEnvironment, index: RuleIndex, config: RuleConfig) -> CELActivation {
        var a = CELActivation(env: env)
        a.set("period", .string(index.period.description))
        a.set("report_date", CELBridge.timestamp(index.period.end))
        a.set("config", .object(configType, ConfigObject(config)))
        return a
    }
}

final class ConfigObject: CELObject {
    let values: [CELValue]

    init(_ c: RuleConfig) {
        values = c.entries.map { _, v in
            switch v {
            case .int(let i): .int(Int64(i))
            case .double(let d): .double(d)
            }
        }
    }

    func celField(_ i: Int) -> CELValue? { i < values.count ? values[i] : nil }
}

/// Compiles a rule's expressions, reporting errors at their place in the pack file.
enum RuleCompiler {
    static func compile(_ rule: Rule, pack: RulePack, diagnostics: DiagnosticSink) -> CompiledRule? {
        let env = RuleEnvironment.make(rule.scope)
        var ok = true
        func program(_ key: String, _ source: String, offsetInText: Int = 0) -> CELProgram? {
            do {
                return try CELProgram.compile(source, in: env)
            } catch {
                ok = false
                report(error, key: key, source: source, offsetInText: offsetInText, rule: rule, pack: pack, diagnostics)
                return nil
            }
        }
        let when = rule.when.flatMap { program("when", $0) }
        let assert = program("assert", rule.assert)
        var parts: [CompiledRule.MessagePart] = []
        var rest = Substring(rule.message)
        var consumed = 0
        while let open = rest.range(of: "{{") {
            parts.append(.text(String(rest[..<open.lowerBound])))
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                ok = false
                diagnostics.emit(
                    "rules.pack.message", .error, "rule '\(rule.id)': '{{' in the message has no closing '}}'",
                    at: rule.textOrigins["message"] ?? rule.location)
                break
            }
            let expr = String(rest[open.upperBound..<close.lowerBound])
            let offset = consumed + rest.distance(from: rest.startIndex, to: open.upperBound)
            if let p = program("message", expr, offsetInText: offset) { parts.append(.expression(p)) }
            consumed += rest.distance(from: rest.startIndex, to: close.upperBound)
            rest = rest[close.upperBound...]
        }
        parts.append(.text(String(rest)))
        guard ok, let assert else { return nil }
        return CompiledRule(rule: rule, when: when, assert: assert, message: parts, env: env)
    }

    /// Maps a position inside an expression back to the pack file and shows the line with a caret.
    static func report(
        _ e: CELCompileError, key: String, source: String, offsetInText: Int, rule: Rule, pack: RulePack,
        _ diagnostics: DiagnosticSink
    ) {
        var location = rule.textOrigins[key] ?? rule.location
        var excerpt: String?
        if let origin = rule.textOrigins[key] {
            // Line and column of the fault inside the whole text (message offsets included).
            let lineInExpr = e.line
            let columnInExpr = e.column + (lineInExpr == 1 ? offsetInText : 0)
            location.line = origin.line + lineInExpr - 1
            location.column = origin.column + columnInExpr - 1
            let lines = pack.source.split(separator: "\n", omittingEmptySubsequences: false)
            if location.line >= 1 && location.line <= lines.count {
                let text = String(lines[location.line - 1])
                excerpt = "    " + text + "\n    " + String(repeating: " ", count: max(0, location.column - 1)) + "^"
            }
        } else {
            excerpt = e.rendered(source: source)
        }
        diagnostics.append(Diagnostic(
            id: "rules.pack.cel", severity: .error, message: "rule '\(rule.id)' \(key): \(e.message)",
            location: location, hint: "the rule is left out until this is fixed", excerpt: excerpt))
    }
}
