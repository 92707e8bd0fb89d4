/// Finds an XML document's root element and namespace from its first bytes, without parsing it,
/// so that files can be recognised by their root before a reader is chosen.
public enum XMLRootSniffer {
    public struct Root: Sendable, Equatable {
        public var localName: String
        public var namespace: String?
        /// True when a DOCTYPE came before the root (the readers refuse such documents).
        public var hasDoctype: Bool
        /// The line the root element starts on.
        public var line: Int = 1
    }

    /// The root element, or nil when the bytes do not start like XML.
    public static func sniff(_ b: [UInt8]) -> Root? {
        var i = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        var doctype = false
        while i < b.count {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
            guard i < b.count, b[i] == UInt8(ascii: "<") else { return nil }
            if starts(b, i, "<?") {
                guard let e = find(b, i, "?>") else { return nil }
                i = e + 2
            } else if starts(b, i, "<!--") {
                guard let e = find(b, i, "-->") else { return nil }
                i = e + 3
            } else if starts(b, i, "<!DOCTYPE") {
                doctype = true
                // Skip to the matching '>' allowing one internal subset in brackets.
                var depth = 0
                var j = i + 2
                while j < b.count {
                    if b[j] == UInt8(ascii: "[") { depth += 1 }
                    if b[j] == UInt8(ascii: "]") { depth -= 1 }
                    if b[j] == UInt8(ascii: ">") && depth <= 0 { break }
                    j += 1
                }
                guard j < b.count else { return nil }
                i = j + 1
            } else {
                guard var root = startTag(b, i + 1, doctype: doctype) else { return nil }
                root.line = 1 + b[0..<i].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                return root
            }
        }
        return nil
    }

    private static func startTag(_ b: [UInt8], _ start: Int, doctype: Bool) -> Root? {
        var i = start
        while i < b.count, !isSpace(b[i]), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "/") { i += 1 }
        let qname = String(decoding: b[start..<i], as: UTF8.self)
        guard !qname.isEmpty else { return nil }
        let prefix: String?
        let local: String
        if let colon = qname.firstIndex(of: ":") {
            prefix = String(qname[..<colon])
            local = String(qname[qname.index(after: colon)...])
        } else {
            prefix = nil
            local = qname
        }
        // Attributes up to the end of the start tag.
        var end = i
        var quote: UInt8 = 0
        while end < b.count {
            let c = b[end]
            if quote != 0 { if c == quote { quote = 0 } } else if c == 0x22 || c == 0x27 { quote = c } else if c == UInt8(ascii: ">") { break }
            end += 1
        }
        let attributes = String(decoding: b[i..<min(end, b.count)], as: UTF8.self)
        let wanted = prefix.map { "xmlns:\($0)" } ?? "xmlns"
        let namespace = attributeValue(attributes, wanted)
        return Root(localName: local, namespace: namespace, hasDoctype: doctype)
    }

    private static func attributeValue(_ s: String, _ name: String) -> String? {
        var rest = Substring(s)
        while let r = rest.range(of: name) {
            var after = rest[r.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
            let before = rest[..<r.lowerBound].last
            if (before == nil || before!.isWhitespace), after.first == "=" {
                after = after.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                if let q = after.first, q == "\"" || q == "'" {
                    let body = after.dropFirst()
                    if let close = body.firstIndex(of: q) { return String(body[..<close]) }
                }
                return nil
            }
            rest = rest[r.upperBound...]
        }
        return nil
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private static func starts(_ b: [UInt8], _ i: Int, _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = s.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    private static func find(_ b: [UInt8], _ from: Int, _ s: StaticString) -> Int? {
        var i = from
        while i < b.count {
            if starts(b, i, s) { return i }
            i += 1
        }
        return nil
    }
}
