import Foundation
import GovPackCore
import GovPackTestSupport
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

    /// The fast renderer's Markdown shortcut: where it says a text needs no escaping,
    /// `Transforms.markdown` indeed returns it unchanged; where it is unsure it says no.
    @Test(arguments: [
        ("plain text 42", true), ("– missing", true), ("café, naïve", true), ("x # y - z + w", true), ("1.5%", true),
        ("-350.00", false), ("  # heading", false), ("- item", false), ("+ item", false), ("a|b", false), ("*bold*", false),
        ("snake_case", false), ("back\\slash", false), ("`code`", false), ("[link]", false), ("~x~", false), ("<b>", false),
        ("two\nlines", false), ("cr\r\nlf", false), ("|\u{301}", false), ("#\u{301}", false), (" \u{301}# x", true),
    ])
    func markdownShortcutAgreesWithTransforms(text: String, asIs: Bool) {
        #expect(FastRenderer.markdownAsIs(text) == asIs)
        if asIs { #expect(Transforms.markdown(text) == text) }
    }

    /// HTML escaping into the byte buffer gives what swift-mustache's escaping gives, after
    /// whatever the buffer held.
    @Test(arguments: [
        "", "plain text", "Tom & Jerry's <b>\"bold\"</b>", "a<b>c&d\"e'f", "café <naïve> & 'quoted'",
        "<\u{0338} a less-than with a combining mark", "e\u{0301}<x>", "日本語 & <中文>", "🙂<🙂>&", "\u{0}<nul>",
    ])
    func htmlEscapeIntoBytesMatchesMustache(text: String) {
        var out = Array("head|".utf8)
        HTMLContentTypeFast.append(text, to: &out)
        #expect(out == Array(("head|" + FastPathTests.mustacheEscape(text)).utf8))
    }

    @Test func htmlEscapeIntoBytesWorkedExample() {
        var out: [UInt8] = []
        HTMLContentTypeFast.append("R&D <2026> \"Q4\" 'plan' é", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "R&amp;D &lt;2026&gt; &quot;Q4&quot; &#39;plan&#39; é")
    }

    /// A template's ops, worked out by hand: a section's body runs to the op its `b` names.
    @Test func opsAreLaidOutFlat() throws {
        let t = try #require(CompiledTemplate.parse("a{{#s}}b{{x}}{{/s}}{{>p}}{{{y}}}"))
        #expect(t.ops.map(\.code) == [.text, .section, .text, .escaped, .partial, .raw])
        #expect(t.ops[1].b == 4)
        #expect(t.names.map(\.parts) == [["s"], ["x"], ["y"]])
        #expect(t.partials == ["p"])
        #expect(t.ops[4].b == -1)
        #expect(String(decoding: t.bytes, as: UTF8.self) == "ab")
    }

    /// The name check stops at the first fault in the order the tags are walked, whether it
    /// needs the model (an unknown name) or not (a function, a missing partial), and checks
    /// nothing inside an empty list.
    struct CheckCase: CustomTestStringConvertible, Sendable {
        var label: String
        var board: String
        var partial: String = ""
        /// nil: the render succeeds.
        var fault: (file: String, line: Int, column: Int, message: String)?
        var testDescription: String { label }
    }

    static let checkCases: [CheckCase] = [
        CheckCase(label: "unknown name before a function", board: "{{summry}} {{f(x)}}\n",
                  fault: ("board", 1, 1, "unknown value 'summry': the view model has no such name here")),
        CheckCase(label: "function before an unknown name", board: "{{packTitle}}\n {{f(x)}} {{summry}}\n",
                  fault: ("board", 2, 2, "'f(x)': template functions are not available; values arrive formatted (see Transforms)")),
        CheckCase(label: "missing partial", board: "{{packTitle}}\n{{> nopartial}}\n{{summry}}",
                  fault: ("board", 2, 1, "no partial named 'nopartial' (expected Templates/partials/nopartial.md.mustache)")),
        CheckCase(label: "dotted name", board: "{{summary.active}} {{summary.rag.nope}}\n",
                  fault: ("board", 1, 20, "unknown value 'summary.rag.nope': the view model has no such name here")),
        CheckCase(label: "a section's names end with it", board: "{{#summary}}{{active}}{{/summary}}{{active}}\n",
                  fault: ("board", 1, 35, "unknown value 'active': the view model has no such name here")),
        CheckCase(label: "an inverted section pushes nothing", board: "{{^summary}}{{active}}{{/summary}}\n",
                  fault: ("board", 1, 13, "unknown value 'active': the view model has no such name here")),
        CheckCase(label: "fault inside a partial", board: "{{#summary}}\n{{> mine}}\n{{/summary}}\n",
                  partial: "{{active}}\n  {{packTitle}} {{bad}}\n",
                  fault: ("mine", 2, 17, "unknown value 'bad': the view model has no such name here")),
        CheckCase(label: "a partial sees its section's names", board: "{{#summary}}{{> mine}}{{/summary}}\n", partial: "{{active}}"),
        CheckCase(label: "a partial outside the section does not", board: "{{#summary}}{{/summary}}{{> mine}}\n", partial: "{{active}}",
                  fault: ("mine", 1, 1, "unknown value 'active': the view model has no such name here")),
        CheckCase(label: "nothing checked in an empty list", board: "{{#change}}{{bogus}}{{> mine}}{{/change}}{{packTitle}}\n",
                  partial: "{{alsoBogus}}"),
        CheckCase(label: "after an empty list, names are checked again", board: "{{#change}}{{bogus}}{{/change}} {{bogus}}\n",
                  fault: ("board", 1, 33, "unknown value 'bogus': the view model has no such name here")),
        CheckCase(label: "static faults count in an empty list", board: "{{#change}}{{f(x)}}{{/change}}\n",
                  fault: ("board", 1, 12, "'f(x)': template functions are not available; values arrive formatted (see Transforms)")),
        CheckCase(label: "a list's rows are one dictionary", board: "{{#topRisks}}{{title}}{{packTitle}}{{/topRisks}}\n"),
    ]

    @Test(arguments: checkCases)
    func nameCheckStopsAtTheFirstFault(c: CheckCase) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let board = try dir.write("board.md.mustache", c.board)
        let mine = try dir.write("partials/mine.md.mustache", c.partial)
        let renderer = try PackRenderer(templatesOverride: dir.url)
        guard let f = c.fault else {
            _ = try renderer.render(Fixture.input(), packs: [.board], format: .md)
            return
        }
        let file = f.file == "board" ? board.path : mine.path
        #expect(throws: TemplateError(file: file, line: f.line, column: f.column, message: f.message)) {
            _ = try renderer.render(Fixture.input(), packs: [.board], format: .md)
        }
    }
}
