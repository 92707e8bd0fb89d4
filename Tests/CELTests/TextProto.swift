import Foundation

/// A protobuf text-format node: just enough of the format to read the CEL conformance files.
indirect enum TextProto {
    /// An unquoted token: a number, an enum name, `true`, ...
    case scalar(String)
    /// A quoted string, as raw bytes after unescaping (adjacent literals concatenated).
    case bytes([UInt8])
    case message([(String, TextProto)])

    subscript(_ name: String) -> TextProto? {
        guard case .message(let fields) = self else { return nil }
        return fields.first { $0.0 == name }?.1
    }

    func all(_ name: String) -> [TextProto] {
        guard case .message(let fields) = self else { return [] }
        return fields.filter { $0.0 == name }.map(\.1)
    }

    var fieldNames: [String] {
        guard case .message(let fields) = self else { return [] }
        return fields.map(\.0)
    }

    var string: String? {
        switch self {
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .scalar(let s): return s
        default: return nil
        }
    }

    var rawBytes: [UInt8]? { if case .bytes(let b) = self { return b } else { return nil } }

    /// True when `name` occurs as a field name anywhere below this node.
    func mentions(_ name: String) -> Bool {
        guard case .message(let fields) = self else { return false }
        return fields.contains { $0.0 == name || $0.1.mentions(name) }
    }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> TextProto {
        var p = TextProtoParser(Array(text.utf8))
        return try p.message(until: nil)
    }
}

private struct TextProtoParser {
    let b: [UInt8]
    var i = 0
    init(_ b: [UInt8]) { self.b = b }

    mutating func skip() {
        while i < b.count {
            if b[i] == UInt8(ascii: "#") {
                while i < b.count && b[i] != 0x0A { i += 1 }
            } else if [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ";")].contains(b[i]) {
                i += 1
            } else { return }
        }
    }

    func isWord(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "/")
    }

    mutating func word() throws -> String {
        let s = i
        while i < b.count && isWord(b[i]) { i += 1 }
        guard i > s else { throw TextProto.ParseError(description: "expected a token at byte \(i)") }
        return String(decoding: b[s..<i], as: UTF8.self)
    }

    mutating func message(until close: UInt8?) throws -> TextProto {
        var fields: [(String, TextProto)] = []
        while true {
            skip()
            if i >= b.count {
                if close == nil { return .message(fields) }
                throw TextProto.ParseError(description: "unexpected end of text")
            }
            if let close, b[i] == close { i += 1; return .message(fields) }
            let name = try word()
            skip()
            if i < b.count && b[i] == UInt8(ascii: ":") { i += 1; skip() }
            fields.append((name, try value()))
        }
    }

    mutating func value() throws -> TextProto {
        guard i < b.count else { throw TextProto.ParseError(description: "missing value") }
        if b[i] == UInt8(ascii: "{") { i += 1; return try message(until: UInt8(ascii: "}")) }
        if b[i] == UInt8(ascii: "<") { i += 1; return try message(until: UInt8(ascii: ">")) }
        if b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
            var out: [UInt8] = []
            while i < b.count && (b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'")) {
                out += try quoted()
                skip()
            }
            return .bytes(out)
        }
        return .scalar(try word())
    }

    mutating func quoted() throws -> [UInt8] {
        let q = b[i]
        i += 1
        var out: [UInt8] = []
        while i < b.count && b[i] != q {
            if b[i] != UInt8(ascii: "\\") { out.append(b[i]); i += 1; continue }
            i += 1
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                var v: UInt32 = 0, n = 0
                while n < 2, i < b.count, let d = hex(b[i]) { v = v * 16 + d; i += 1; n += 1 }
                out.append(UInt8(v))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = e == UInt8(ascii: "u") ? 4 : 8
                var v: UInt32 = 0
                for _ in 0..<count where i < b.count { v = v * 16 + (hex(b[i]) ?? 0); i += 1 }
                out += Array(String(Character(Unicode.Scalar(v) ?? "?")).utf8)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var v = UInt32(e - 0x30), n = 1
                while n < 3, i < b.count, b[i] >= 0x30, b[i] <= 0x37 { v = v * 8 + UInt32(b[i] - 0x30); i += 1; n += 1 }
                out.append(UInt8(truncatingIfNeeded: v))
            default: out.append(e)
            }
        }
        i += 1
        return out
    }

    func hex(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }
}
