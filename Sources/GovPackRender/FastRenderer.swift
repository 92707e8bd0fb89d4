import Foundation

/// Renders `CompiledTemplate`s over the view model exactly as swift-mustache renders the same
/// template, for the values the view model holds: `String`, `Bool`, `Int`, `Double`,
/// `[String: Any]` and arrays of them. It tells them apart by their exact type (a pointer
/// comparison) instead of swift-mustache's protocol casts, and writes every file into one byte
/// buffer. Any other value, or a partial it does not have, throws `Unsupported` and the caller
/// renders the whole file with swift-mustache instead: it never guesses.
struct FastRenderer {
    struct Unsupported: Error {}

    /// The compiled templates of one format by name (the library partials are looked up in);
    /// a template swift-mustache alone can render is absent.
    let templates: [String: CompiledTemplate]

    private var out: [UInt8] = []
    private var stack: [Frame] = []
    private var depth = 0

    /// A value pushed by a section. Only dictionaries have names; the rest are plain values
    /// (swift-mustache's `Mirror` finds no labelled children in them). A struct rather than an
    /// enum so that a lookup reads `stack[i].names` in place: binding an enum's payload copied
    /// the frame (a retain and a release per frame searched).
    private struct Frame {
        /// The dictionary's names; empty for a plain value (an empty dictionary's lookup does
        /// not even hash the key).
        var names: [String: Any]
        /// The plain value, nil for a dictionary.
        var plain: Any?

        static func dict(_ d: [String: Any]) -> Frame { Frame(names: d, plain: nil) }
        static func plain(_ v: Any) -> Frame { Frame(names: [:], plain: v) }

        var value: Any { plain ?? names }
    }

    /// A value sorted by its exact type.
    fileprivate enum Value {
        case string(String)
        case bool(Bool)
        case int(Int)
        case double(Double)
        case dict([String: Any])
        case dicts([[String: Any]])
        case strings([String])
        case list([Any])
    }

    /// The exact type decides: the value is opened (its own type becomes `T` in `sortedValue`)
    /// and `T` compared with each of ours, a metadata pointer comparison. The `as?` casts this
    /// replaces each went through the runtime's dynamic cast, about 400 instructions a value.
    fileprivate static func classify(_ v: Any) throws -> Value {
        guard let value = _openExistential(v, do: sortedValue) else { throw Unsupported() }
        return value
    }

    init(templates: [String: CompiledTemplate]) {
        self.templates = templates
    }

    /// The template `name` over `model`, or `Unsupported`.
    mutating func render(_ name: String, model: [String: Any]) throws -> String {
        String(decoding: try renderBytes(name, model: model), as: UTF8.self)
    }

    /// The template `name` over `model` as UTF-8, or `Unsupported`. The bytes go to the file as
    /// they are: a String made of them would be checked for valid UTF-8 again (they are: every
    /// piece came from a String), 8% of the renderer's time.
    mutating func renderBytes(_ name: String, model: [String: Any]) throws -> [UInt8] {
        guard let t = templates[name] else { throw Unsupported() }
        out = []
        // A one-pager is about 20 KB, a steering pack 120 KB: room for the first without a copy.
        out.reserveCapacity(32 * 1024)
        stack = [.dict(model)]
        depth = 0
        // swift-mustache starts every render, and every partial, in its own HTML content type.
        try render(t, t.ops.startIndex, t.ops.endIndex, escape: .html, indent: nil)
        return out
    }

    /// The ops `from..<to` of `t`, one level of the template (a section's body or a whole file).
    private mutating func render(_ t: CompiledTemplate, _ from: Int, _ to: Int, escape: CompiledTemplate.Escape,
                                 indent: [UInt8]?) throws {
        var escape = escape
        var i = from
        guard let indent, !indent.isEmpty else {
            while i < to { i = try render(t, at: i, escape: &escape, indent: indent) }
            return
        }
        // swift-mustache's `render(context:)` with an indentation: before each token's output
        // that is not empty, when what this call has written so far ends in "\n" as a Character
        // (a "\r\n" is one Character, so it does not count), the indentation goes in first.
        let start = out.count
        while i < to {
            let before = out.count
            i = try render(t, at: i, escape: &escape, indent: indent)
            if out.count > before, before > start, out[before - 1] == 0x0A, !(before - 2 >= start && out[before - 2] == 0x0D) {
                out.insert(contentsOf: indent, at: before)
            }
        }
    }

    /// Renders the op at `i` (with its body, for a section) and returns the index of the next op
    /// of the same level.
    private mutating func render(_ t: CompiledTemplate, at i: Int, escape: inout CompiledTemplate.Escape,
                                 indent: [UInt8]?) throws -> Int {
        let op = t.ops[i]
        switch op.code {
        case .text:
            t.bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[op.a..<op.b])) }
        case .contentType:
            escape = op.escape
        case .escaped, .raw:
            guard let v = try lookup(t, op.a) else { break }
            switch try Self.classify(v) {
            case .string(let s):
                if op.code == .escaped { append(s, escape) } else { out.append(contentsOf: s.utf8) }
            case .int(let n):
                // Digits and "-" need no escaping in any of our content types.
                out.append(contentsOf: String(n).utf8)
            case .bool(let b):
                out.append(contentsOf: (b ? "true" : "false").utf8)
            case .double(let d):
                if op.code == .escaped { append(d.description, escape) } else { out.append(contentsOf: d.description.utf8) }
            default:
                throw Unsupported()
            }
        case .section:
            let body = i + 1, end = op.b
            guard let v = try lookup(t, op.a) else { return end }
            switch try Self.classify(v) {
            case .bool(let b):
                if b { try render(t, body, end, escape: escape, indent: indent) }
            case .dicts(let a):
                for e in a { try within(.dict(e), t, body, end, escape, indent) }
            case .strings(let a):
                for e in a { try within(.plain(e), t, body, end, escape, indent) }
            case .list(let a):
                for e in a { try within(try Self.frame(e), t, body, end, escape, indent) }
            case .dict(let d):
                try within(.dict(d), t, body, end, escape, indent)
            case .string, .int, .double:
                try within(.plain(v), t, body, end, escape, indent)
            }
            return end
        case .inverted:
            let body = i + 1, end = op.b
            guard let v = try lookup(t, op.a) else {
                try render(t, body, end, escape: escape, indent: indent)
                return end
            }
            switch try Self.classify(v) {
            case .bool(let b):
                if !b { try render(t, body, end, escape: escape, indent: indent) }
            case .dicts(let a):
                // An empty list is pushed, as swift-mustache's `renderInvertedSection` does.
                if a.isEmpty { try within(.plain(v), t, body, end, escape, indent) }
            case .strings(let a):
                if a.isEmpty { try within(.plain(v), t, body, end, escape, indent) }
            case .list(let a):
                if a.isEmpty { try within(.plain(v), t, body, end, escape, indent) }
            case .dict, .string, .int, .double:
                break
            }
            return end
        case .partial:
            guard let p = templates[t.partials[op.a]], depth < 64 else { throw Unsupported() }
            var inner = indent
            if op.b >= 0 { inner = (indent ?? []) + t.bytes[op.b..<op.c] }
            depth += 1
            try render(p, p.ops.startIndex, p.ops.endIndex, escape: .html, indent: inner)
            depth -= 1
        }
        return i + 1
    }

    private mutating func within(_ frame: Frame, _ t: CompiledTemplate, _ from: Int, _ to: Int,
                                 _ escape: CompiledTemplate.Escape, _ indent: [UInt8]?) throws {
        stack.append(frame)
        try render(t, from, to, escape: escape, indent: indent)
        stack.removeLast()
    }

    private static func frame(_ v: Any) throws -> Frame {
        if case .dict(let d) = try classify(v) { return .dict(d) }
        return .plain(v)
    }

    /// swift-mustache's `getChild` for our values: nil where it finds nothing. The name is read
    /// in place in `t.names` (a copy of it retained its parts).
    private func lookup(_ t: CompiledTemplate, _ k: Int) throws -> Any? {
        switch t.names[k].kind {
        case .top:
            return stack.last?.value
        case .topOnly:
            guard let top = stack.last else { return nil }
            return try descend(top.value, t.names[k].parts[...])
        case .stack:
            guard let first = t.names[k].first else { return stack.last?.value }
            // By index, not `reversed()`: that copied (and retained) every frame it passed.
            var i = stack.count - 1
            while i >= 0 {
                // A plain frame was sorted when pushed: a String, number, Bool or list, which
                // has no names.
                if let v = stack[i].names[first] {
                    return t.names[k].parts.count == 1 ? v : try descend(v, t.names[k].parts.dropFirst())
                }
                i -= 1
            }
            return nil
        }
    }

    private func descend(_ value: Any, _ parts: ArraySlice<String>) throws -> Any? {
        var value = value
        for p in parts {
            guard case .dict(let d) = try Self.classify(value), let v = d[p] else { return nil }
            value = v
        }
        return value
    }

    /// Whether `Transforms.markdown` would return `text` unchanged, told from its bytes without
    /// walking Characters: none of the bytes it escapes or turns into a space (each of its
    /// Characters is made of those bytes alone, so no Character can match without one), and no
    /// `#`, `-` or `+` first after the leading spaces. Anything else goes through
    /// `Transforms.markdown` itself.
    static func markdownAsIs(_ text: String) -> Bool {
        var leading = true
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"),
                 UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return false
            case UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "+"):
                if leading { return false }
            case UInt8(ascii: " "):
                continue
            default:
                break
            }
            leading = false
        }
        return true
    }

    /// Appends `text` escaped for the content type, as `HTMLContentTypeFast` and
    /// `MarkdownContentType` would, without an intermediate String for text that needs none.
    private mutating func append(_ text: String, _ escape: CompiledTemplate.Escape) {
        switch escape {
        case .none:
            out.append(contentsOf: text.utf8)
        case .html:
            HTMLContentTypeFast.append(text, to: &out)
        case .markdown:
            if Self.markdownAsIs(text) {
                out.append(contentsOf: text.utf8)
            } else {
                out.append(contentsOf: Transforms.markdown(text).utf8)
            }
        }
    }
}

/// `x` as `FastRenderer.Value` when `T` is one of its types. Where `T` equals a type, `x` is of
/// that type and `unsafeBitCast` only restates what the comparison proved.
private func sortedValue<T>(_ x: T) -> FastRenderer.Value? {
    if T.self == String.self { return .string(unsafeBitCast(x, to: String.self)) }
    if T.self == [String: Any].self { return .dict(unsafeBitCast(x, to: [String: Any].self)) }
    if T.self == Bool.self { return .bool(unsafeBitCast(x, to: Bool.self)) }
    if T.self == [[String: Any]].self { return .dicts(unsafeBitCast(x, to: [[String: Any]].self)) }
    if T.self == Int.self { return .int(unsafeBitCast(x, to: Int.self)) }
    if T.self == [String].self { return .strings(unsafeBitCast(x, to: [String].self)) }
    if T.self == [Any].self { return .list(unsafeBitCast(x, to: [Any].self)) }
    if T.self == Double.self { return .double(unsafeBitCast(x, to: Double.self)) }
    return nil
}
