import Foundation

/// A compile-time failure (syntax, undeclared name, unknown field) with its place in the source.
public struct CELCompileError: Error, CustomStringConvertible {
    public let message: String
    /// Byte offset of the fault in the UTF-8 source.
    public let offset: Int
    /// 1-based line of the fault.
    public let line: Int
    /// 1-based column of the fault, counted in characters.
    public let column: Int

    init(_ message: String, offset: Int, source: [UInt8]) {
        self.message = message
        let clamped = max(0, min(offset, source.count))
        self.offset = clamped
        var line = 1, lineStart = 0
        for i in 0..<clamped where source[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
        self.line = line
        let prefix = String(decoding: source[lineStart..<clamped], as: UTF8.self)
        self.column = prefix.count + 1
    }

    public var description: String { "\(line):\(column): \(message)" }

    /// The faulty line of `source` followed by a line with a caret under the fault.
    public func rendered(source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let text = line - 1 < lines.count ? String(lines[line - 1]) : ""
        let pad = String(text.prefix(column - 1).map { $0 == "\t" ? "\t" : " " })
        return "\(text)\n\(pad)^"
    }
}

enum Token: Equatable {
    case ident(String)
    /// A backquoted field name, as in ``m.`content-type` ``.
    case quotedIdent(String)
    case int(UInt64)        // magnitude; the parser applies a leading minus
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case punct(String)      // operators and delimiters
    case eof
}

struct Lexed { let token: Token; let offset: Int }

/// Splits CEL source into tokens with byte offsets.
struct Lexer {
    let src: [UInt8]
    var pos = 0

    init(_ source: [UInt8]) { src = source }

    private func error(_ m: String, _ at: Int) -> CELCompileError { CELCompileError(m, offset: at, source: src) }

    private func peek(_ k: Int = 0) -> UInt8 { pos + k < src.count ? src[pos + k] : 0 }

    mutating func all() throws(CELCompileError) -> [Lexed] {
        var out: [Lexed] = []
        while true {
            let t = try next()
            out.append(t)
            if t.token == .eof { return out }
        }
    }

    mutating func next() throws(CELCompileError) -> Lexed {
        // whitespace and comments
        while pos < src.count {
            let c = src[pos]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C { pos += 1; continue }
            if c == UInt8(ascii: "/") && peek(1) == UInt8(ascii: "/") {
                while pos < src.count && src[pos] != 0x0A { pos += 1 }
                continue
            }
            break
        }
        let start = pos
        guard pos < src.count else { return Lexed(token: .eof, offset: pos) }
        let c = src[pos]
        // string / bytes with optional prefixes
        if isIdentStart(c) {
            var raw = false, bytes = false
            var p = pos
            for _ in 0..<2 {
                let ch = p < src.count ? src[p] : 0
                if (ch == UInt8(ascii: "r") || ch == UInt8(ascii: "R")) && !raw { raw = true; p += 1 }
                else if (ch == UInt8(ascii: "b") || ch == UInt8(ascii: "B")) && !bytes { bytes = true; p += 1 }
                else { break }
            }
            if p > pos, p < src.count, src[p] == UInt8(ascii: "\"") || src[p] == UInt8(ascii: "'") {
                pos = p
                let data = try lexString(raw: raw, bytes: bytes, start: start)
                if bytes { return Lexed(token: .bytes(data), offset: start) }
                guard let s = String(validating: data, as: UTF8.self) else {
                    throw error("invalid UTF-8 in string literal", start)
                }
                return Lexed(token: .string(s), offset: start)
            }
            while pos < src.count && isIdentPart(src[pos]) { pos += 1 }
            return Lexed(token: .ident(String(decoding: src[start..<pos], as: UTF8.self)), offset: start)
        }
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            let data = try lexString(raw: false, bytes: false, start: start)
            guard let s = String(validating: data, as: UTF8.self) else {
                throw error("invalid UTF-8 in string literal", start)
            }
            return Lexed(token: .string(s), offset: start)
        }
        if c == UInt8(ascii: "`") {
            pos += 1
            let s = pos
            while pos < src.count && src[pos] != UInt8(ascii: "`") && src[pos] != 0x0A { pos += 1 }
            guard pos < src.count, src[pos] == UInt8(ascii: "`"), pos > s else { throw error("unterminated quoted identifier", start) }
            pos += 1
            return Lexed(token: .quotedIdent(String(decoding: src[s..<pos - 1], as: UTF8.self)), offset: start)
        }
        if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(peek(1))) { return try lexNumber() }
        let two = pos + 1 < src.count ? String(decoding: src[pos...pos + 1], as: UTF8.self) : ""
        if ["==", "!=", "<=", ">=", "&&", "||"].contains(two) {
            pos += 2
            return Lexed(token: .punct(two), offset: start)
        }
        let one = String(UnicodeScalar(c))
        if "+-*/%!<>?:.,()[]{}".contains(one) {
            pos += 1
            return Lexed(token: .punct(one), offset: start)
        }
        throw error("unexpected character '\(String(decoding: [c], as: UTF8.self))'", start)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_")
    }
    private func isIdentPart(_ c: UInt8) -> Bool { isIdentStart(c) || isDigit(c) }

    private mutating func lexNumber() throws(CELCompileError) -> Lexed {
        let start = pos
        if src[pos] == UInt8(ascii: "0") && (peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X")) {
            pos += 2
            let hs = pos
            while pos < src.count && isHex(src[pos]) { pos += 1 }
            guard pos > hs, let v = UInt64(String(decoding: src[hs..<pos], as: UTF8.self), radix: 16) else {
                throw error("invalid hex literal", start)
            }
            if peek() == UInt8(ascii: "u") || peek() == UInt8(ascii: "U") { pos += 1; return Lexed(token: .uint(v), offset: start) }
            return Lexed(token: .int(v), offset: start)
        }
        var isDouble = false
        while pos < src.count && isDigit(src[pos]) { pos += 1 }
        if peek() == UInt8(ascii: ".") && isDigit(peek(1)) {
            isDouble = true; pos += 1
            while pos < src.count && isDigit(src[pos]) { pos += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            var p = pos + 1
            if p < src.count && (src[p] == UInt8(ascii: "+") || src[p] == UInt8(ascii: "-")) { p += 1 }
            if p < src.count && isDigit(src[p]) {
                isDouble = true; pos = p
                while pos < src.count && isDigit(src[pos]) { pos += 1 }
            }
        }
        let text = String(decoding: src[start..<pos], as: UTF8.self)
        if isDouble {
            guard let d = Double(text) else { throw error("invalid number '\(text)'", start) }
            return Lexed(token: .double(d), offset: start)
        }
        guard let v = UInt64(text) else { throw error("integer literal '\(text)' out of range", start) }
        if peek() == UInt8(ascii: "u") || peek() == UInt8(ascii: "U") { pos += 1; return Lexed(token: .uint(v), offset: start) }
        return Lexed(token: .int(v), offset: start)
    }

    private func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    /// Lexes a quoted literal starting at the quote; returns its UTF-8 (or raw byte) content.
    private mutating func lexString(raw: Bool, bytes: Bool, start: Int) throws(CELCompileError) -> [UInt8] {
        let q = src[pos]
        let triple = peek(1) == q && peek(2) == q
        pos += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard pos < src.count else { throw error("unterminated string literal", start) }
            let c = src[pos]
            if c == q {
                if !triple { pos += 1; return out }
                if peek(1) == q && peek(2) == q { pos += 3; return out }
            }
            if !triple && (c == 0x0A || c == 0x0D) { throw error("newline in string literal", pos) }
            if c == UInt8(ascii: "\\") {
                if raw {
                    // A raw string keeps the backslash; an escaped quote does not end the literal.
                    out.append(c)
                    if pos + 1 < src.count { out.append(src[pos + 1]); pos += 2 } else { pos += 1 }
                    continue
                }
                try lexEscape(into: &out, bytes: bytes)
                continue
            }
            out.append(c)
            pos += 1
        }
    }

    private mutating func lexEscape(into out: inout [UInt8], bytes: Bool) throws(CELCompileError) {
        let at = pos
        pos += 1
        guard pos < src.count else { throw error("unterminated escape", at) }
        let e = src[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "a"): out.append(0x07)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "v"): out.append(0x0B)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "?"):
            out.append(e)
        case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = (e == UInt8(ascii: "u")) ? 4 : (e == UInt8(ascii: "U") ? 8 : 2)
            guard pos + n <= src.count, let v = UInt32(String(decoding: src[pos..<pos + n], as: UTF8.self), radix: 16) else {
                throw error("invalid escape sequence", at)
            }
            pos += n
            if n == 2 && bytes { out.append(UInt8(v)); return }
            if (e == UInt8(ascii: "u") || e == UInt8(ascii: "U")) && bytes { throw error("unicode escape in bytes literal", at) }
            guard let scalar = Unicode.Scalar(v) else { throw error("invalid unicode code point", at) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        case UInt8(ascii: "0")...UInt8(ascii: "3"):
            guard pos + 2 <= src.count else { throw error("invalid octal escape", at) }
            let digits = src[pos - 1..<pos + 2]
            guard let v = UInt32(String(decoding: digits, as: UTF8.self), radix: 8) else { throw error("invalid octal escape", at) }
            pos += 2
            if bytes { out.append(UInt8(v)); return }
            guard let scalar = Unicode.Scalar(v) else { throw error("invalid octal escape", at) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error("invalid escape sequence '\\\(String(UnicodeScalar(e)))'", at)
        }
    }
}
