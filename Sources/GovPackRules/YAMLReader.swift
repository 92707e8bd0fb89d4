import GovPackCore
import Yams

/// Strict reading of a YAML file: every key must be known, every value of the expected kind,
/// and every problem points at its line and column in the file.
public struct YAMLReader {
    public let path: String
    public let source: String
    public let diagnostics: DiagnosticSink
    /// The id prefix of this file's diagnostics, e.g. `rules.pack` or `rules.waiver`.
    public let idPrefix: String

    public init(path: String, source: String, diagnostics: DiagnosticSink, idPrefix: String) {
        self.path = path
        self.source = source
        self.diagnostics = diagnostics
        self.idPrefix = idPrefix
    }

    /// The document's root node, or nil after reporting a YAML syntax error.
    public func root() -> Node? {
        do {
            guard let node = try Yams.compose(yaml: source) else {
                error("yaml", "the file is empty", at: nil)
                return nil
            }
            return node
        } catch let e as YamlError {
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                error("yaml", "YAML syntax error: \(problem)", at: mark)
            case .duplicatedKeysInMapping(let duplicates, let context):
                // Yams refuses the whole document and marks the mapping; point at the repeat.
                let keys = duplicates.sorted()
                let at = keys.lazy.compactMap { repeatedKey($0, inBlockMappingAt: context.mark) }.first
                if let at {
                    diagnostics.emit(
                        "\(idPrefix).duplicate_key", .error, "key '\(at.key)' appears twice in the mapping",
                        at: SourceLocation(file: path, line: at.line, column: at.column), hint: "keep one of the two")
                } else {
                    error(
                        "duplicate_key", "the key(s) \(keys.map { "'\($0)'" }.joined(separator: ", ")) appear more than once in the mapping",
                        at: context.mark, hint: "keep one of each")
                }
            default:
                error("yaml", "YAML error: \(e)", at: nil)
            }
            return nil
        } catch {
            self.error("yaml", "YAML error: \(error)", at: nil)
            return nil
        }
    }

    /// The second `key:` of a block mapping whose keys start at `mark`'s column; nil for flow
    /// mappings or when it cannot be found.
    private func repeatedKey(_ key: String, inBlockMappingAt mark: Mark) -> (key: String, line: Int, column: Int)? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = mark.column - 1
        var seen = 0
        var n = mark.line
        while n - 1 < lines.count {
            let text = lines[n - 1]
            let lead = text.prefix { $0 == " " }.count
            let rest = text.dropFirst(n == mark.line ? indent : lead)
            let blank = rest.allSatisfy { $0 == " " } || rest.hasPrefix("#")
            if n > mark.line && !blank && lead < indent { return nil }
            if (n == mark.line || lead == indent) && !blank {
                for form in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(form + ":") {
                    seen += 1
                    if seen == 2 { return (key, n, indent + 1) }
                }
            }
            n += 1
        }
        return nil
    }

    public func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    public func error(_ code: String, _ message: String, at mark: Mark?, hint: String? = nil) {
        diagnostics.emit("\(idPrefix).\(code)", .error, message, at: location(mark), hint: hint)
    }

    public func warning(_ code: String, _ message: String, at mark: Mark?, hint: String? = nil) {
        diagnostics.emit("\(idPrefix).\(code)", .warning, message, at: location(mark), hint: hint)
    }

    /// The pairs of a mapping with string keys; reports keys not in `allowed` (a misspelt key
    /// is an error, never silently ignored) and returns the known ones.
    public func mapping(_ node: Node, what: String, allowed: [String]) -> [String: Node]? {
        guard let m = node.mapping else {
            error("type", "\(what) must be a mapping of keys to values", at: node.mark)
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.string else {
                error("type", "keys of \(what) must be text", at: k.mark)
                continue
            }
            if !allowed.contains(key) {
                let suggestion = YAMLReader.closest(key, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                error(
                    "unknown_key", "unknown key '\(key)' in \(what)", at: k.mark,
                    hint: suggestion + "allowed keys: " + allowed.joined(separator: ", "))
                continue
            }
            if out[key] != nil {
                error("duplicate_key", "key '\(key)' appears twice in \(what)", at: k.mark)
                continue
            }
            out[key] = v
        }
        return out
    }

    public func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else {
            error("type", "\(what) must be text", at: node.mark)
            return nil
        }
        return s.string
    }

    public func required(_ m: [String: Node], _ key: String, in what: String, at mark: Mark?) -> String? {
        guard let node = m[key] else {
            error("missing_key", "\(what) has no '\(key)'", at: mark, hint: "add '\(key):'")
            return nil
        }
        return string(node, "'\(key)' of \(what)")
    }

    /// The first line of the scalar's text in the file and the column where it starts, so that
    /// positions inside an expression can be mapped back to the file.
    public func textOrigin(of node: Node) -> (line: Int, column: Int)? {
        guard case .scalar(let s) = node, let mark = s.mark else { return nil }
        switch s.style {
        case .literal, .folded:
            // The text begins on the next line, after its indentation.
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            var line = mark.line + 1
            while line - 1 < lines.count, lines[line - 1].allSatisfy({ $0 == " " }) { line += 1 }
            guard line - 1 < lines.count else { return nil }
            let indent = lines[line - 1].prefix { $0 == " " }.count
            return (line, indent + 1)
        case .singleQuoted, .doubleQuoted:
            return (mark.line, mark.column + 1)
        default:
            return (mark.line, mark.column)
        }
    }

    /// The line of the file, for caret displays.
    public func line(_ n: Int) -> String? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return n >= 1 && n <= lines.count ? String(lines[n - 1]) : nil
    }

    /// The allowed name nearest to a misspelling (edit distance at most 2).
    public static func closest(_ word: String, in options: [String]) -> String? {
        var best: (String, Int)?
        for o in options {
            let d = editDistance(word.lowercased(), o.lowercased())
            if d <= 2, best == nil || d < best!.1 { best = (o, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
