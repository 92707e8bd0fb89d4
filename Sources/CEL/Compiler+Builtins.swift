import Foundation

extension Compiler {
    private static let timeAccessors: Set<String> = [
        "getFullYear", "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
        "getHours", "getMinutes", "getSeconds", "getMilliseconds",
    ]

    private static let accepts: [String: Set<CELType>] = {
        let time: Set<CELType> = [.timestamp, .duration]
        var table: [String: Set<CELType>] = [
            "size": [.string, .bytes, .list(.dyn), .map(.dyn, .dyn)],
            "contains": [.string], "startsWith": [.string], "endsWith": [.string], "matches": [.string],
            "int": [.int, .uint, .double, .string, .timestamp],
            "uint": [.int, .uint, .double, .string],
            "double": [.int, .uint, .double, .string],
            "string": [.int, .uint, .double, .string, .bytes, .bool, .timestamp, .duration, .type, .null],
            "bytes": [.bytes, .string], "bool": [.bool, .string],
            "timestamp": [.timestamp, .string, .int], "duration": [.duration, .string],
        ]
        for a in timeAccessors { table[a] = time }
        return table
    }()

    /// The standard function `name` for these arguments (receiver first), or nil when there is none.
    func builtin(_ name: String, receiver: Bool, _ args: [Compiled], _ at: Int) throws(CELCompileError) -> (CELType, BuiltinImpl)? {
        let n = args.count
        func arity(_ ok: Bool) throws(CELCompileError) {
            if !ok { throw CELCompileError("no matching overload for '\(name)' with \(n) argument\(n == 1 ? "" : "s")", offset: at, source: src) }
        }
        // Static argument checks: a concrete type the function cannot take is a compile error.
        if checked, let accepts = Self.accepts[name], let first = args.first, first.type != .dyn {
            let ok: Bool
            switch first.type {
            case .list: ok = accepts.contains(.list(.dyn))
            case .map: ok = accepts.contains(.map(.dyn, .dyn))
            default: ok = accepts.contains(first.type)
            }
            if !ok {
                let types = args.map(\.type.description).joined(separator: ", ")
                throw CELCompileError("no matching overload for '\(name)' applied to '(\(types))'", offset: at, source: src)
            }
        }
        switch name {
        case "size":
            try arity(n == 1)
            return (.int, .unary { v throws(CELError) in
                switch v {
                case .string(let s): return .int(Int64(s.unicodeScalars.count))
                case .bytes(let b): return .int(Int64(b.count))
                case .list(let l): return .int(Int64(l.count))
                case .map(let m): return .int(Int64(m.count))
                default: throw CELError.noOverload("size")
                }
            })
        case "contains", "startsWith", "endsWith":
            guard receiver else { return nil }
            try arity(n == 2)
            let op: (String, String) -> Bool
            switch name {
            case "contains": op = { $1.isEmpty || $0.contains($1) }
            case "startsWith": op = { $0.unicodeScalars.starts(with: $1.unicodeScalars) }
            default: op = { $0.unicodeScalars.reversed().starts(with: $1.unicodeScalars.reversed()) }
            }
            return (.bool, .binary { a, b throws(CELError) in
                guard case .string(let s) = a, case .string(let t) = b else { throw CELError.noOverload(name) }
                return .bool(op(s, t))
            })
        case "matches":
            try arity(n == 2)
            if let c = args[1].constant, case .string(let pattern) = c {
                guard let re = Regex.compile(pattern) else {
                    if checked { throw CELCompileError("invalid regular expression '\(pattern)'", offset: at, source: src) }
                    return (.bool, .binary { _, _ throws(CELError) in throw CELError("invalid regular expression '\(pattern)'") })
                }
                return (.bool, .binary { a, _ throws(CELError) in
                    guard case .string(let s) = a else { throw CELError.noOverload("matches") }
                    return .bool(Regex.search(re, s))
                })
            }
            return (.bool, .binary { a, b throws(CELError) in
                guard case .string(let s) = a, case .string(let p) = b else { throw CELError.noOverload("matches") }
                guard let re = Regex.compile(p) else { throw CELError("invalid regular expression '\(p)'") }
                return .bool(Regex.search(re, s))
            })
        case "int":
            try arity(n == 1 && !receiver)
            return (.int, .unary { v throws(CELError) in .int(try celToInt(v)) })
        case "uint":
            try arity(n == 1 && !receiver)
            return (.uint, .unary { v throws(CELError) in .uint(try celToUInt(v)) })
        case "double":
            try arity(n == 1 && !receiver)
            return (.double, .unary { v throws(CELError) in .double(try celToDouble(v)) })
        case "string":
            try arity(n == 1 && !receiver)
            return (.string, .unary { v throws(CELError) in .string(try celToString(v)) })
        case "bool":
            try arity(n == 1 && !receiver)
            return (.bool, .unary { v throws(CELError) in .bool(try celToBool(v)) })
        case "bytes":
            try arity(n == 1 && !receiver)
            return (.bytes, .unary { v throws(CELError) in
                switch v {
                case .bytes: return v
                case .string(let s): return .bytes(Array(s.utf8))
                default: throw CELError.noOverload("bytes")
                }
            })
        case "type":
            try arity(n == 1 && !receiver)
            return (.type, .unary { v throws(CELError) in .type(v.celType) })
        case "dyn":
            try arity(n == 1 && !receiver)
            return (.dyn, .unary { v throws(CELError) in v })
        case "timestamp":
            try arity(n == 1 && !receiver)
            return (.timestamp, .unary { v throws(CELError) in
                switch v {
                case .timestamp: return v
                case .string(let s):
                    guard let t = TimeMath.parseTimestamp(s) else { throw CELError("cannot parse timestamp '\(s)': range or format") }
                    return .timestamp(t)
                case .int(let i):
                    let t = CELTimestamp(seconds: i)
                    guard t.inRange else { throw CELError("timestamp out of range") }
                    return .timestamp(t)
                default: throw CELError.noOverload("timestamp")
                }
            })
        case "duration":
            try arity(n == 1 && !receiver)
            return (.duration, .unary { v throws(CELError) in
                switch v {
                case .duration: return v
                case .string(let s):
                    guard let d = TimeMath.parseDuration(s) else { throw CELError("cannot parse duration '\(s)': range or format") }
                    return .duration(d)
                default: throw CELError.noOverload("duration")
                }
            })
        case _ where Self.timeAccessors.contains(name):
            guard receiver else { return nil }
            try arity(n == 1 || n == 2)
            if n == 1 {
                return (.int, .unary { v throws(CELError) in
                    switch v {
                    case .timestamp(let t): return .int(try TimeMath.accessor(name, t, zone: nil))
                    case .duration(let d): return .int(try TimeMath.accessor(name, d))
                    default: throw CELError.noOverload(name)
                    }
                })
            }
            return (.int, .binary { v, z throws(CELError) in
                guard case .timestamp(let t) = v, case .string(let zone) = z else { throw CELError.noOverload(name) }
                return .int(try TimeMath.accessor(name, t, zone: zone))
            })
        default:
            return nil
        }
    }
}

/// RE2-style matching on top of NSRegularExpression: an unanchored search, as CEL's `matches` defines it.
enum Regex {
    static func compile(_ pattern: String) -> NSRegularExpression? {
        // ICU rejects an empty pattern; RE2 accepts it and it matches everything.
        // RE2 spells named groups (?P<name>...); ICU wants (?<name>...).
        let icu = pattern.isEmpty ? "(?:)" : pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        return try? NSRegularExpression(pattern: icu, options: [])
    }

    static func search(_ re: NSRegularExpression, _ s: String) -> Bool {
        re.firstMatch(in: s, options: [], range: NSRange(s.startIndex..., in: s)) != nil
    }
}
