import Foundation
import Mustache

/// Escapes values for Markdown: the content type of every `.md` template.
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { Transforms.markdown(text) }
}

/// Escapes values for HTML exactly as Mustache's own HTML content type does (`<`, `>`, `&`, `"`
/// and `'`, matched as whole characters), without its per-character dictionary lookups: text with
/// none of the five (nearly all of it) is returned as it is, ASCII text is escaped byte by byte.
struct HTMLContentTypeFast: MustacheContentType {
    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var special = false
        var ascii = true
        for b in text.utf8 {
            if b >= 0x80 {
                ascii = false
            } else if b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0x27 {
                special = true
            }
        }
        guard special else { return text }
        guard ascii else { return characterWise(text) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        appendEscapedASCII(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// ASCII bytes with the five specials written as entities.
    @inline(__always)
    static func appendEscapedASCII<Bytes: Sequence<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
    }

    /// The five characters HTML escapes are all below 64: one bit each, so a byte is tested with
    /// a shift instead of five comparisons.
    static let specials: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    /// Appends `text` escaped as `escape` does, straight into `out`: no String is made for the
    /// escaped text (the fast renderer's files are bytes).
    static func append(_ text: String, to out: inout [UInt8]) {
        // A native String's bytes are read where they are; `withUTF8` wanted a mutable copy (a
        // retain and a release per value).
        let done = text.utf8.withContiguousStorageIfAvailable { u -> Bool in
            var special = false
            var ascii = true
            for b in u {
                if b >= 0x80 {
                    ascii = false
                } else if b < 64 && (specials >> b) & 1 != 0 {
                    special = true
                }
            }
            if !special {
                out.append(contentsOf: u)
                return true
            }
            guard ascii else { return false }
            appendEscapedASCII(u, to: &out)
            return true
        }
        switch done {
        case true?: return
        case false?: out.append(contentsOf: characterWise(text).utf8)
        case nil:
            // Not contiguous (a bridged string): the same work on a contiguous copy.
            var copy = text
            copy.makeContiguousUTF8()
            append(copy, to: &out)
        }
    }

    /// Mustache's algorithm, for text beyond ASCII: a `<` that a combining mark follows is part
    /// of another character and stays as it is.
    private static let replacements: [Character: String] = ["<": "&lt;", ">": "&gt;", "&": "&amp;", "\"": "&quot;", "'": "&#39;"]

    static func characterWise(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            if let r = replacements[c] { out += r } else { out.append(c) }
        }
        return out
    }
}

/// The templates of one run: the shipped ones (`Templates/`, compiled in as
/// `EmbeddedTemplates.files`), each replaced by a file of the same name from an override folder.
///
/// Names: `Templates/<folder>/<name>.<format>.mustache` is registered as `<name>` in the library of
/// its format, so a pack template includes a partial as `{{> glossary}}` and gets the HTML or the
/// Markdown version according to its own format. An override folder may hold the same relative
/// path (`board/board.html.mustache`) or just the file name (`board.html.mustache`).
struct TemplateSet: Sendable {
    struct Source: Sendable {
        /// Relative path under `Templates/`, e.g. `board/board.html.mustache`.
        var name: String
        /// What errors print: the relative name, or the override file's path.
        var display: String
        var text: String
        var format: OutputFormat
        /// `board` for `board/board.html.mustache`.
        var key: String
    }

    /// `{{% CONTENT_TYPE: ... }}` put before the first byte; error columns on line 1 are corrected.
    /// HTML's is a line of its own (a standalone tag, removed with its line end), so that the
    /// template's first line stays standalone or not as it was.
    static func pragma(_ f: OutputFormat) -> String {
        f == .md ? "{{%CONTENT_TYPE:MARKDOWN}}" : "{{%CONTENT_TYPE:GOVPACK_HTML}}\n"
    }

    private static let registerMarkdown: Void = {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLContentTypeFast(), named: "GOVPACK_HTML")
    }()

    var sources: [OutputFormat: [String: Source]] = [:]
    var libraries: [OutputFormat: MustacheLibrary] = [:]
    /// The same templates for `FastRenderer`, by format and key; one it cannot read is absent
    /// and renders through swift-mustache.
    var compiled: [OutputFormat: [String: CompiledTemplate]] = [:]
    /// Tags of each template, for the unknown-name check, by format and key.
    var tags: [OutputFormat: [String: [Tag]]] = [:]
    /// The same tags as the name check walks them, by format and key.
    var checks: [OutputFormat: [String: CheckPlan]] = [:]

    init(override: URL?) throws {
        _ = Self.registerMarkdown
        var files: [String: (display: String, text: String)] = [:]
        for (name, text) in EmbeddedTemplates.files { files[name] = (name, text) }
        if let override { try Self.applyOverride(override, to: &files) }

        for name in files.keys.sorted() {
            guard let file = files[name], let parsed = Self.parseName(name) else { continue }
            let s = Source(name: name, display: file.display, text: file.text, format: parsed.format, key: parsed.key)
            sources[s.format, default: [:]][s.key] = s
        }
        for format in OutputFormat.allCases {
            var library = MustacheLibrary()
            var formatTags: [String: [Tag]] = [:]
            var formatCompiled: [String: CompiledTemplate] = [:]
            for (key, s) in sources[format] ?? [:] {
                let prefix = Self.pragma(format)
                do {
                    library.register(try MustacheTemplate(string: prefix + s.text), named: key)
                } catch let e as MustacheTemplate.ParserError {
                    var line = e.context.lineNumber
                    var column = e.context.columnNumber
                    if prefix.hasSuffix("\n") {
                        line -= 1
                    } else if line == 1 {
                        column -= prefix.count
                    }
                    throw TemplateError(file: s.display, line: max(line, 1), column: max(column, 1),
                                        message: "cannot parse the template: \(e.error)")
                }
                formatTags[key] = try TagScanner.scan(s.text, file: s.display)
                formatCompiled[key] = CompiledTemplate.parse(prefix + s.text)
            }
            libraries[format] = library
            compiled[format] = formatCompiled
            tags[format] = formatTags
            checks[format] = formatTags.mapValues { CheckPlan(tags: $0, format: format, sources: sources[format] ?? [:]) }
        }
    }

    /// `board/board.html.mustache` -> (.html, "board").
    static func parseName(_ name: String) -> (format: OutputFormat, key: String)? {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard base.hasSuffix(".mustache") else { return nil }
        let stem = base.dropLast(".mustache".count)
        guard let dot = stem.lastIndex(of: "."), let f = OutputFormat(rawValue: String(stem[stem.index(after: dot)...]))
        else { return nil }
        return (f, String(stem[..<dot]))
    }

    /// Reads the override folder. The folder itself may be a symbolic link (the user named it),
    /// but a link inside it is refused: it could make a template of any file on the machine.
    static func applyOverride(_ given: URL, to files: inout [String: (display: String, text: String)]) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: given.path, isDirectory: &isDir), isDir.boolValue else {
            throw TemplateError(file: given.path, line: 0, column: 0, message: "the templates folder does not exist")
        }
        let dir = given.standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { return }
        var found: [String] = []
        for case let url as URL in walker {
            var st = stat()
            if lstat(url.path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK {
                throw TemplateError(
                    file: url.path, line: 0, column: 0,
                    message: "is a symbolic link; templates must be files inside the templates folder (a link could read files elsewhere)")
            }
            if url.lastPathComponent.hasSuffix(".mustache") { found.append(url.path) }
        }
        let root = dir.standardizedFileURL.path
        for path in found.sorted() {
            let std = URL(fileURLWithPath: path).standardizedFileURL.path
            var rel = std.hasPrefix(root + "/") ? String(std.dropFirst(root.count + 1)) : URL(fileURLWithPath: path).lastPathComponent
            if files[rel] == nil {
                // A bare file name replaces the shipped template of that name wherever it lives.
                let base = URL(fileURLWithPath: path).lastPathComponent
                if let match = files.keys.first(where: { $0.split(separator: "/").last.map(String.init) == base }) {
                    rel = match
                }
            }
            guard parseName(rel) != nil else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(file: path, line: 0, column: 0, message: "the template is not UTF-8")
            }
            files[rel] = (path, text)
        }
    }

    func source(_ key: String, _ format: OutputFormat) -> Source? { sources[format]?[key] }

    /// Checks that every name the template (and the partials it includes) uses exists in `model`,
    /// then renders it.
    /// Which renderer writes the file: `.fast` is `FastRenderer`, falling back to swift-mustache
    /// for what it does not cover. For the tests that compare the two: `.mustache` is
    /// swift-mustache alone, `.fastOnly` fails where `FastRenderer` would fall back.
    enum Engine { case fast, fastOnly, mustache }

    func render(_ key: String, format: OutputFormat, model: [String: Any], coverage: Coverage? = nil,
                engine: Engine = .fast) throws -> Data {
        guard let s = sources[format]?[key], let library = libraries[format] else {
            throw TemplateError(file: "\(key).\(format.rawValue).mustache", line: 0, column: 0,
                                message: "no such template (expected under Templates/)")
        }
        var checker = NameChecker(set: self, format: format, recording: coverage != nil)
        try checker.check(key: key, display: s.display, stack: [model])
        coverage?.checked.formUnion(checker.checked)
        if engine != .mustache {
            var fast = FastRenderer(templates: compiled[format] ?? [:])
            if engine == .fastOnly { return Data(try fast.renderBytes(key, model: model)) }
            if let out = try? fast.renderBytes(key, model: model) { return Data(out) }
        }
        guard let out = library.render(model, withTemplate: key) else {
            throw TemplateError(file: s.display, line: 0, column: 0, message: "the template did not render")
        }
        return Data(out.utf8)
    }
}

/// Which template names some render has checked, across many renders.
final class Coverage {
    var checked = Set<String>()
}

// MARK: - Tags

/// One `{{ }}` tag of a template, with where it starts.
struct Tag: Sendable {
    enum Kind: Sendable { case variable, unescaped, section, inverted, close, partial, comment, pragma, delimiters, block, parent }
    var kind: Kind
    var name: String
    var line: Int
    var column: Int
    /// The name's dotted parts (`a.b` is `a`, `b`), split once.
    var parts: [String]
    /// The checks that need no model, worked out once here rather than at every render (the
    /// `contains` went through Foundation's string search).
    var callsFunction: Bool
    var unescapedNonSVG: Bool

    init(kind: Kind, name: String, line: Int, column: Int) {
        self.kind = kind
        self.name = name
        self.line = line
        self.column = column
        parts = name.split(separator: ".").map(String.init)
        callsFunction = name.contains("(")
        unescapedNonSVG = kind == .unescaped && !name.lowercased().hasSuffix("svg")
    }
}

/// Finds the tags of a template, with 1-based line and column. Set-delimiter tags are refused:
/// the checker would not know the new delimiters.
enum TagScanner {
    static func scan(_ text: String, file: String) throws -> [Tag] {
        let b = Array(text.utf8)
        var tags: [Tag] = []
        var i = 0, line = 1, lineStart = 0
        func column(_ at: Int) -> Int {
            // Columns count characters, not bytes.
            String(decoding: b[lineStart..<at], as: UTF8.self).count + 1
        }
        while i < b.count {
            if b[i] == 0x0A {
                line += 1
                lineStart = i + 1
                i += 1
                continue
            }
            guard b[i] == 0x7B, i + 1 < b.count, b[i + 1] == 0x7B else { i += 1; continue }
            let startLine = line, startColumn = column(i)
            var j = i + 2
            var triple = false
            if j < b.count, b[j] == 0x7B { triple = true; j += 1 }
            let close: [UInt8] = triple ? [0x7D, 0x7D, 0x7D] : [0x7D, 0x7D]
            var k = j
            while k + close.count <= b.count, Array(b[k..<(k + close.count)]) != close {
                if b[k] == 0x0A { line += 1; lineStart = k + 1 }
                k += 1
            }
            guard k + close.count <= b.count else {
                throw TemplateError(file: file, line: startLine, column: startColumn, message: "unclosed tag")
            }
            var body = String(decoding: b[j..<k], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var kind = Tag.Kind.variable
            if triple {
                kind = .unescaped
            } else if let first = body.first {
                let kinds: [Character: Tag.Kind] = ["#": .section, "^": .inverted, "/": .close, ">": .partial,
                                                    "!": .comment, "%": .pragma, "=": .delimiters, "&": .unescaped,
                                                    "$": .block, "<": .parent]
                if let k = kinds[first] {
                    kind = k
                    body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
                }
            }
            if kind == .delimiters {
                throw TemplateError(file: file, line: startLine, column: startColumn,
                                    message: "set-delimiter tags are not supported: keep {{ }}")
            }
            tags.append(Tag(kind: kind, name: body, line: startLine, column: startColumn))
            i = k + close.count
        }
        return tags
    }
}

/// A template's tags as the name check walks them, worked out once when the templates load
/// rather than at every file: the checks that need no model (a template function, an unescaped
/// value, a partial that does not exist, a close that matches no open section) become one `fail`
/// where the walk would have thrown, and nothing after it is kept (the walk stops there). What
/// is left needs the model: names to resolve, sections to push, partials to enter.
struct CheckPlan: Sendable {
    struct Op: Sendable {
        enum Code: Sendable { case fail, partial, name, section, inverted, close }
        var code: Code
        /// The tag in `tags` (its line, column and name).
        var tag: Int
        /// name, inverted: the name is one part (not `.`), found by `NameChecker.exists(first)`
        /// from `firsts[tag]` alone, without reading (and retaining) the tag's parts.
        var single = false
    }

    var ops: [Op] = []
    var tags: [Tag]
    /// Each tag's first name part ("" for none).
    var firsts: [String]
    /// fail: what it says.
    var failure = ""
    /// partial: the display name of the partial it enters, by the tag's index.
    var partialDisplays: [Int: String] = [:]

    init(tags: [Tag], format: OutputFormat, sources: [String: TemplateSet.Source]) {
        self.tags = tags
        firsts = tags.map { $0.parts.first ?? "" }
        var open: [String] = []
        func fail(_ k: Int, _ m: String) {
            ops.append(Op(code: .fail, tag: k))
            failure = m
        }
        walk: for (k, t) in tags.enumerated() {
            switch t.kind {
            case .comment, .pragma, .delimiters, .block, .parent:
                continue
            case .partial:
                guard let p = sources[t.name] else {
                    fail(k, "no partial named '\(t.name)' (expected Templates/partials/\(t.name).\(format.rawValue).mustache)")
                    break walk
                }
                partialDisplays[k] = p.display
                ops.append(Op(code: .partial, tag: k))
            case .variable, .unescaped, .section, .inverted:
                if t.callsFunction {
                    fail(k, "'\(t.name)': template functions are not available; values arrive formatted (see Transforms)")
                    break walk
                }
                if t.unescapedNonSVG {
                    fail(k, "'\(t.name)' is written unescaped; only chart SVG (names ending in 'svg') may be")
                    break walk
                }
                let single = t.parts.count == 1 && t.name != "."
                switch t.kind {
                case .section: ops.append(Op(code: .section, tag: k))
                case .inverted: ops.append(Op(code: .inverted, tag: k, single: single))
                default: ops.append(Op(code: .name, tag: k, single: single))
                }
                if t.kind == .section || t.kind == .inverted { open.append(t.name) }
            case .close:
                guard let last = open.popLast(), last == t.name else {
                    fail(k, "'{{/\(t.name)}}' closes a section that is not open")
                    break walk
                }
                ops.append(Op(code: .close, tag: k))
            }
        }
    }
}

/// Walks a template's tags with the stack of view-model values mustache would see, and fails on
/// the first name that resolves nowhere. Inside a list, the names of its elements are the union
/// of every element's keys; inside an empty list there is nothing to check against, so the
/// shipped templates are checked by tests whose fixtures fill every list.
///
/// It walks each template's `CheckPlan`, whose ops are integers: walking the `Tag`s copied each
/// (its name and parts retained and released) and the frames searched were copied too, which
/// with the lookups was most of the check's time.
struct NameChecker {
    let set: TemplateSet
    let format: OutputFormat
    /// Whether to fill `checked` (for `uncheckedNames`); ordinary renders skip building its strings.
    var recording = true
    var depth = 0
    /// The stack of values, shared by a template and the partials it enters (each takes back
    /// what it pushed when it ends).
    private var frames: [Frame] = []
    /// Whether each open section pushed a frame, for every template being walked.
    private var pushed: [Bool] = []

    init(set: TemplateSet, format: OutputFormat, recording: Bool = true) {
        self.set = set
        self.format = format
        self.recording = recording
    }

    /// Marks a section whose contents cannot be checked (an empty list).
    struct Unknown {}

    /// `file:line:column` of every name resolved against the model.
    var checked = Set<String>()

    mutating func check(key: String, display: String, stack: [Any]) throws {
        frames = stack.map(Frame.init)
        pushed = []
        try check(key: key, display: display)
    }

    /// A value on the checker's stack, sorted by kind once when pushed rather than cast again
    /// for every name looked up through it (a one-pager looks up about 300). A struct, so that
    /// a lookup reads `stack[i].dict` in place: binding an enum's payload copied the frame.
    struct Frame {
        enum Kind { case dict, rows, unknown, other }
        var kind: Kind
        var dict: [String: Any] = [:]
        /// A list's rows (`Rows`).
        var rows: [[String: Any]] = []
        var other: Any = ()

        static func dict(_ d: [String: Any]) -> Frame { Frame(kind: .dict, dict: d) }
        static func rows(_ r: Rows) -> Frame { Frame(kind: .rows, rows: r.rows) }
        static var unknown: Frame { Frame(kind: .unknown) }
        static func other(_ v: Any) -> Frame { Frame(kind: .other, other: v) }

        init(kind: Kind, dict: [String: Any] = [:], rows: [[String: Any]] = [], other: Any = ()) {
            self.kind = kind
            self.dict = dict
            self.rows = rows
            self.other = other
        }

        init(_ v: Any) {
            let t = ObjectIdentifier(type(of: v))
            if t == NameChecker.dictType, let d = v as? [String: Any] {
                self = .dict(d)
            } else if t == NameChecker.rowsType, let r = v as? Rows {
                self = .rows(r)
            } else if let d = v as? [String: Any] {
                self = .dict(d)
            } else if let r = v as? Rows {
                self = .rows(r)
            } else if v is Unknown {
                self = .unknown
            } else {
                self = .other(v)
            }
        }

        /// What a section over `value` pushes (`context(of:)` sorted as `init` sorts it), nil
        /// for nothing. The view model's own types are told apart by their exact type first.
        static func pushed(by value: Any) -> Frame? {
            let t = ObjectIdentifier(type(of: value))
            if t == NameChecker.boolType { return nil }
            if t == NameChecker.dictType, let d = value as? [String: Any] { return .dict(d) }
            if t == NameChecker.dictsType, let a = value as? [[String: Any]] { return a.isEmpty ? .unknown : .rows(Rows(rows: a)) }
            return NameChecker.context(of: value).map(Frame.init)
        }

        var value: Any {
            switch kind {
            case .dict: dict
            case .rows: Rows(rows: rows)
            case .unknown: Unknown()
            case .other: other
            }
        }

        var isUnknown: Bool { kind == .unknown }
    }

    mutating func check(key: String, display: String) throws {
        guard let plan = set.checks[format]?[key] else { return }
        depth += 1
        defer { depth -= 1 }
        guard depth < 20 else {
            throw TemplateError(file: display, line: 1, column: 1, message: "partials include each other too deeply")
        }
        // What this template pushes is taken back when it ends, as when each template had a
        // stack of its own.
        let frameBase = frames.count, openBase = pushed.count
        defer {
            frames.removeLast(frames.count - frameBase)
            pushed.removeLast(pushed.count - openBase)
        }
        // Whether the top frame is an empty list's: it changes only where a frame is pushed or
        // popped (a partial leaves the stack as it found it).
        var lenient = frames.last?.isUnknown ?? false
        for op in plan.ops {
            switch op.code {
            case .fail:
                let t = plan.tags[op.tag]
                throw TemplateError(file: display, line: t.line, column: t.column, message: plan.failure)
            case .partial:
                if !lenient, let p = plan.partialDisplays[op.tag] {
                    try check(key: plan.tags[op.tag].name, display: p)
                }
            case .name:
                if !lenient {
                    guard op.single ? Self.exists(plan.firsts[op.tag], in: frames)
                        : Self.resolve(plan.tags[op.tag].name, parts: plan.tags[op.tag].parts, in: frames) != nil else {
                        throw unknown(plan, op, display)
                    }
                    if recording { record(plan, op, display) }
                }
            case .section:
                if lenient {
                    pushed.append(false)
                    continue
                }
                guard let value = Self.resolve(plan.tags[op.tag].name, parts: plan.tags[op.tag].parts, in: frames) else {
                    throw unknown(plan, op, display)
                }
                if recording { record(plan, op, display) }
                if let frame = Frame.pushed(by: value) {
                    lenient = frame.isUnknown
                    frames.append(frame)
                    pushed.append(true)
                } else {
                    pushed.append(false)
                }
            case .inverted:
                if !lenient {
                    guard op.single ? Self.exists(plan.firsts[op.tag], in: frames)
                        : Self.resolve(plan.tags[op.tag].name, parts: plan.tags[op.tag].parts, in: frames) != nil else {
                        throw unknown(plan, op, display)
                    }
                    if recording { record(plan, op, display) }
                }
                pushed.append(false)
            case .close:
                // The plan matched every close with its open section.
                if pushed.removeLast() {
                    frames.removeLast()
                    lenient = frames.last?.isUnknown ?? false
                }
            }
        }
    }

    private func unknown(_ plan: CheckPlan, _ op: CheckPlan.Op, _ display: String) -> TemplateError {
        let t = plan.tags[op.tag]
        return TemplateError(file: display, line: t.line, column: t.column,
                             message: "unknown value '\(t.name)': the view model has no such name here")
    }

    private mutating func record(_ plan: CheckPlan, _ op: CheckPlan.Op, _ display: String) {
        let t = plan.tags[op.tag]
        checked.insert("\(display):\(t.line):\(t.column)")
    }

    /// Whether `resolve` finds a value for a name of one part `first` (not `.`), without
    /// copying it out: it needs only to be a key of the first frame that has it.
    static func exists(_ first: String, in stack: [Frame]) -> Bool {
        var i = stack.count - 1
        while i >= 0 {
            switch stack[i].kind {
            case .dict:
                if stack[i].dict.index(forKey: first) != nil { return true }
            case .rows:
                var j = 0
                while j < stack[i].rows.count {
                    if stack[i].rows[j].index(forKey: first) != nil { return true }
                    j += 1
                }
            case .unknown:
                return true
            case .other:
                break
            }
            i -= 1
        }
        return false
    }

    /// What a section pushes: a dictionary, the union of a list's element keys, or nothing for a
    /// Bool.
    static func context(of value: Any?) -> Any? {
        // The view model's own types first, told apart by their exact type: each `as?` below
        // that fails is a conformance search in the runtime, and this runs per section per file.
        if let value {
            let t = ObjectIdentifier(type(of: value))
            if t == boolType { return nil }
            if t == dictType, let d = value as? [String: Any] { return d }
            if t == dictsType, let a = value as? [[String: Any]] { return merged(a) }
        }
        switch value {
        case let d as [String: Any]: return d
        case let a as [[String: Any]]:
            return merged(a)
        case let a as [Any]:
            guard let first = a.first else { return Unknown() }
            return context(of: first) ?? first
        case is Bool: return nil
        case let v?: return v
        case nil: return nil
        }
    }

    /// The union of a list's element keys; a key's value is its first that is not an empty list.
    static func merged(_ a: [[String: Any]]) -> Any {
        guard !a.isEmpty else { return Unknown() }
        return Rows(rows: a)
    }

    /// A list's rows seen as the one dictionary that merging them in order would give (a key's
    /// value is its first that is not an empty list, or else its last), looked up without
    /// building it: a name is usually in the first row, and the merge hashed every key of every
    /// row once per section per file.
    struct Rows {
        let rows: [[String: Any]]

        subscript(key: String) -> Any? { Self.lookup(key, in: rows) }

        static func lookup(_ key: String, in rows: [[String: Any]]) -> Any? {
            var last: Any? = nil
            var j = 0
            while j < rows.count {
                if let v = rows[j][key] {
                    if !NameChecker.isEmptyList(v) { return v }
                    last = v
                }
                j += 1
            }
            return last
        }
    }

    fileprivate static let boolType = ObjectIdentifier(Bool.self)
    private static let stringType = ObjectIdentifier(String.self)
    fileprivate static let dictType = ObjectIdentifier([String: Any].self)
    fileprivate static let dictsType = ObjectIdentifier([[String: Any]].self)
    fileprivate static let rowsType = ObjectIdentifier(Rows.self)

    static func isEmptyList(_ v: Any) -> Bool {
        // Strings are most of the values and never lists; a list of rows needs no conversion.
        let t = ObjectIdentifier(type(of: v))
        if t == stringType || t == boolType || t == dictType { return false }
        if t == dictsType, let a = v as? [[String: Any]] { return a.isEmpty }
        return (v as? [Any])?.isEmpty == true
    }

    static func resolve(_ name: String, parts: [String], in stack: [Frame]) -> Any? {
        if name == "." { return stack.last?.value ?? "" }
        guard let first = parts.first else { return nil }
        var found: Any? = nil
        // By index, not `reversed()`, which copied every frame it passed.
        var i = stack.count
        search: while i > 0 {
            i -= 1
            switch stack[i].kind {
            case .dict:
                if let v = stack[i].dict[first] {
                    found = v
                    break search
                }
            case .rows:
                if let v = Rows.lookup(first, in: stack[i].rows) {
                    found = v
                    break search
                }
            case .unknown:
                return Unknown()
            case .other:
                continue
            }
        }
        guard var value = found else { return nil }
        for p in parts.dropFirst() {
            guard let d = value as? [String: Any], let v = d[p] else { return nil }
            value = v
        }
        return value
    }
}
