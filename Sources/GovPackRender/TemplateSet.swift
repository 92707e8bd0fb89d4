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
        for b in text.utf8 {
            switch b {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
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
                engine: Engine = .fast) throws -> String {
        guard let s = sources[format]?[key], let library = libraries[format] else {
            throw TemplateError(file: "\(key).\(format.rawValue).mustache", line: 0, column: 0,
                                message: "no such template (expected under Templates/)")
        }
        var checker = NameChecker(set: self, format: format, recording: coverage != nil)
        try checker.check(key: key, display: s.display, stack: [model])
        coverage?.checked.formUnion(checker.checked)
        if engine != .mustache {
            var fast = FastRenderer(templates: compiled[format] ?? [:])
            if engine == .fastOnly { return try fast.render(key, model: model) }
            if let out = try? fast.render(key, model: model) { return out }
        }
        guard let out = library.render(model, withTemplate: key) else {
            throw TemplateError(file: s.display, line: 0, column: 0, message: "the template did not render")
        }
        return out
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

/// Walks a template's tags with the stack of view-model values mustache would see, and fails on
/// the first name that resolves nowhere. Inside a list, the names of its elements are the union
/// of every element's keys; inside an empty list there is nothing to check against, so the
/// shipped templates are checked by tests whose fixtures fill every list.
struct NameChecker {
    let set: TemplateSet
    let format: OutputFormat
    /// Whether to fill `checked` (for `uncheckedNames`); ordinary renders skip building its strings.
    var recording = true
    var depth = 0

    /// Marks a section whose contents cannot be checked (an empty list).
    struct Unknown {}

    /// `file:line:column` of every name resolved against the model.
    var checked = Set<String>()

    mutating func check(key: String, display: String, stack: [Any]) throws {
        try check(key: key, display: display, frames: stack.map(Frame.init))
    }

    /// A value on the checker's stack, sorted by kind once when pushed rather than cast again
    /// for every name looked up through it (a one-pager looks up about 300).
    enum Frame {
        case dict([String: Any])
        case rows(Rows)
        case unknown
        case other(Any)

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

        var value: Any {
            switch self {
            case .dict(let d): d
            case .rows(let r): r
            case .unknown: Unknown()
            case .other(let v): v
            }
        }
    }

    mutating func check(key: String, display: String, frames: [Frame]) throws {
        guard let tags = set.tags[format]?[key] else { return }
        depth += 1
        defer { depth -= 1 }
        guard depth < 20 else {
            throw TemplateError(file: display, line: 1, column: 1, message: "partials include each other too deeply")
        }
        var stack = frames
        var open: [(name: String, pushed: Bool)] = []
        for t in tags {
            func fail(_ m: String) -> TemplateError { TemplateError(file: display, line: t.line, column: t.column, message: m) }
            var lenient = false
            if case .unknown = stack.last { lenient = true }
            switch t.kind {
            case .comment, .pragma, .delimiters, .block, .parent:
                continue
            case .partial:
                guard let p = set.source(t.name, format) else {
                    throw fail("no partial named '\(t.name)' (expected Templates/partials/\(t.name).\(format.rawValue).mustache)")
                }
                if !lenient { try check(key: t.name, display: p.display, frames: stack) }
            case .variable, .unescaped, .section, .inverted:
                if t.callsFunction {
                    throw fail("'\(t.name)': template functions are not available; values arrive formatted (see Transforms)")
                }
                if t.unescapedNonSVG {
                    throw fail("'\(t.name)' is written unescaped; only chart SVG (names ending in 'svg') may be")
                }
                var value: Any? = nil
                if !lenient {
                    guard let v = Self.resolve(t.name, parts: t.parts, in: stack) else {
                        throw fail("unknown value '\(t.name)': the view model has no such name here")
                    }
                    value = v
                    if recording { checked.insert("\(display):\(t.line):\(t.column)") }
                }
                if t.kind == .section {
                    if lenient {
                        open.append((t.name, false))
                    } else if let pushed = Self.context(of: value) {
                        stack.append(Frame(pushed))
                        open.append((t.name, true))
                    } else {
                        open.append((t.name, false))
                    }
                } else if t.kind == .inverted {
                    open.append((t.name, false))
                }
            case .close:
                guard let last = open.popLast(), last.name == t.name else {
                    throw fail("'{{/\(t.name)}}' closes a section that is not open")
                }
                if last.pushed { stack.removeLast() }
            }
        }
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

        subscript(key: String) -> Any? {
            var last: Any? = nil
            for r in rows {
                guard let v = r[key] else { continue }
                if !NameChecker.isEmptyList(v) { return v }
                last = v
            }
            return last
        }
    }

    private static let boolType = ObjectIdentifier(Bool.self)
    private static let stringType = ObjectIdentifier(String.self)
    fileprivate static let dictType = ObjectIdentifier([String: Any].self)
    private static let dictsType = ObjectIdentifier([[String: Any]].self)
    fileprivate static let rowsType = ObjectIdentifier(Rows.self)

    static func isEmptyList(_ v: Any) -> Bool {
        // Strings are most of the values and never lists; a list of rows needs no conversion.
        let t = ObjectIdentifier(type(of: v))
        if t == stringType || t == boolType || t == dictType { return false }
        if t == dictsType, let a = v as? [[String: Any]] { return a.isEmpty }
        return (v as? [Any])?.isEmpty == true
    }

    static func resolve(_ name: String, in stack: [Any]) -> Any? {
        resolve(name, parts: name.split(separator: ".").map(String.init), in: stack)
    }

    static func resolve(_ name: String, parts: [String], in stack: [Frame]) -> Any? {
        if name == "." { return stack.last?.value ?? "" }
        guard let first = parts.first else { return nil }
        var found: Any? = nil
        search: for frame in stack.reversed() {
            switch frame {
            case .dict(let d):
                if let v = d[first] {
                    found = v
                    break search
                }
            case .rows(let rows):
                if let v = rows[first] {
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

    static func resolve(_ name: String, parts: [String], in stack: [Any]) -> Any? {
        resolve(name, parts: parts, in: stack.map(Frame.init))
    }
}
