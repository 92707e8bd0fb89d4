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
    /// (swift-mustache's `Mirror` finds no labelled children in them).
    private enum Frame {
        case dict([String: Any])
        case plain(Any)

        var value: Any {
            switch self {
            case .dict(let d): d
            case .plain(let v): v
            }
        }
    }

    /// A value sorted by its exact type.
    private enum Value {
        case string(String)
        case bool(Bool)
        case int(Int)
        case double(Double)
        case dict([String: Any])
        case dicts([[String: Any]])
        case strings([String])
        case list([Any])
    }

    private static let stringType = ObjectIdentifier(String.self)
    private static let boolType = ObjectIdentifier(Bool.self)
    private static let intType = ObjectIdentifier(Int.self)
    private static let doubleType = ObjectIdentifier(Double.self)
    private static let dictType = ObjectIdentifier([String: Any].self)
    private static let dictsType = ObjectIdentifier([[String: Any]].self)
    private static let stringsType = ObjectIdentifier([String].self)
    private static let listType = ObjectIdentifier([Any].self)

    /// The exact type decides; the cast after it cannot fail and costs no conformance lookup.
    private static func classify(_ v: Any) throws -> Value {
        let t = ObjectIdentifier(type(of: v))
        if t == stringType, let s = v as? String { return .string(s) }
        if t == dictType, let d = v as? [String: Any] { return .dict(d) }
        if t == boolType, let b = v as? Bool { return .bool(b) }
        if t == dictsType, let a = v as? [[String: Any]] { return .dicts(a) }
        if t == intType, let i = v as? Int { return .int(i) }
        if t == stringsType, let a = v as? [String] { return .strings(a) }
        if t == listType, let a = v as? [Any] { return .list(a) }
        if t == doubleType, let d = v as? Double { return .double(d) }
        throw Unsupported()
    }

    init(templates: [String: CompiledTemplate]) {
        self.templates = templates
    }

    /// The template `name` over `model`, or `Unsupported`.
    mutating func render(_ name: String, model: [String: Any]) throws -> String {
        guard let t = templates[name] else { throw Unsupported() }
        out = []
        // A one-pager is about 20 KB, a steering pack 120 KB: room for the first without a copy.
        out.reserveCapacity(32 * 1024)
        stack = [.dict(model)]
        depth = 0
        // swift-mustache starts every render, and every partial, in its own HTML content type.
        try render(t.nodes, escape: .html, indent: nil)
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func render(_ nodes: [CompiledTemplate.Node], escape: CompiledTemplate.Escape, indent: [UInt8]?) throws {
        var escape = escape
        guard let indent, !indent.isEmpty else {
            for node in nodes { try render(node, escape: &escape, indent: indent) }
            return
        }
        // swift-mustache's `render(context:)` with an indentation: before each token's output
        // that is not empty, when what this call has written so far ends in "\n" as a Character
        // (a "\r\n" is one Character, so it does not count), the indentation goes in first.
        let start = out.count
        for node in nodes {
            let before = out.count
            try render(node, escape: &escape, indent: indent)
            if out.count > before, before > start, out[before - 1] == 0x0A, !(before - 2 >= start && out[before - 2] == 0x0D) {
                out.insert(contentsOf: indent, at: before)
            }
        }
    }

    private mutating func render(_ node: CompiledTemplate.Node, escape: inout CompiledTemplate.Escape, indent: [UInt8]?) throws {
        switch node {
        case .text(let bytes):
            out.append(contentsOf: bytes)
        case .contentType(let e):
            escape = e
        case .variable(let name, let escaped):
            guard let v = try lookup(name) else { return }
            let text: String
            switch try Self.classify(v) {
            case .string(let s): text = s
            case .int(let i): text = String(i)
            case .bool(let b): text = b ? "true" : "false"
            case .double(let d): text = d.description
            default: throw Unsupported()
            }
            if escaped { append(text, escape) } else { out.append(contentsOf: text.utf8) }
        case .section(let name, let nodes):
            guard let v = try lookup(name) else { return }
            switch try Self.classify(v) {
            case .bool(let b):
                if b { try render(nodes, escape: escape, indent: indent) }
            case .dicts(let a):
                for e in a { try within(.dict(e), nodes, escape, indent) }
            case .strings(let a):
                for e in a { try within(.plain(e), nodes, escape, indent) }
            case .list(let a):
                for e in a { try within(try Self.frame(e), nodes, escape, indent) }
            case .dict(let d):
                try within(.dict(d), nodes, escape, indent)
            case .string, .int, .double:
                try within(.plain(v), nodes, escape, indent)
            }
        case .inverted(let name, let nodes):
            guard let v = try lookup(name) else {
                try render(nodes, escape: escape, indent: indent)
                return
            }
            switch try Self.classify(v) {
            case .bool(let b):
                if !b { try render(nodes, escape: escape, indent: indent) }
            case .dicts(let a):
                // An empty list is pushed, as swift-mustache's `renderInvertedSection` does.
                if a.isEmpty { try within(.plain(v), nodes, escape, indent) }
            case .strings(let a):
                if a.isEmpty { try within(.plain(v), nodes, escape, indent) }
            case .list(let a):
                if a.isEmpty { try within(.plain(v), nodes, escape, indent) }
            case .dict, .string, .int, .double:
                return
            }
        case .partial(let name, let indentation):
            guard let t = templates[name], depth < 64 else { throw Unsupported() }
            var inner = indent
            if let indentation { inner = (indent ?? []) + indentation }
            depth += 1
            try render(t.nodes, escape: .html, indent: inner)
            depth -= 1
        }
    }

    private mutating func within(_ frame: Frame, _ nodes: [CompiledTemplate.Node], _ escape: CompiledTemplate.Escape, _ indent: [UInt8]?) throws {
        stack.append(frame)
        try render(nodes, escape: escape, indent: indent)
        stack.removeLast()
    }

    private static func frame(_ v: Any) throws -> Frame {
        if case .dict(let d) = try classify(v) { return .dict(d) }
        return .plain(v)
    }

    /// swift-mustache's `getChild` for our values: nil where it finds nothing.
    private func lookup(_ name: CompiledTemplate.Name) throws -> Any? {
        switch name.kind {
        case .top:
            return stack.last?.value
        case .topOnly:
            guard let top = stack.last else { return nil }
            return try descend(top.value, name.parts[...])
        case .stack:
            guard let first = name.first else { return stack.last?.value }
            // By index, not `reversed()`: that copied (and retained) every frame it passed.
            var i = stack.count - 1
            while i >= 0 {
                // A `.plain` frame was sorted when pushed: a String, number, Bool or list, which
                // has no names.
                if case .dict(let d) = stack[i], let v = d[first] {
                    return name.parts.count == 1 ? v : try descend(v, name.parts.dropFirst())
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

    /// Appends `text` escaped for the content type, as `HTMLContentTypeFast` and
    /// `MarkdownContentType` would, without an intermediate String for text that needs none.
    private mutating func append(_ text: String, _ escape: CompiledTemplate.Escape) {
        switch escape {
        case .none:
            out.append(contentsOf: text.utf8)
        case .html:
            out.append(contentsOf: HTMLContentTypeFast.escape(text).utf8)
        case .markdown:
            out.append(contentsOf: Transforms.markdown(text).utf8)
        }
    }
}
