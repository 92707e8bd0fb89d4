import Foundation
import GovPackCore
import Mustache
import Testing

@testable import GovPackRender

/// `FastRenderer` against swift-mustache, byte for byte: every shipped template over the golden
/// fixtures, and small templates built to catch the places where Mustache's whitespace rules
/// and name lookup are easy to get wrong.
@Suite struct CompiledTemplateTests {
    /// Every shipped template is read by the fast reader (none silently falls back).
    @Test(arguments: OutputFormat.allCases)
    func everyShippedTemplateCompiles(format: OutputFormat) throws {
        let set = try TemplateSet(override: nil)
        let keys = (set.sources[format] ?? [:]).keys.sorted()
        #expect(keys.count > 20)
        let missing = keys.filter { set.compiled[format]?[$0] == nil }
        #expect(missing == [])
    }

    /// Every pack of both fixtures, rendered by each engine: the same files, the same bytes, and
    /// the fast renderer never needed its fallback.
    @Test(arguments: OutputFormat.allCases, [false, true])
    func shippedPacksAreIdentical(format: OutputFormat, history: Bool) throws {
        let input = history ? Fixture.inputWithHistory() : Fixture.input()
        let renderer = try PackRenderer()
        let slow = try renderer.render(input, packs: PackKind.allCases, format: format, coverage: nil, engine: .mustache)
        let fast = try renderer.render(input, packs: PackKind.allCases, format: format, coverage: nil, engine: .fastOnly)
        #expect(slow.map(\.path) == fast.map(\.path))
        for (s, f) in zip(slow, fast) {
            #expect(Array(s.contents.utf8) == Array(f.contents.utf8), "\(f.path)")
        }
    }

    /// A template and the partials it may include, with a model.
    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var main: String
        var partials: [String: String] = [:]
        var model: @Sendable () -> [String: Any]
        /// False where the fast renderer must hand the file to swift-mustache.
        var fast = true
        var testDescription: String { label }
    }

    static let model: @Sendable () -> [String: Any] = {
        [
            "name": "Tom & Jerry's <b>\"bold\"</b>", "md": "a|b *c* # not a heading", "svg": "<svg><g/></svg>",
            "yes": true, "no": false, "n": 42, "zero": 0, "ratio": 1.5, "empty": [[String: Any]](), "nothing": [Any](),
            "rows": [["id": "R-1", "title": "first"], ["id": "R-2", "more": [["x": "deep"] as [String: Any]]], ["id": "R-3"]] as [[String: Any]],
            "tags": ["a", "b<c"], "mixed": [["id": "D"] as [String: Any], "plain", 7, true] as [Any],
            "obj": ["a": ["b": ["c": "dotted"] as [String: Any]] as [String: Any], "s": "inner"] as [String: Any],
            "multi": "line one\nline two\n", "crlf": "x\r\ny",
        ]
    }

    static let cases: [Case] = [
        Case(label: "variables and escapes", main: "{{name}}|{{{name}}}|{{&name}}|{{ n }}|{{ratio}}|{{yes}}|{{missing}}|{{zero}}\n", model: model),
        Case(label: "markdown escapes", main: "{{%CONTENT_TYPE:MARKDOWN}}{{md}} {{name}}\n", model: model),
        Case(label: "text content type", main: "{{%CONTENT_TYPE:TEXT}}\n{{name}}\n", model: model),
        Case(label: "standalone sections", main: "{{#rows}}\n  {{id}}\n{{/rows}}\n{{^empty}}\n  none\n{{/empty}}\n", model: model),
        Case(label: "inline sections", main: " {{#yes}} in {{/yes}} | {{#no}}x{{/no}}{{^no}}not{{/no}} {{#missing}}m{{/missing}}{{^missing}}?{{/missing}}\n", model: model),
        Case(label: "indented standalone tags", main: "\t{{#rows}}  \r\n  {{id}}:{{title}}:{{name}}\r\n  {{/rows}}\t\r\n", model: model),
        Case(label: "crlf text", main: "a\r\n{{#yes}}\r\nb\r\n{{/yes}}\r\n{{crlf}}\r\n", model: model),
        Case(label: "comments", main: "{{! first }}\nline\n  {{! standalone }}  \nx {{! inline }} y\n{{! last }}", model: model),
        Case(label: "tag at end without newline", main: "start\n{{#yes}}\nin\n{{/yes}}", model: model),
        Case(label: "nested lists and outer names", main: "{{#rows}}{{id}}[{{#more}}{{x}}/{{id}}{{/more}}]{{^more}}-{{/more}}{{title}}{{/rows}}\n", model: model),
        Case(label: "dot over strings, numbers and dicts", main: "{{#tags}}<{{.}}>{{/tags}}{{#n}}{{.}}{{/n}}{{#mixed}}({{id}}){{/mixed}}\n", model: model),
        Case(label: "dotted names", main: "{{obj.a.b.c}} {{obj.s}} {{obj.a.x}} {{#obj}}{{s}}{{a.b.c}}{{/obj}} {{obj.s.length}} {{#obj.a}}{{b.c}}{{/obj.a}}\n", model: model),
        Case(label: "top-only names", main: "{{#obj}}{{.s}}|{{.name}}{{/obj}}\n", model: model),
        Case(label: "empty lists", main: "{{#empty}}x{{/empty}}{{^empty}}e{{/empty}}{{^nothing}}n{{/nothing}}{{#nothing}}y{{/nothing}}\n", model: model),
        Case(label: "unicode newlines", main: "é{{name}}\u{2028}{{#yes}}\u{2028}z\u{85}{{/yes}}\r{{n}}\n", model: model),
        Case(label: "standalone partial with indentation",
             main: "head\n  {{> p}}\n    {{>q}}\ntail {{>p}} end\n",
             partials: ["p": "line1\n{{multi}}{{#rows}}\n{{id}}\n{{/rows}}\n", "q": "q1\n  {{>p}}\nq2 {{name}}\n"], model: model),
        Case(label: "partial with crlf and tabs", main: "\t{{>p}}\r\nafter\r\n", partials: ["p": "a\r\nb\r\n{{crlf}}\r\n"], model: model),
        Case(label: "partial at the very start and end", main: "{{>p}}\nmid\n{{>p}}", partials: ["p": "P{{n}}\n"], model: model),
        Case(label: "partial in a section", main: "{{#rows}}\n  {{>p}}\n{{/rows}}\n", partials: ["p": "- {{id}}\n  {{title}}\n"], model: model),
        Case(label: "partial starting with a content type", main: "{{%CONTENT_TYPE:MARKDOWN}}\n{{md}}\n  {{>p}}\n",
             partials: ["p": "{{%CONTENT_TYPE:MARKDOWN}}{{md}}\n{{name}}\n"], model: model),
        Case(label: "partial without a content type is HTML", main: "{{%CONTENT_TYPE:MARKDOWN}}\n{{>p}}\n", partials: ["p": "{{name}}\n"], model: model),
        Case(label: "only text", main: "plain { text } {not a tag}\n", model: model),
        Case(label: "empty template", main: "", model: model),
        Case(label: "a dictionary as a value falls back", main: "{{obj}}\n", model: model, fast: false),
        Case(label: "a list as a value falls back", main: "{{tags}}\n", model: model, fast: false),
        Case(label: "set delimiters fall back", main: "{{=<% %>=}}\n<% name %>\n", model: model, fast: false),
        Case(label: "an optional in the model falls back", main: "{{#opt}}x{{/opt}}\n", model: { ["opt": Optional<String>.none as Any] }, fast: false),
        Case(label: "a dictionary of another type falls back", main: "{{#d}}{{x}}{{/d}}\n", model: { ["d": ["x": "y"] as [String: String]] }, fast: false),
        Case(label: "a type it does not know falls back", main: "{{d}}\n", model: { ["d": Day(daysSinceEpoch: 3)] }, fast: false),
    ]

    @Test(arguments: cases)
    func awkwardTemplatesAreIdentical(c: Case) throws {
        _ = try TemplateSet(override: nil)  // registers our content types
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in c.partials.merging(["main": c.main], uniquingKeysWith: { a, _ in a }) {
            library.register(try MustacheTemplate(string: text), named: name)
            compiled[name] = CompiledTemplate.parse(text)
        }
        let model = c.model()
        let expected = try #require(library.render(model, withTemplate: "main"))
        var fast = FastRenderer(templates: compiled)
        let got = try? fast.render("main", model: model)
        if c.fast {
            #expect(got.map { Array($0.utf8) } == Array(expected.utf8))
        } else {
            #expect(got == nil)
        }
    }

    /// What the renderer writes, worked out by hand from Mustache's rules: a standalone tag's
    /// line goes, and a standalone partial's lines each get its indentation.
    @Test func workedExample() throws {
        let t = try #require(CompiledTemplate.parse("<ul>\n  {{#rows}}\n  {{>item}}\n  {{/rows}}\n</ul>\n"))
        let item = try #require(CompiledTemplate.parse("<li>{{id}}</li>\n<li>&amp;</li>\n"))
        var r = FastRenderer(templates: ["main": t, "item": item])
        let out = try r.render("main", model: ["rows": [["id": "a<b"], ["id": "c"]] as [[String: Any]]])
        #expect(out == "<ul>\n  <li>a&lt;b</li>\n  <li>&amp;</li>\n  <li>c</li>\n  <li>&amp;</li>\n</ul>\n")
    }

    /// The name check's view of a list: the rows merged in order, a key taking its first value
    /// that is not an empty list, or else its last.
    @Test func nameCheckerRowsActLikeTheMergedRows() throws {
        let empty: [[String: Any]] = []
        let full: [[String: Any]] = [["c": "1"]]
        let rows = NameChecker.Rows(rows: [["a": empty, "b": "x", "e": empty], ["a": full, "b": "y", "e": [String]()], ["d": true]])
        #expect((rows["a"] as? [[String: Any]])?.count == 1)
        #expect(rows["b"] as? String == "x")
        #expect(rows["d"] as? Bool == true)
        #expect((rows["e"] as? [String])?.isEmpty == true)
        #expect(rows["z"] == nil)
    }
}
