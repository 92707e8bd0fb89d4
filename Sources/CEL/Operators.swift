import Foundation

// MARK: - Equality and ordering

/// CEL's heterogeneous equality: numbers compare by value across int, uint and double;
/// values of different kinds are unequal; NaN equals nothing.
func celEquals(_ a: CELValue, _ b: CELValue) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.uint(let x), .uint(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.string(let x), .string(let y)): return stringEquals(x, y)
    case (.bool(let x), .bool(let y)): return x == y
    case (.int, .uint), (.uint, .int), (.int, .double), (.double, .int), (.uint, .double), (.double, .uint):
        return numericCompare(a, b) == 0
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.null, .null): return true
    case (.timestamp(let x), .timestamp(let y)): return x == y
    case (.duration(let x), .duration(let y)): return x == y
    case (.type(let x), .type(let y)): return x.runtimeKind == y.runtimeKind
    case (.list(let x), .list(let y)):
        guard x.count == y.count else { return false }
        for k in 0..<x.count where !celEquals(x[k], y[k]) { return false }
        return true
    case (.map(let x), .map(let y)):
        guard x.count == y.count else { return false }
        for (k, v) in zip(x.keys, x.values) {
            guard let w = y.lookup(k.value), celEquals(v, w) else { return false }
        }
        return true
    case (.object(let t1, let o1), .object(let t2, let o2)):
        guard t1 === t2 else { return false }
        for f in 0..<t1.fields.count {
            switch (o1.celField(f), o2.celField(f)) {
            case (nil, nil): continue
            case (let v?, let w?): if !celEquals(v, w) { return false }
            default: return false
            }
        }
        return true
    default: return false
    }
}

/// Compares two numbers of any numeric kinds exactly; nil when either is NaN or not a number.
func numericCompare(_ a: CELValue, _ b: CELValue) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.uint(let x), .uint(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.double(let x), .double(let y)):
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    case (.int(let x), .uint(let y)):
        if x < 0 { return -1 }
        let ux = UInt64(x); return ux < y ? -1 : (ux > y ? 1 : 0)
    case (.uint, .int): return numericCompare(b, a).map { -$0 }
    // CEL compares int or uint with double by converting to double, as the spec's tests require.
    case (.int(let x), .double): return numericCompare(.double(Double(x)), b)
    case (.double, .int(let y)): return numericCompare(a, .double(Double(y)))
    case (.uint(let x), .double): return numericCompare(.double(Double(x)), b)
    case (.double, .uint(let y)): return numericCompare(a, .double(Double(y)))
    default: return nil
    }
}

/// Strings are equal when their code points are: no Unicode normalisation, unlike Swift's `==`.
/// Compared as bytes with `memcmp` (the generic sequence algorithms walked the views a byte at a
/// time through `String.Index`).
@inline(__always)
func stringEquals(_ x: String, _ y: String) -> Bool {
    guard x.utf8.count == y.utf8.count else { return false }
    return utf8Compare(x, y) == 0
}

/// Code-point (UTF-8 byte) order.
func stringCompare(_ x: String, _ y: String) -> Int {
    utf8Compare(x, y)
}

/// -1, 0 or 1 as the UTF-8 bytes of `x` sort before, equal or after those of `y` (unsigned bytes,
/// a shorter prefix first): code-point order.
@inline(__always)
func utf8Compare(_ x: String, _ y: String) -> Int {
    var a = x
    var b = y
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            let n = min(pa.count, pb.count)
            if n > 0, let l = pa.baseAddress, let r = pb.baseAddress {
                let c = memcmp(l, r, n)
                if c != 0 { return c < 0 ? -1 : 1 }
            }
            return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
        }
    }
}

/// Ordering for `<`, `<=`, `>`, `>=`; nil for NaN; throws when the kinds have no ordering.
@inline(__always)
func celCompare(_ a: CELValue, _ b: CELValue, _ op: String) throws(CELError) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.double(let x), .double(let y)):
        if x.isNaN || y.isNaN { return nil }
        return x < y ? -1 : (x > y ? 1 : 0)
    case (.string(let x), .string(let y)): return stringCompare(x, y)
    case (.int, _), (.uint, _), (.double, _):
        switch b {
        case .int, .uint, .double: return numericCompare(a, b)
        default: throw CELError.noOverload(op)
        }
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
    case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.duration(let x), .duration(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    default: throw CELError.noOverload(op)
    }
}

// MARK: - Arithmetic

func celAdd(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        let (r, o) = x.addingReportingOverflow(y)
        if o { throw CELError("return error for overflow") }
        return .int(r)
    case (.uint(let x), .uint(let y)):
        let (r, o) = x.addingReportingOverflow(y)
        if o { throw CELError("return error for overflow") }
        return .uint(r)
    case (.double(let x), .double(let y)): return .double(x + y)
    case (.string(let x), .string(let y)): return .string(x + y)
    case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
    case (.list(let x), .list(let y)): return .list(x + y)
    case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
        return .timestamp(try TimeMath.add(t, d))
    case (.duration(let x), .duration(let y)):
        guard let r = CELDuration.normalised(seconds: x.seconds &+ y.seconds, nanos: Int64(x.nanos) + Int64(y.nanos)),
              !x.seconds.addingReportingOverflow(y.seconds).overflow else { throw CELError("duration out of range") }
        return .duration(r)
    default: throw CELError.noOverload("_+_")
    }
}

func celSubtract(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        let (r, o) = x.subtractingReportingOverflow(y)
        if o { throw CELError("return error for overflow") }
        return .int(r)
    case (.uint(let x), .uint(let y)):
        let (r, o) = x.subtractingReportingOverflow(y)
        if o { throw CELError("return error for overflow") }
        return .uint(r)
    case (.double(let x), .double(let y)): return .double(x - y)
    case (.timestamp(let t), .duration(let d)):
        return .timestamp(try TimeMath.add(t, CELDuration(seconds: -d.seconds, nanos: -d.nanos)))
    case (.timestamp(let x), .timestamp(let y)):
        guard let r = CELDuration.normalised(seconds: x.seconds - y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos)) else {
            throw CELError("duration out of range")
        }
        return .duration(r)
    case (.duration(let x), .duration(let y)):
        guard let r = CELDuration.normalised(seconds: x.seconds &- y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos)),
              !x.seconds.subtractingReportingOverflow(y.seconds).overflow else { throw CELError("duration out of range") }
        return .duration(r)
    default: throw CELError.noOverload("_-_")
    }
}

func celMultiply(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        let (r, o) = x.multipliedReportingOverflow(by: y)
        if o { throw CELError("return error for overflow") }
        return .int(r)
    case (.uint(let x), .uint(let y)):
        let (r, o) = x.multipliedReportingOverflow(by: y)
        if o { throw CELError("return error for overflow") }
        return .uint(r)
    case (.double(let x), .double(let y)): return .double(x * y)
    default: throw CELError.noOverload("_*_")
    }
}

func celDivide(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        if y == 0 { throw CELError("divide by zero") }
        let (r, o) = x.dividedReportingOverflow(by: y)
        if o { throw CELError("return error for overflow") }
        return .int(r)
    case (.uint(let x), .uint(let y)):
        if y == 0 { throw CELError("divide by zero") }
        return .uint(x / y)
    case (.double(let x), .double(let y)): return .double(x / y)
    default: throw CELError.noOverload("_/_")
    }
}

func celModulo(_ a: CELValue, _ b: CELValue) throws(CELError) -> CELValue {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        if y == 0 { throw CELError("modulus by zero") }
        let (r, o) = x.remainderReportingOverflow(dividingBy: y)
        if o { throw CELError("return error for overflow") }
        return .int(r)
    case (.uint(let x), .uint(let y)):
        if y == 0 { throw CELError("modulus by zero") }
        return .uint(x % y)
    default: throw CELError.noOverload("_%_")
    }
}

func celNegate(_ a: CELValue) throws(CELError) -> CELValue {
    switch a {
    case .int(let x):
        if x == Int64.min { throw CELError("return error for overflow") }
        return .int(-x)
    case .double(let x): return .double(-x)
    case .duration(let d): return .duration(CELDuration(seconds: -d.seconds, nanos: -d.nanos))
    default: throw CELError.noOverload("-_")
    }
}

/// `elem in container`.
func celIn(_ e: CELValue, _ c: CELValue) throws(CELError) -> Bool {
    switch c {
    case .list(let xs):
        for x in xs where celEquals(e, x) { return true }
        return false
    case .map(let m):
        return m.lookup(e) != nil
    default: throw CELError.noOverload("@in")
    }
}

/// `container[index]`.
func celIndex(_ c: CELValue, _ k: CELValue) throws(CELError) -> CELValue {
    switch c {
    case .list(let xs):
        let i: Int64
        switch k {
        case .int(let v): i = v
        case .uint(let v):
            guard v <= UInt64(Int64.max) else { throw CELError("index out of bounds") }
            i = Int64(v)
        case .double(let d):
            guard let v = Int64(exactly: d) else { throw CELError("unsupported index value: \(d)") }
            i = v
        default: throw CELError.noOverload("_[_]")
        }
        guard i >= 0 && i < Int64(xs.count) else { throw CELError("index out of bounds: \(i)") }
        return xs[Int(i)]
    case .map(let m):
        switch k {
        case .int, .uint, .bool, .string, .double: break
        default: throw CELError.noOverload("_[_]")
        }
        guard let v = m.lookup(k) else { throw CELError("no such key: \(celDebug(k))") }
        return v
    default: throw CELError.noOverload("_[_]")
    }
}

/// A short rendering of a value for error messages.
func celDebug(_ v: CELValue) -> String {
    switch v {
    case .string(let s): return "'\(s)'"
    default: return (try? celToString(v)) ?? "\(v.celType)"
    }
}

// MARK: - Conversions

func celToString(_ v: CELValue) throws(CELError) -> String {
    switch v {
    case .string(let s): return s
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return formatDouble(d)
    case .bool(let b): return b ? "true" : "false"
    case .bytes(let b):
        guard let s = String(validating: b, as: UTF8.self) else { throw CELError("invalid UTF-8 in bytes") }
        return s
    case .timestamp(let t): return TimeMath.format(t)
    case .duration(let d): return TimeMath.format(d)
    case .type(let t): return t.description
    case .null: return "null"
    default: throw CELError.noOverload("string")
    }
}

func formatDouble(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
    if d == d.rounded(), abs(d) < 1e21 {
        // Integral values print without a fraction, as Go's strconv 'g' shortest form does.
        if abs(d) < 1e15 { return String(Int64(d)) }
    }
    var s = "\(d)"
    if s.hasSuffix(".0") { s.removeLast(2) }
    if let e = s.firstIndex(of: "e") {
        // Swift prints 1e+21 as "1e+21"; Go does the same.
        _ = e
    }
    return s
}

func celToInt(_ v: CELValue) throws(CELError) -> Int64 {
    switch v {
    case .int(let i): return i
    case .uint(let u):
        guard u <= UInt64(Int64.max) else { throw CELError("range error converting uint to int") }
        return Int64(u)
    case .double(let d):
        guard d.isFinite, d > -9.223372036854775809e18, d < 9.223372036854775807e18 else {
            throw CELError("range error converting double to int")
        }
        return Int64(d.rounded(.towardZero))
    case .string(let s):
        guard let i = Int64(s) else { throw CELError("cannot convert '\(s)' to int") }
        return i
    case .timestamp(let t): return t.seconds
    default: throw CELError.noOverload("int")
    }
}

func celToUInt(_ v: CELValue) throws(CELError) -> UInt64 {
    switch v {
    case .uint(let u): return u
    case .int(let i):
        guard i >= 0 else { throw CELError("range error converting int to uint") }
        return UInt64(i)
    case .double(let d):
        guard d.isFinite, d > -1, d < 1.8446744073709551616e19 else { throw CELError("range error converting double to uint") }
        return UInt64(d.rounded(.towardZero))
    case .string(let s):
        guard let u = UInt64(s) else { throw CELError("cannot convert '\(s)' to uint") }
        return u
    default: throw CELError.noOverload("uint")
    }
}

func celToDouble(_ v: CELValue) throws(CELError) -> Double {
    switch v {
    case .double(let d): return d
    case .int(let i): return Double(i)
    case .uint(let u): return Double(u)
    case .string(let s):
        switch s {
        case "NaN": return .nan
        case "Infinity", "+Infinity", "inf", "+inf", "Inf", "+Inf": return .infinity
        case "-Infinity", "-inf", "-Inf": return -.infinity
        default:
            guard let d = Double(s) else { throw CELError("cannot convert '\(s)' to double") }
            return d
        }
    default: throw CELError.noOverload("double")
    }
}

func celToBool(_ v: CELValue) throws(CELError) -> Bool {
    switch v {
    case .bool(let b): return b
    case .string(let s):
        switch s {
        case "true", "True", "TRUE", "t", "1": return true
        case "false", "False", "FALSE", "f", "0": return false
        default: throw CELError("cannot convert '\(s)' to bool")
        }
    default: throw CELError.noOverload("bool")
    }
}
