import Foundation

// A second reader of our templates, for speed. swift-mustache stays the parser of record (every
// template is parsed by it first, and its errors are the ones reported) and the renderer of
// anything this one does not cover. What this one saves: swift-mustache resolves every name by
// dynamic casts of `Any` to its protocols (MustacheParent, MustacheSequence,
// MustacheCustomRenderable, ...), each a conformance lookup, and builds every section's output
// as a String of its own; at 2k projects that was half of `run`'s render time.
//
// `CompiledTemplate.parse` is swift-mustache 2.x's `MustacheTemplate.parse` (Template+Parser.swift,
// Apache-2.0, the Hummingbird authors) carried over line by line for the features it keeps, so
// that text, standalone lines and partial indentation come out exactly as there; the features it
// drops make it return nil and the template renders through swift-mustache.

/// A template read into nodes for `FastRenderer`; nil from `parse` when the template uses
/// something only swift-mustache renders (set delimiters, blocks and parents, dynamic partials,
/// transforms, a content type other than ours).
final class CompiledTemplate: Sendable {
    enum Escape: Sendable { case html, markdown, none }

    /// How a tag names its value (swift-mustache's `getChild`): `.` is the top of the stack, a
    /// name starting with `.` looks only at the top, any other name searches the stack downwards
    /// for its first part and then descends through the rest.
    struct Name: Sendable {
        enum Kind: Sendable { case top, topOnly, stack }
        var kind: Kind
        var parts: [String]
        /// `parts.first`, kept apart: the stack search looks it up in every frame.
        var first: String?

        init(_ name: String) {
            parts = name.split(separator: ".").map(String.init)
            if name == "." {
                kind = .top
                parts = []
            } else if name.first == "." {
                kind = .topOnly
            } else {
                kind = .stack
            }
            first = parts.first
        }
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, [Node])
        case inverted(Name, [Node])
        /// `indentation` is set when the tag stands alone on its line.
        case partial(String, indentation: [UInt8]?)
        case contentType(Escape)
    }

    /// One node of the template laid out flat for `FastRenderer`: a section's body is the ops
    /// after it up to `b`. An op holds only integers (text and names are indices into the
    /// arrays below), so walking the ops retains and releases nothing; walking the `Node` tree
    /// retained every node's payload (its name, its children) and was a third of the renderer's
    /// own time.
    struct Op: Sendable {
        enum Code: Sendable { case text, escaped, raw, section, inverted, partial, contentType }
        var code: Code
        var escape: Escape = .html
        /// text: where its bytes start; variable, section, inverted: its name in `names`;
        /// partial: its name in `partials`.
        var a = 0
        /// text: where its bytes end; section, inverted: the index of the op after its body;
        /// partial: where its indentation starts in `bytes`, -1 when it stands not alone.
        var b = 0
        /// partial: where its indentation ends.
        var c = 0
    }

    let ops: [Op]
    /// The text of every `.text` op and every partial's indentation.
    let bytes: [UInt8]
    let names: [Name]
    let partials: [String]

    init(_ nodes: [Node]) {
        var ops: [Op] = [], bytes: [UInt8] = [], names: [Name] = [], partials: [String] = []
        func add(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .text(let t):
                    ops.append(Op(code: .text, a: bytes.count, b: bytes.count + t.count))
                    bytes += t
                case .variable(let name, let escaped):
                    ops.append(Op(code: escaped ? .escaped : .raw, a: names.count))
                    names.append(name)
                case .section(let name, let inner), .inverted(let name, let inner):
                    let at = ops.count
                    if case .section = node {
                        ops.append(Op(code: .section, a: names.count))
                    } else {
                        ops.append(Op(code: .inverted, a: names.count))
                    }
                    names.append(name)
                    add(inner)
                    ops[at].b = ops.count
                case .partial(let name, let indentation):
                    ops.append(Op(code: .partial, a: partials.count, b: indentation == nil ? -1 : bytes.count,
                                  c: bytes.count + (indentation?.count ?? 0)))
                    partials.append(name)
                    bytes += indentation ?? []
                case .contentType(let e):
                    ops.append(Op(code: .contentType, escape: e))
                }
            }
        }
        add(nodes)
        self.ops = ops
        self.bytes = bytes
        self.names = names
        self.partials = partials
    }

    /// What the names of `{{%CONTENT_TYPE:X}}` mean (TemplateSet registers the two of ours;
    /// `HTML` and `TEXT` are swift-mustache's own).
    static func escape(named name: Substring) -> Escape? {
        switch name {
        case "GOVPACK_HTML", "HTML": .html
        case "MARKDOWN": .markdown
        case "TEXT": Escape.none
        default: nil
        }
    }

    private struct Unsupported: Error {}

    static func parse(_ string: String) -> CompiledTemplate? {
        var parser = Scanner(string)
        guard let nodes = try? parse(&parser, state: State()) else { return nil }
        return CompiledTemplate(nodes)
    }

    private struct State {
        var sectionName: String?
        var newLine = true

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var s = self
            s.sectionName = name
            if !newLine { s.newLine = false }
            return s
        }
    }

    private static func bytes<S: StringProtocol>(_ s: S) -> [UInt8] { Array(s.utf8) }

    private static func parse(_ parser: inout Scanner, state: State) throws -> [Node] {
        var tokens: [Node] = []
        var state = state
        var whiteSpaceBefore: Substring = ""
        while !parser.reachedEnd() {
            if state.newLine {
                whiteSpaceBefore = parser.read(while: Set(" \t"))
            }
            let text = try readUntilDelimiterOrNewline(&parser)
            if parser.current().isNewline {
                tokens.append(.text(bytes(whiteSpaceBefore + text + String(parser.current()))))
                state.newLine = true
                parser.unsafeAdvance()
                continue
            }
            if text.count > 0 {
                tokens.append(.text(bytes(whiteSpaceBefore + text)))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if parser.reachedEnd() {
                break
            }
            var setNewLine = false
            switch parser.current() {
            case "#", "^":
                let inverted = parser.current() == "^"
                parser.unsafeAdvance()
                let name = try parseName(&parser)
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                let inner = try parse(&parser, state: state.withSectionName(name, newLine: setNewLine))
                tokens.append(inverted ? .inverted(Name(name), inner) : .section(Name(name), inner))

            case "/":
                parser.unsafeAdvance()
                let name = try parseName(&parser)
                guard name == state.sectionName else { throw Unsupported() }
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                } else if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                return tokens

            case "!":
                parser.unsafeAdvance()
                _ = try parser.read(untilString: "}}", throwOnOverflow: true, skipToEnd: true)
                setNewLine = isStandalone(&parser, state: state)

            case "{":
                if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                parser.unsafeAdvance()
                let name = try parseName(&parser)
                guard try parser.read("}") else { throw Unsupported() }
                tokens.append(.variable(Name(name), escaped: false))

            case "&":
                if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                parser.unsafeAdvance()
                let name = try parseName(&parser)
                tokens.append(.variable(Name(name), escaped: false))

            case ">":
                parser.unsafeAdvance()
                parser.read(while: \.isWhitespace)
                // `{{>*name}}`, a dynamic partial, is left to swift-mustache.
                guard parser.current() != "*" else { throw Unsupported() }
                let name = try parsePartialName(&parser)
                if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                }
                if isStandalone(&parser, state: state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: bytes(whiteSpaceBefore)))
                } else {
                    tokens.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = ""

            case "%":
                parser.unsafeAdvance()
                tokens.append(.contentType(try readContentType(&parser)))
                setNewLine = isStandalone(&parser, state: state)

            case "<", "$", "=":
                // Parents, blocks and set-delimiters: swift-mustache's alone.
                throw Unsupported()

            default:
                if whiteSpaceBefore.count > 0 {
                    tokens.append(.text(bytes(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
                let name = try parseName(&parser)
                tokens.append(.variable(Name(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return tokens
    }

    private static func readUntilDelimiterOrNewline(_ parser: inout Scanner) throws -> String {
        let untilSet: Set<Character> = ["\n", "\r\n", "{"]
        var totalText = ""
        while !parser.reachedEnd() {
            let text = try parser.read(until: untilSet, throwOnOverflow: false)
            totalText += text
            if parser.current().isNewline {
                break
            } else if parser.current() == "{" {
                if try parser.read(string: "{{") {
                    break
                }
                totalText += "{"
                parser.unsafeAdvance()
            }
        }
        return totalText
    }

    /// A tag's name; one with transforms (`{{ f(x) }}`) is swift-mustache's.
    private static func parseName(_ parser: inout Scanner) throws -> String {
        let text = try parseTagName(&parser, sectionNameChars)
        guard !text.contains("("), !text.contains(")") else { throw Unsupported() }
        return text
    }

    private static func parsePartialName(_ parser: inout Scanner) throws -> String {
        try parseTagName(&parser, partialNameChars)
    }

    /// The name between optional blanks up to the closing `}}`.
    private static func parseTagName(_ parser: inout Scanner, _ chars: Set<Character>) throws -> String {
        parser.read(while: \.isWhitespace)
        let text = String(parser.read(while: chars))
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: "}}") else { throw Unsupported() }
        return text
    }

    private static func readContentType(_ parser: inout Scanner) throws -> Escape {
        parser.read(while: \.isWhitespace)
        let variable = parser.read(while: sectionNameCharsWithoutBrackets)
        parser.read(while: \.isWhitespace)
        guard try parser.read(":") else { throw Unsupported() }
        parser.read(while: \.isWhitespace)
        let value = parser.read(while: sectionNameCharsWithoutBrackets)
        parser.read(while: \.isWhitespace)
        guard try parser.read(string: "}}") else { throw Unsupported() }
        guard variable == "CONTENT_TYPE", let e = escape(named: value) else { throw Unsupported() }
        return e
    }

    private static func hasLineFinished(_ parser: inout Scanner) -> Bool {
        var parser2 = parser
        if parser.reachedEnd() { return true }
        parser2.read(while: Set(" \t"))
        if parser2.current().isNewline {
            parser2.unsafeAdvance()
            parser.position = parser2.position
            return true
        }
        return false
    }

    private static func isStandalone(_ parser: inout Scanner, state: State) -> Bool {
        state.newLine && hasLineFinished(&parser)
    }

    private static let sectionNameCharsWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let sectionNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameChars = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// swift-mustache's `Parser`, the part the reader uses: it walks Characters, so `\r\n` is one
    /// newline and a tag's position is what swift-mustache sees.
    private struct Scanner {
        let buffer: String
        var position: String.Index

        init(_ string: String) {
            buffer = string
            position = string.startIndex
        }

        func reachedEnd() -> Bool { position == buffer.endIndex }
        func current() -> Character { reachedEnd() ? "\0" : buffer[position] }
        mutating func unsafeAdvance() { position = buffer.index(after: position) }

        mutating func read(_ char: Character) throws -> Bool {
            guard !reachedEnd() else { throw Unsupported() }
            guard buffer[position] == char else { return false }
            unsafeAdvance()
            return true
        }

        mutating func read(string: String) throws -> Bool {
            let start = position
            // swift-mustache asks `distance(from: position, to: endIndex) >= count`, counting every
            // Character to the end of the template at each tag (half the time of loading the
            // templates); stepping `count` Characters with a limit answers the same.
            guard let end = buffer.index(position, offsetBy: string.count, limitedBy: buffer.endIndex) else { throw Unsupported() }
            guard buffer[position..<end] == string else {
                position = start
                return false
            }
            position = end
            return true
        }

        mutating func read(until set: Set<Character>, throwOnOverflow: Bool) throws -> Substring {
            let start = position
            while !reachedEnd() {
                if set.contains(buffer[position]) { return buffer[start..<position] }
                unsafeAdvance()
            }
            if throwOnOverflow {
                position = start
                throw Unsupported()
            }
            return buffer[start..<position]
        }

        mutating func read(untilString: String, throwOnOverflow: Bool, skipToEnd: Bool) throws -> Substring {
            guard untilString.count > 0 else { return "" }
            let start = position
            var foundIndex = position
            var untilIndex = untilString.startIndex
            while !reachedEnd() {
                if buffer[position] == untilString[untilIndex] {
                    if untilIndex == untilString.startIndex { foundIndex = position }
                    untilIndex = untilString.index(after: untilIndex)
                    if untilIndex == untilString.endIndex {
                        unsafeAdvance()
                        if !skipToEnd { position = foundIndex }
                        return buffer[start..<foundIndex]
                    }
                } else {
                    untilIndex = untilString.startIndex
                }
                unsafeAdvance()
            }
            if throwOnOverflow {
                position = start
                throw Unsupported()
            }
            return buffer[start..<position]
        }

        @discardableResult mutating func read(while keyPath: KeyPath<Character, Bool>) -> Substring {
            let start = position
            while !reachedEnd(), buffer[position][keyPath: keyPath] { unsafeAdvance() }
            return buffer[start..<position]
        }

        @discardableResult mutating func read(while set: Set<Character>) -> Substring {
            let start = position
            while !reachedEnd(), set.contains(buffer[position]) { unsafeAdvance() }
            return buffer[start..<position]
        }
    }
}
