import ArgumentParser
import Foundation
import GovPackCore
import GovPackPipeline
import GovPackRules

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, explain and test rule packs.",
        subcommands: [List.self, Explain.self, Test.self]
    )

    struct PackOptions: ParsableArguments {
        @Option(name: .customLong("rules"), help: "Rule packs to read ('default' is the PMO standard).")
        var packs: [String] = []

        func load() throws -> [RulePack] {
            let sink = DiagnosticSink()
            let names = packs.isEmpty ? ["default"] : packs
            let loaded = names.compactMap { name in
                name == "default" ? RulePackLoader.loadDefault(diagnostics: sink) : RulePackLoader.load(path: name, diagnostics: sink)
            }
            _ = RuleEngine(packs: loaded, diagnostics: sink)
            let problems = sink.all
            for d in problems { printError(d.formatted) }
            if problems.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
            return loaded
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules: id, severity, scope, owner and title.")
        @OptionGroup var options: PackOptions

        func run() throws {
            for pack in try options.load() {
                print("\(pack.title) (\(pack.rules.count) rules)")
                for r in pack.rules {
                    let id = r.id.padding(toLength: 38, withPad: " ", startingAt: 0)
                    let sev = r.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                    let scope = r.scope.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    print("  \(id) \(sev) \(scope) \(r.title) [\(r.role.rawValue)]")
                }
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one rule: what it checks, why, and examples.")
        @Argument(help: "The rule id, e.g. risk.escalated (a leading 'rule.' is allowed).")
        var id: String
        @OptionGroup var options: PackOptions

        func run() throws {
            let wanted = id.hasPrefix("rule.") ? String(id.dropFirst(5)) : id
            let rules = try options.load().flatMap(\.rules)
            guard let r = rules.first(where: { $0.id == wanted }) else {
                let near = rules.map(\.id).filter { $0.contains(wanted) || wanted.contains($0) }
                printError("govpack: no rule '\(wanted)'" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"))
                throw ExitCode(64)
            }
            print("\(r.id): \(r.title)")
            print("  owner:     \(r.role.rawValue)")
            print("  scope:     \(r.scope.name) (each \(r.scope.name) row is the variable '\(r.scope.name)')")
            print("  severity:  \(r.severity.rawValue)")
            if let w = r.when { print("  when:      \(w)") }
            print("  assert:    \(r.assert)")
            print("  message:   \(r.message)")
            if let why = r.rationale { print("  why:       \(why)") }
            print("  defined:   \(r.location)")
            for (title, examples) in [("passes on", r.passExamples), ("fails on", r.failExamples)] {
                for ex in examples {
                    let rows = ex.rows.keys.sorted().map { key in
                        key + ": " + (ex.rows[key] ?? []).map { row in
                            "{" + row.keys.sorted().map { "\($0): \(row[$0] ?? "")" }.joined(separator: ", ") + "}"
                        }.joined(separator: ", ")
                    }
                    let figures = ex.figures.isEmpty ? [] : ["figures: {" + ex.figures.keys.sorted().map { "\($0): \(ex.figures[$0] ?? "")" }.joined(separator: ", ") + "}"]
                    print("  \(title): " + (rows + figures).joined(separator: "; "))
                }
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples: passing ones must pass, failing ones must fail.")
        @OptionGroup var options: PackOptions

        func run() throws {
            var failures = 0
            var total = 0
            for pack in try options.load() {
                for o in RuleExamples.run(pack) {
                    total += 1
                    if o.problem != nil {
                        failures += 1
                        print("\(o.location): error: [rules.example] \(o.ruleID): \(o.problem ?? "")")
                    }
                }
            }
            print("\(total - failures) passed, \(failures) failed")
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
