import Foundation

/// The kinds of comprehension the macros expand to.
enum ComprehensionKind {
    case all, exists, existsOne, map, filter, transformList, transformMap
    /// `size(range.filter(v, p))`, planned as a count so no list is built.
    case count
}

/// A parsed expression; `offset` is the byte offset the checker reports faults at.
indirect enum Expr {
    case literal(CELValue, Int)
    case ident(String, Int)
    /// `operand.field`; `testOnly` is the `has()` form.
    case select(Expr, String, Int, testOnly: Bool)
    case call(String, target: Expr?, args: [Expr], Int)
    case list([Expr], Int)
    case map([(Expr, Expr)], Int)
    /// A macro: `range.kind(v1[, v2], [filter,] body)`.
    case comprehension(ComprehensionKind, range: Expr, v1: String, v2: String?, filter: Expr?, body: Expr, Int)
    case message(String, Int)

    var offset: Int {
        switch self {
        case .literal(_, let o), .ident(_, let o), .select(_, _, let o, _), .call(_, _, _, let o),
             .list(_, let o), .map(_, let o), .comprehension(_, _, _, _, _, _, let o), .message(_, let o):
            return o
        }
    }
}

/// Recursive-descent parser for CEL, expanding macros as it goes.
struct Parser {
    let src: [UInt8]
    let toks: [Lexed]
    var i = 0
    var depth = 0

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    init(_ source: [UInt8]) throws(CELCompileError) {
        src = source
        var lx = Lexer(source)
        toks = try lx.all()
        // Trees are freed recursively; bounding their size keeps that off the end of the stack.
        if toks.count > 8_000 { throw CELCompileError("expression too long", offset: 0, source: source) }
    }

    static func parse(_ source: [UInt8]) throws(CELCompileError) -> Expr {
        var p = try Parser(source)
        let e = try p.expr()
        guard case .eof = p.cur.token else { throw p.error("unexpected \(p.describe(p.cur.token))", p.cur.offset) }
        return e
    }

    private var cur: Lexed { toks[i] }
    private func error(_ m: String, _ at: Int) -> CELCompileError { CELCompileError(m, offset: at, source: src) }

    private func describe(_ t: Token) -> String {
        switch t {
        case .eof: return "end of expression"
        case .punct(let p): return "'\(p)'"
        case .ident(let s): return "'\(s)'"
        default: return "literal"
        }
    }

    private func isPunct(_ p: String) -> Bool {
        if case .punct(let q) = cur.token, q == p { return true }
        return false
    }

    private mutating func accept(_ p: String) -> Bool {
        if isPunct(p) { i += 1; return true }
        return false
    }

    private mutating func expect(_ p: String) throws(CELCompileError) {
        guard accept(p) else { throw error("expected '\(p)' but found \(describe(cur.token))", cur.offset) }
    }

    mutating func expr() throws(CELCompileError) -> Expr {
        depth += 1
        defer { depth -= 1 }
        if depth > 250 { throw error("expression nested too deeply", cur.offset) }
        let c = try orExpr()
        if isPunct("?") {
            let at = cur.offset
            i += 1
            let a = try orExpr()
            try expect(":")
            let b = try expr()
            return .call("_?_:_", target: nil, args: [c, a, b], at)
        }
        return c
    }

    private mutating func orExpr() throws(CELCompileError) -> Expr {
        var l = try andExpr()
        while isPunct("||") {
            let at = cur.offset; i += 1
            l = .call("_||_", target: nil, args: [l, try andExpr()], at)
        }
        return l
    }

    private mutating func andExpr() throws(CELCompileError) -> Expr {
        var l = try relation()
        while isPunct("&&") {
            let at = cur.offset; i += 1
            l = .call("_&&_", target: nil, args: [l, try relation()], at)
        }
        return l
    }

    private static let relops: [String: String] = [
        "<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_", "==": "_==_", "!=": "_!=_",
    ]

    private mutating func relation() throws(CELCompileError) -> Expr {
        var l = try addition()
        while true {
            let at = cur.offset
            if case .punct(let p) = cur.token, let name = Self.relops[p] {
                i += 1
                l = .call(name, target: nil, args: [l, try addition()], at)
            } else if case .ident("in") = cur.token {
                i += 1
                l = .call("@in", target: nil, args: [l, try addition()], at)
            } else {
                return l
            }
        }
    }

    private mutating func addition() throws(CELCompileError) -> Expr {
        var l = try multiplication()
        while true {
            let at = cur.offset
            if accept("+") { l = .call("_+_", target: nil, args: [l, try multiplication()], at) }
            else if accept("-") { l = .call("_-_", target: nil, args: [l, try multiplication()], at) }
            else { return l }
        }
    }

    private mutating func multiplication() throws(CELCompileError) -> Expr {
        var l = try unary()
        while true {
            let at = cur.offset
            if accept("*") { l = .call("_*_", target: nil, args: [l, try unary()], at) }
            else if accept("/") { l = .call("_/_", target: nil, args: [l, try unary()], at) }
            else if accept("%") { l = .call("_%_", target: nil, args: [l, try unary()], at) }
            else { return l }
        }
    }

    private mutating func unary() throws(CELCompileError) -> Expr {
        if isPunct("!") {
            var offsets: [Int] = []
            while isPunct("!") { offsets.append(cur.offset); i += 1 }
            var e = try member()
            for at in offsets.reversed() { e = .call("!_", target: nil, args: [e], at) }
            return e
        }
        if isPunct("-") {
            var offsets: [Int] = []
            while isPunct("-") { offsets.append(cur.offset); i += 1 }
            // A minus directly before an integer literal makes a negative literal, so that
            // -9223372036854775808 is representable.
            var e: Expr
            if case .int(let mag) = cur.token, !isPostfixAfterLiteral() {
                let at = cur.offset
                i += 1
                let negAt = offsets.removeLast()
                if mag == UInt64(Int64.max) + 1 { e = .literal(.int(Int64.min), negAt) }
                else if mag <= UInt64(Int64.max) { e = .literal(.int(-Int64(mag)), negAt) }
                else { throw error("integer literal out of range", at) }
                e = try postfix(e)
            } else {
                e = try member()
            }
            for at in offsets.reversed() { e = .call("-_", target: nil, args: [e], at) }
            return e
        }
        return try member()
    }

    /// True when the integer literal at `i` is followed by `.` or `[` (so `-1.foo()` negates the call).
    private func isPostfixAfterLiteral() -> Bool {
        guard i + 1 < toks.count, case .punct(let p) = toks[i + 1].token else { return false }
        return p == "." || p == "["
    }

    private mutating func member() throws(CELCompileError) -> Expr {
        try postfix(try primary())
    }

    private mutating func postfix(_ base: Expr) throws(CELCompileError) -> Expr {
        var e = base
        while true {
            if isPunct(".") {
                i += 1
                let name: String
                switch cur.token {
                case .ident(let n): name = n
                case .quotedIdent(let n):
                    name = n
                    i += 1
                    e = .select(e, name, toks[i - 1].offset, testOnly: false)
                    continue
                default: throw error("expected a field name after '.'", cur.offset)
                }
                let at = cur.offset
                i += 1
                if isPunct("(") {
                    i += 1
                    let args = try exprList(closing: ")")
                    e = try expandReceiverMacro(name, target: e, args: args, at)
                } else {
                    e = .select(e, name, at, testOnly: false)
                }
            } else if isPunct("[") {
                let at = cur.offset
                i += 1
                let idx = try expr()
                try expect("]")
                e = .call("_[_]", target: nil, args: [e, idx], at)
            } else {
                return e
            }
        }
    }

    private mutating func exprList(closing: String) throws(CELCompileError) -> [Expr] {
        var args: [Expr] = []
        if accept(closing) { return args }
        while true {
            args.append(try expr())
            if accept(closing) { return args }
            try expect(",")
            if accept(closing) && closing == "]" { return args }
        }
    }

    private mutating func primary() throws(CELCompileError) -> Expr {
        let t = cur
        switch t.token {
        case .int(let v):
            i += 1
            guard v <= UInt64(Int64.max) else { throw error("integer literal out of range", t.offset) }
            return .literal(.int(Int64(v)), t.offset)
        case .uint(let v): i += 1; return .literal(.uint(v), t.offset)
        case .double(let v): i += 1; return .literal(.double(v), t.offset)
        case .string(let v): i += 1; return .literal(.string(v), t.offset)
        case .bytes(let v): i += 1; return .literal(.bytes(v), t.offset)
        case .punct("("):
            i += 1
            let e = try expr()
            try expect(")")
            return e
        case .punct("["):
            i += 1
            return .list(try exprList(closing: "]"), t.offset)
        case .punct("{"):
            i += 1
            var entries: [(Expr, Expr)] = []
            if !accept("}") {
                while true {
                    let k = try expr()
                    try expect(":")
                    entries.append((k, try expr()))
                    if accept("}") { break }
                    try expect(",")
                    if accept("}") { break }
                }
            }
            return .map(entries, t.offset)
        case .punct("."), .ident:
            var leadingDot = false
            if accept(".") { leadingDot = true }
            guard case .ident(let name) = cur.token else { throw error("expected an identifier", cur.offset) }
            let at = cur.offset
            i += 1
            switch name {
            case "true" where !leadingDot: return .literal(.bool(true), at)
            case "false" where !leadingDot: return .literal(.bool(false), at)
            case "null" where !leadingDot: return .literal(.null, at)
            case "in": throw error("unexpected 'in'", at)
            default: break
            }
            if Self.reserved.contains(name) { throw error("reserved identifier '\(name)'", at) }
            let full = leadingDot ? "." + name : name
            if isPunct("(") {
                i += 1
                let args = try exprList(closing: ")")
                return try expandGlobalMacro(full, args: args, at)
            }
            if isPunct("{") {
                // Message construction: parse it so the error points at the type name.
                var braces = 0
                repeat {
                    if isPunct("{") { braces += 1 } else if isPunct("}") { braces -= 1 }
                    if case .eof = cur.token { throw error("unterminated message construction", at) }
                    i += 1
                } while braces > 0
                return .message(full, at)
            }
            return .ident(full, at)
        case .eof:
            throw error("unexpected end of expression", t.offset)
        default:
            throw error("unexpected \(describe(t.token))", t.offset)
        }
    }

    private func expandGlobalMacro(_ name: String, args: [Expr], _ at: Int) throws(CELCompileError) -> Expr {
        if name == "has" && args.count == 1 {
            guard case .select(let operand, let field, let fo, false) = args[0] else {
                throw error("invalid argument to has() macro", args[0].offset)
            }
            return .select(operand, field, fo, testOnly: true)
        }
        return .call(name, target: nil, args: args, at)
    }

    private func varName(_ e: Expr) throws(CELCompileError) -> String {
        guard case .ident(let n, _) = e, !n.hasPrefix(".") else {
            throw error("argument must be a simple name", e.offset)
        }
        return n
    }

    private func expandReceiverMacro(_ name: String, target: Expr, args: [Expr], _ at: Int) throws(CELCompileError) -> Expr {
        let kind: ComprehensionKind?
        var twoVar = false
        switch (name, args.count) {
        case ("all", 2): kind = .all
        case ("all", 3): kind = .all; twoVar = true
        case ("exists", 2): kind = .exists
        case ("exists", 3): kind = .exists; twoVar = true
        case ("exists_one", 2), ("existsOne", 2): kind = .existsOne
        case ("exists_one", 3), ("existsOne", 3): kind = .existsOne; twoVar = true
        case ("map", 2), ("map", 3): kind = .map
        case ("filter", 2): kind = .filter
        case ("transformList", 3), ("transformList", 4): kind = .transformList; twoVar = true
        case ("transformMap", 3), ("transformMap", 4): kind = .transformMap; twoVar = true
        default: kind = nil
        }
        guard let kind else { return .call(name, target: target, args: args, at) }
        let v1 = try varName(args[0])
        let v2 = twoVar ? try varName(args[1]) : nil
        let rest = Array(args.dropFirst(twoVar ? 2 : 1))
        let filter: Expr? = rest.count == 2 ? rest[0] : nil
        let body = rest[rest.count - 1]
        return .comprehension(kind, range: target, v1: v1, v2: v2, filter: filter, body: body, at)
    }
}
