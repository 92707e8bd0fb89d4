import Foundation

/// How a built-in function is applied once its arguments are evaluated.
enum BuiltinImpl {
    case unary((CELValue) throws(CELError) -> CELValue)
    case binary((CELValue, CELValue) throws(CELError) -> CELValue)
    case nary(([CELValue]) throws(CELError) -> CELValue)
}

extension Compiler {
    private func fail(_ m: String, _ at: Int) -> CELCompileError { CELCompileError(m, offset: at, source: src) }

    func call(_ name: String, target: Expr?, args: [Expr], _ at: Int) throws(CELCompileError) -> Compiled {
        switch name {
        case "_&&_", "_||_": return try logical(name == "_&&_", args, at)
        case "_?_:_": return try conditional(args, at)
        default: break
        }
        if name == "size", env.functions["size"] == nil {
            let arg: Expr? = target == nil ? (args.count == 1 ? args[0] : nil) : (args.isEmpty ? target : nil)
            if case .comprehension(.filter, let r, let v1, let v2, let fl, let body, let o)? = arg {
                return try comprehension(.count, range: r, v1: v1, v2: v2, filter: fl, body: body, o)
            }
        }
        let tc = try target.map { (x: Expr) throws(CELCompileError) in try compile(x) }
        let ac = try args.map { (x: Expr) throws(CELCompileError) in try compile(x) }
        if let op = try operatorCall(name, ac, at) { return op }

        // Host functions first, so a host may extend or replace a built-in name.
        if let hosts = env.functions[name]?.filter({ $0.receiver == (tc != nil) }), !hosts.isEmpty {
            return hostCall(name, hosts, target: tc, args: ac, at)
        }
        let all = (tc.map { [$0] } ?? []) + ac
        guard let (type, impl) = try builtin(name, receiver: tc != nil, all, at) else {
            if env.functions[name] != nil {
                if checked { throw fail("function '\(name)' cannot be called \(tc == nil ? "globally" : "as a method")", at) }
            } else if checked {
                throw fail("undeclared reference to '\(name)'", at)
            }
            return Compiled(type: .dyn) { _ throws(CELError) in
                throw CELError("unbound function '\(name)'", position: at)
            }
        }
        return apply(impl, all, type, at)
    }

    private func apply(_ impl: BuiltinImpl, _ args: [Compiled], _ type: CELType, _ at: Int) -> Compiled {
        switch impl {
        case .unary(let fn):
            let a = args[0].eval
            if let c = args[0].constant, let v = try? fn(c) { return .const(v, type) }
            return Compiled(type: type) { f throws(CELError) in
                do throws(CELError) { return try fn(try a(f)) } catch { throw positioned(error, at) }
            }
        case .binary(let fn):
            let a = args[0].eval, b = args[1].eval
            return Compiled(type: type) { f throws(CELError) in
                let x = try a(f), y = try b(f)
                do throws(CELError) { return try fn(x, y) } catch { throw positioned(error, at) }
            }
        case .nary(let fn):
            let evals = args.map(\.eval)
            return Compiled(type: type) { f throws(CELError) in
                var vs: [CELValue] = []
                vs.reserveCapacity(evals.count)
                for e in evals { vs.append(try e(f)) }
                do throws(CELError) { return try fn(vs) } catch { throw positioned(error, at) }
            }
        }
    }

    private func hostCall(
        _ name: String, _ hosts: [CELEnvironment.HostFunction], target: Compiled?, args: [Compiled], _ at: Int
    ) -> Compiled {
        let evals = (target.map { [$0.eval] } ?? []) + args.map(\.eval)
        let impls = hosts.map(\.impl)
        let type = hosts.count == 1 ? hosts[0].returns : .dyn
        return Compiled(type: type) { f throws(CELError) in
            var vs: [CELValue] = []
            vs.reserveCapacity(evals.count)
            for e in evals { vs.append(try e(f)) }
            var last = CELError.noOverload(name)
            for impl in impls {
                switch impl(vs) {
                case .success(let v): return v
                case .failure(let e):
                    last = e
                    if !e.message.hasPrefix("no such overload") { throw positioned(e, at) }
                }
            }
            throw positioned(last, at)
        }
    }

    // MARK: - Logic

    private func logical(_ isAnd: Bool, _ args: [Expr], _ at: Int) throws(CELCompileError) -> Compiled {
        let l = try compile(args[0]), r = try compile(args[1])
        if checked { try expectBool(l, args[0]); try expectBool(r, args[1]) }
        let a = l.eval, b = r.eval
        let decisive = !isAnd  // `false` decides &&, `true` decides ||
        let opName = isAnd ? "_&&_" : "_||_"
        return Compiled(type: .bool) { f throws(CELError) in
            var pending: CELError? = nil
            do throws(CELError) {
                let x = try a(f)
                guard case .bool(let v) = x else { throw CELError.noOverload(opName) }
                if v == decisive { return x }
            } catch { pending = error }
            do throws(CELError) {
                let y = try b(f)
                guard case .bool(let v) = y else { throw CELError.noOverload(opName) }
                if v == decisive || pending == nil { return y }
            } catch { if pending == nil { pending = error } }
            throw positioned(pending ?? CELError.noOverload(opName), at)
        }
    }

    private func expectBool(_ c: Compiled, _ e: Expr) throws(CELCompileError) {
        switch c.type {
        case .bool, .dyn: return
        default: throw fail("expected a bool but found '\(c.type)'", e.offset)
        }
    }

    private func conditional(_ args: [Expr], _ at: Int) throws(CELCompileError) -> Compiled {
        let c = try compile(args[0]), t = try compile(args[1]), e = try compile(args[2])
        if checked { try expectBool(c, args[0]) }
        let ce = c.eval, te = t.eval, ee = e.eval
        return Compiled(type: t.type == e.type ? t.type : .dyn) { f throws(CELError) in
            guard case .bool(let b) = try ce(f) else { throw CELError("no matching overload for '_?_:_'", position: at) }
            return b ? try te(f) : try ee(f)
        }
    }

    // MARK: - Operators

    private static let arithmetic: [String: (CELValue, CELValue) throws(CELError) -> CELValue] = [
        "_+_": celAdd, "_-_": celSubtract, "_*_": celMultiply, "_/_": celDivide, "_%_": celModulo,
    ]

    private func operatorCall(_ name: String, _ ac: [Compiled], _ at: Int) throws(CELCompileError) -> Compiled? {
        switch name {
        case "!_":
            let a = ac[0].eval
            if checked { switch ac[0].type { case .bool, .dyn: break; default: throw fail("no matching overload for '!_' applied to '\(ac[0].type)'", at) } }
            return Compiled(type: .bool) { f throws(CELError) in
                guard case .bool(let b) = try a(f) else { throw CELError.noOverload("!_") }
                return .bool(!b)
            }
        case "-_":
            if let c = ac[0].constant, let v = try? celNegate(c) { return .const(v, ac[0].type) }
            let a = ac[0].eval
            return Compiled(type: ac[0].type) { f throws(CELError) in
                do throws(CELError) { return try celNegate(try a(f)) } catch { throw positioned(error, at) }
            }
        case "_==_", "_!=_":
            if checked && !comparable(ac[0].type, ac[1].type) {
                throw fail("no matching overload for '\(name)' applied to '(\(ac[0].type), \(ac[1].type))'", at)
            }
            let a = ac[0].eval, b = ac[1].eval
            let neg = name == "_!=_"
            if let c = ac[1].constant, case .string(let s) = c {
                return Compiled(type: .bool) { f throws(CELError) in
                    let x = try a(f)
                    if case .string(let y) = x { return .bool(stringEquals(y, s) != neg) }
                    return .bool(celEquals(x, c) != neg)
                }
            }
            return Compiled(type: .bool) { f throws(CELError) in .bool(celEquals(try a(f), try b(f)) != neg) }
        case "_<_", "_<=_", "_>_", "_>=_":
            let a = ac[0].eval, b = ac[1].eval
            let op: RelOp
            switch name {
            case "_<_": op = .lt
            case "_<=_": op = .le
            case "_>_": op = .gt
            default: op = .ge
            }
            let test = { (c: Int) -> Bool in op.holds(c) }
            if checked { try checkComparable(name, ac[0].type, ac[1].type, at) }
            if let c = ac[1].constant, case .int(let y) = c {
                return Compiled(type: .bool) { f throws(CELError) in
                    let l = try a(f)
                    if case .int(let x) = l { return .bool(op.holds(x, y)) }
                    do throws(CELError) {
                        guard let r = try celCompare(l, c, name) else { return .bool(false) }
                        return .bool(test(r))
                    } catch { throw positioned(error, at) }
                }
            }
            if let c = ac[1].constant, case .double(let y) = c {
                return Compiled(type: .bool) { f throws(CELError) in
                    let l = try a(f)
                    if case .double(let x) = l {
                        return .bool(op.holds(x, y))  // false for NaN, as IEEE comparisons are
                    }
                    do throws(CELError) {
                        guard let r = try celCompare(l, c, name) else { return .bool(false) }
                        return .bool(test(r))
                    } catch { throw positioned(error, at) }
                }
            }
            return Compiled(type: .bool) { f throws(CELError) in
                let l = try a(f), r = try b(f)
                do throws(CELError) {
                    guard let c = try celCompare(l, r, name) else { return .bool(false) }
                    return .bool(test(c))
                } catch { throw positioned(error, at) }
            }
        case "_+_", "_-_", "_*_", "_/_", "_%_":
            guard let fn = Self.arithmetic[name] else { return nil }
            let type = try arithmeticType(name, ac[0].type, ac[1].type, at)
            let a = ac[0].eval, b = ac[1].eval
            return Compiled(type: type) { f throws(CELError) in
                let x = try a(f), y = try b(f)
                do throws(CELError) { return try fn(x, y) } catch { throw positioned(error, at) }
            }
        case "_[_]":
            let a = ac[0].eval, b = ac[1].eval
            var type: CELType = .dyn
            switch ac[0].type {
            case .list(let el):
                type = el
                if checked { switch ac[1].type { case .int, .uint, .dyn: break; default: throw fail("list index must be an int, not '\(ac[1].type)'", at) } }
            case .map(_, let v): type = v
            case .dyn: break
            default: if checked { throw fail("type '\(ac[0].type)' does not support indexing", at) }
            }
            return Compiled(type: type) { f throws(CELError) in
                let x = try a(f), y = try b(f)
                do throws(CELError) { return try celIndex(x, y) } catch { throw positioned(error, at) }
            }
        case "@in":
            if checked {
                let ok: Bool
                switch ac[1].type {
                case .list(let el): ok = comparable(ac[0].type, el)
                case .map(let k, _): ok = comparable(ac[0].type, k)
                case .dyn: ok = true
                default: ok = false
                }
                if !ok { throw fail("no matching overload for 'in' applied to '(\(ac[0].type), \(ac[1].type))'", at) }
            }
            let a = ac[0].eval, b = ac[1].eval
            return Compiled(type: .bool) { f throws(CELError) in
                let x = try a(f), y = try b(f)
                do throws(CELError) { return .bool(try celIn(x, y)) } catch { throw positioned(error, at) }
            }
        default:
            return nil
        }
    }

    private func isNumeric(_ t: CELType) -> Bool { t == .int || t == .uint || t == .double }

    /// Whether values of these static types may be compared for equality: the same type, any two
    /// numeric types (CEL compares numbers across kinds), or anything against `dyn` or `null`.
    private func comparable(_ a: CELType, _ b: CELType) -> Bool {
        switch (a, b) {
        case (.dyn, _), (_, .dyn), (.null, _), (_, .null): return true
        case (.list(let x), .list(let y)): return comparable(x, y)
        case (.map(let k1, let v1), .map(let k2, let v2)): return comparable(k1, k2) && comparable(v1, v2)
        default: return a == b || (isNumeric(a) && isNumeric(b))
        }
    }

    private func checkComparable(_ name: String, _ l: CELType, _ r: CELType, _ at: Int) throws(CELCompileError) {
        if l == .dyn || r == .dyn || l == r || (isNumeric(l) && isNumeric(r)) { return }
        throw fail("no matching overload for '\(name)' applied to '(\(l), \(r))'", at)
    }

    private func arithmeticType(_ name: String, _ l: CELType, _ r: CELType, _ at: Int) throws(CELCompileError) -> CELType {
        switch (name, l, r) {
        case (_, .dyn, _), (_, _, .dyn): return .dyn
        case ("_+_", .timestamp, .duration), ("_+_", .duration, .timestamp), ("_-_", .timestamp, .duration): return .timestamp
        case ("_-_", .timestamp, .timestamp), ("_+_", .duration, .duration), ("_-_", .duration, .duration): return .duration
        case ("_+_", .string, .string), ("_+_", .bytes, .bytes): return l
        case ("_+_", .list(let a), .list(let b)): return a == b ? l : .list(.dyn)
        case ("_%_", .int, .int), ("_%_", .uint, .uint): return l
        case (_, .int, .int), (_, .uint, .uint), (_, .double, .double):
            if name != "_%_" { return l }
        default: break
        }
        if checked { throw fail("no matching overload for '\(name)' applied to '(\(l), \(r))'", at) }
        return .dyn
    }
}

/// A relational operator, applied without an indirect call.
enum RelOp {
    case lt, le, gt, ge

    @inline(__always) func holds(_ c: Int) -> Bool {
        switch self {
        case .lt: return c < 0
        case .le: return c <= 0
        case .gt: return c > 0
        case .ge: return c >= 0
        }
    }

    @inline(__always) func holds<T: Comparable>(_ x: T, _ y: T) -> Bool {
        switch self {
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }
}

/// Attaches a source position to an error that does not have one yet.
@inline(__always)
func positioned(_ e: CELError, _ at: Int) -> CELError {
    if e.position != nil { return e }
    var e = e
    e.position = at
    return e
}
