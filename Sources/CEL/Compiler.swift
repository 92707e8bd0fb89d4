import Foundation

/// The storage one evaluation reads: declared variables by slot, and comprehension variables.
struct Frame {
    let vars: UnsafeBufferPointer<CELValue?>
    /// The object variables among `vars`, unretained.
    let objects: UnsafeBufferPointer<ObjectRef?>
    let locals: UnsafeMutablePointer<CELValue>
}

typealias Eval = (Frame) throws(CELError) -> CELValue

/// A checked sub-expression: its static type and the closure that evaluates it.
struct Compiled {
    let type: CELType
    let eval: Eval
    /// The value, when the sub-expression is a literal.
    var constant: CELValue? = nil
    /// The activation slot, when the sub-expression reads a declared variable.
    var variableSlot: Int? = nil
    /// The local slot, when the sub-expression reads a comprehension variable.
    var localSlot: Int? = nil
    /// The object and field, when the sub-expression selects a list-valued field of an object.
    var listField: ObjectField? = nil

    static func const(_ v: CELValue, _ t: CELType) -> Compiled {
        Compiled(type: t, eval: { _ throws(CELError) in v }, constant: v)
    }
}

/// A field of an object-typed sub-expression, for a comprehension to walk in place
/// (`CELObject.celForEach`) instead of reading the whole list.
struct ObjectField {
    let type: CELObjectType
    let index: Int
    let slot: Int?
    let local: Int?
    let operand: Eval

    /// The object the field belongs to, when the operand is an object of `type`.
    func object(_ f: Frame) throws(CELError) -> CELObject? {
        if let slot, slot < f.objects.count, let r = f.objects[slot] { return r.type === type ? r.object : nil }
        if let local, case .object(let vt, let o) = f.locals[local] { return vt === type ? o : nil }
        if case .object(let vt, let o) = try operand(f), vt === type { return o }
        return nil
    }
}

/// Checks a parsed expression against an environment and turns it into a tree of closures.
///
/// Checking and planning happen in one pass: every identifier becomes a slot read, every field of a
/// declared object type becomes an index, and anything unknown is a `CELCompileError` at its offset.
/// With `checked: false` unknown names become run-time errors instead (the conformance suite's
/// `disable_check`).
final class Compiler {
    let env: CELEnvironment
    let checked: Bool
    let src: [UInt8]
    private var scopes: [(name: String, slot: Int, type: CELType)] = []
    private(set) var maxLocals = 0

    init(env: CELEnvironment, checked: Bool, source: [UInt8]) {
        self.env = env
        self.checked = checked
        self.src = source
    }

    private func error(_ m: String, _ at: Int) -> CELCompileError { CELCompileError(m, offset: at, source: src) }

    static let typeNames: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null, "type": .type,
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    ]

    private var depth = 0

    func compile(_ e: Expr) throws(CELCompileError) -> Compiled {
        // Evaluation recurses as deep as the tree, so a bound here keeps the stack safe at run time too.
        depth += 1
        defer { depth -= 1 }
        if depth > 400 { throw error("expression nested too deeply", e.offset) }
        switch e {
        case .literal(let v, _):
            return .const(v, v.celType)
        case .ident(let name, let at):
            return try ident(name, at)
        case .select(let operand, let field, let at, let testOnly):
            if !testOnly, let q = try qualified(e) { return q }
            return try select(try compile(operand), field, at, testOnly: testOnly)
        case .call(let name, let target, let args, let at):
            return try call(name, target: target, args: args, at)
        case .list(let items, _):
            let cs = try items.map { (x: Expr) throws(CELCompileError) in try compile(x) }
            let elem = commonType(cs.map(\.type))
            if cs.allSatisfy({ $0.constant != nil }) {
                return .const(.list(cs.compactMap(\.constant)), .list(elem))
            }
            let evals = cs.map(\.eval)
            return Compiled(type: .list(elem)) { f throws(CELError) in
                var out: [CELValue] = []
                out.reserveCapacity(evals.count)
                for ev in evals { out.append(try ev(f)) }
                return .list(out)
            }
        case .map(let entries, let at):
            var keys: [Compiled] = [], vals: [Compiled] = []
            for (k, v) in entries {
                let kc = try compile(k)
                if checked {
                    switch kc.type {
                    case .int, .uint, .bool, .string, .dyn: break
                    default: throw error("unsupported map key type '\(kc.type)'", k.offset)
                    }
                }
                keys.append(kc); vals.append(try compile(v))
            }
            let kt = commonType(keys.map(\.type)), vt = commonType(vals.map(\.type))
            let ke = keys.map(\.eval), ve = vals.map(\.eval)
            return Compiled(type: .map(kt, vt)) { f throws(CELError) in
                var m = CELMap()
                for i in 0..<ke.count {
                    let k = try ke[i](f)
                    guard let key = k.mapKey else { throw CELError("unsupported key type", position: at) }
                    if m.lookup(k) != nil { throw CELError("Failed with repeated key", position: at) }
                    m[key] = try ve[i](f)
                }
                return .map(m)
            }
        case .comprehension(let kind, let range, let v1, let v2, let filter, let body, let at):
            return try comprehension(kind, range: range, v1: v1, v2: v2, filter: filter, body: body, at)
        case .message(let name, let at):
            throw error("message construction is not supported ('\(name)')", at)
        }
    }

    private func commonType(_ ts: [CELType]) -> CELType {
        guard let first = ts.first else { return .dyn }
        return ts.allSatisfy({ $0 == first }) ? first : .dyn
    }

    // MARK: - Names

    private func ident(_ rawName: String, _ at: Int) throws(CELCompileError) -> Compiled {
        var name = rawName
        if name.hasPrefix(".") { name.removeFirst() } else {
            for s in scopes.reversed() where s.name == name {
                let slot = s.slot
                return Compiled(type: s.type, eval: { f throws(CELError) in f.locals[slot] }, localSlot: slot)
            }
        }
        if let v = env.variables[name] {
            let slot = v.slot
            return Compiled(type: v.type, eval: { f throws(CELError) in
                guard slot < f.vars.count, let x = f.vars[slot] else {
                    throw CELError("no value bound for '\(name)'", position: at)
                }
                return x
            }, variableSlot: slot)
        }
        if let t = Self.typeNames[name] { return .const(.type(t), .type) }
        if checked { throw error("undeclared reference to '\(name)'", at) }
        return Compiled(type: .dyn) { _ throws(CELError) in
            throw CELError("undeclared reference to '\(name)' (in container '')", position: at)
        }
    }

    /// Resolves `a.b.c` as one dotted name when it is declared as such (or names a type).
    private func qualified(_ e: Expr) throws(CELCompileError) -> Compiled? {
        guard env.hasQualifiedNames || isTypeNamePrefix(e) else { return nil }
        var parts: [String] = []
        var cur = e
        var at = e.offset
        while true {
            switch cur {
            case .select(let op, let f, let o, false): parts.append(f); at = o; cur = op; continue
            case .ident(let n, let o):
                parts.append(n); at = o
                var name = parts.reversed().joined(separator: ".")
                if !n.hasPrefix(".") && scopes.contains(where: { $0.name == n }) { return nil }
                if name.hasPrefix(".") { name.removeFirst() }
                if env.variables[name] != nil || Self.typeNames[name] != nil { return try ident(name, at) }
                return nil
            default: return nil
            }
        }
    }

    private func isTypeNamePrefix(_ e: Expr) -> Bool {
        var cur = e
        while case .select(let op, _, _, false) = cur { cur = op }
        if case .ident(let n, _) = cur { return n == "google" || n == ".google" }
        return false
    }

    // MARK: - Field selection

    private func select(_ operand: Compiled, _ field: String, _ at: Int, testOnly: Bool) throws(CELCompileError) -> Compiled {
        let op = operand.eval
        switch operand.type {
        case .object(let t):
            guard let idx = t.fieldIndex(field) else { throw error("no field '\(field)' in type '\(t.name)'", at) }
            // `variable.field` and `has(variable.field)`, the commonest selections in rules, read the
            // object where the activation holds it instead of copying it out first: that saves a
            // retain and release of the type and the object (shared by every thread) per read.
            // The same for comprehension variables (`f.period` in `xs.exists(f, f.period == p)`).
            let slot = operand.variableSlot, local = operand.localSlot
            if testOnly {
                return Compiled(type: .bool) { f throws(CELError) in
                    if let slot, slot < f.objects.count, let r = f.objects[slot] { return .bool(r.object.celHas(idx)) }
                    if let local, case .object(_, let o) = f.locals[local] { return .bool(o.celHas(idx)) }
                    guard case .object(_, let o) = try op(f) else { throw CELError("no such overload: has", position: at) }
                    return .bool(o.celHas(idx))
                }
            }
            let fieldType = t.fields[idx].type
            var listField: ObjectField?
            if case .list = fieldType, t.walksLists { listField = ObjectField(type: t, index: idx, slot: slot, local: local, operand: op) }
            if let slot {
                return Compiled(type: fieldType, eval: { f throws(CELError) in
                    if slot < f.objects.count, let r = f.objects[slot], r.type === t {
                        guard let x = r.object.celField(idx) else { throw CELError("no such field '\(field)'", position: at) }
                        return x
                    }
                    return try Self.selectField(try op(f), t, idx, field, at)
                }, listField: listField)
            }
            if let local {
                return Compiled(type: fieldType, eval: { f throws(CELError) in
                    if case .object(let vt, let o) = f.locals[local], vt === t {
                        guard let x = o.celField(idx) else { throw CELError("no such field '\(field)'", position: at) }
                        return x
                    }
                    return try Self.selectField(try op(f), t, idx, field, at)
                }, listField: listField)
            }
            return Compiled(type: fieldType, eval: { f throws(CELError) in
                try Self.selectField(try op(f), t, idx, field, at)
            }, listField: listField)
        case .map(let kt, _):
            if checked, kt != .string && kt != .dyn {
                throw error("map key type '\(kt)' does not support field selection of '\(field)'", at)
            }
            fallthrough
        case .dyn:
            let vt: CELType = { if case .map(_, let v) = operand.type { return v } else { return .dyn } }()
            if testOnly {
                return Compiled(type: .bool) { f throws(CELError) in
                    switch try op(f) {
                    case .map(let m): return .bool(m[.string(field)] != nil)
                    case .object(let t, let o):
                        guard let i = t.fieldIndex(field) else { throw CELError("no such field '\(field)'", position: at) }
                        return .bool(o.celHas(i))
                    default: throw CELError("no such overload: has", position: at)
                    }
                }
            }
            return Compiled(type: vt) { f throws(CELError) in
                let v = try op(f)
                switch v {
                case .map(let m):
                    guard let x = m[.string(field)] else { throw CELError("no such key: '\(field)'", position: at) }
                    return x
                case .object(let t, let o):
                    guard let i = t.fieldIndex(field), let x = o.celField(i) else {
                        throw CELError("no such field '\(field)'", position: at)
                    }
                    return x
                default:
                    throw CELError("type '\(v.celType)' does not support field selection", position: at)
                }
            }
        default:
            if checked { throw error("type '\(operand.type)' does not support field selection", at) }
            return Compiled(type: .dyn) { _ throws(CELError) in
                throw CELError("type '\(operand.type)' does not support field selection", position: at)
            }
        }
    }

    /// Field `idx` of `t` (named `field`) of the value `v`, for a value whose static type is `t`
    /// (a promise from the host: if it was broken, the field is looked up by name).
    private static func selectField(_ v: CELValue, _ t: CELObjectType, _ idx: Int, _ field: String, _ at: Int) throws(CELError) -> CELValue {
        switch v {
        case .object(let vt, let o):
            let i = vt === t ? idx : (vt.fieldIndex(field) ?? -1)
            guard i >= 0, let x = o.celField(i) else { throw CELError("no such field '\(field)'", position: at) }
            return x
        case let v:
            throw CELError("type '\(v.celType)' does not support field selection", position: at)
        }
    }

    // MARK: - Comprehensions

    private func pushLocal(_ name: String, _ type: CELType) -> Int {
        let slot = scopes.count
        scopes.append((name, slot, type))
        maxLocals = max(maxLocals, scopes.count)
        return slot
    }

    func comprehension(
        _ kind: ComprehensionKind, range: Expr, v1: String, v2: String?, filter: Expr?, body: Expr, _ at: Int
    ) throws(CELCompileError) -> Compiled {
        let rc = try compile(range)
        var t1: CELType = .dyn, t2: CELType = .dyn
        switch rc.type {
        case .list(let el): if v2 == nil { t1 = el } else { t1 = .int; t2 = el }
        case .map(let k, let v): t1 = k; t2 = v
        case .dyn: break
        default:
            if checked { throw error("expression of type '\(rc.type)' cannot be the range of a comprehension", range.offset) }
        }
        let s1 = pushLocal(v1, t1)
        let s2 = v2.map { pushLocal($0, t2) }
        defer { scopes.removeLast(v2 == nil ? 1 : 2) }
        let fc = try filter.map { (x: Expr) throws(CELCompileError) in try compile(x) }
        let bc = try compile(body)
        let rangeEval = rc.eval
        let fe = fc?.eval, be = bc.eval

        /// Calls `visit` for each element with the iteration variables bound; stops when it returns false.
        let iterate: (CELValue, Frame, (Frame) throws(CELError) -> Bool) throws(CELError) -> Void = { r, f, visit throws(CELError) in
            switch r {
            case .list(let xs):
                // Indexing (not enumerating) copies each element once, straight into its slot.
                if let s2 {
                    for i in xs.indices {
                        f.locals[s1] = .int(Int64(i))
                        f.locals[s2] = xs[i]
                        if try !visit(f) { return }
                    }
                } else {
                    for i in xs.indices {
                        f.locals[s1] = xs[i]
                        if try !visit(f) { return }
                    }
                }
            case .map(let m):
                for (k, v) in zip(m.keys, m.values) {
                    f.locals[s1] = k.value
                    if let s2 { f.locals[s2] = v }
                    if try !visit(f) { return }
                }
            default:
                throw CELError("expression of type '\(r.celType)' cannot be the range of a comprehension", position: at)
            }
        }

        /// For a range that is a list field of an object (`project.financials`), a walk over
        /// the elements in place when the host offers one: see `CELObject.celForEach`. Only for
        /// the kinds whose result keeps no element; the element slot is cleared after the walk,
        /// as the element is not valid past it. Returns false when the host offers none.
        typealias Walk = (Frame, (CELValue) throws(CELError) -> Bool) throws(CELError) -> Bool
        var walk: Walk?
        if s2 == nil, let lf = rc.listField, [.all, .exists, .existsOne, .count].contains(kind) {
            walk = { f, visit throws(CELError) in
                guard let o = try lf.object(f) else { return false }
                let walked = try o.celForEach(lf.index) { e throws(CELError) in
                    f.locals[s1] = e
                    return try visit(e)
                }
                if walked { f.locals[s1] = .null }
                return walked
            }
        }

        switch kind {
        case .all, .exists:
            let target = kind == .exists  // the value that decides the result early
            return Compiled(type: .bool) { f throws(CELError) in
                var decided = false
                var firstError: CELError? = nil
                if let walk {
                    let walked = try walk(f) { _ throws(CELError) in
                        do throws(CELError) {
                            guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                            if b == target { decided = true; return false }
                        } catch {
                            if firstError == nil { firstError = error }
                        }
                        return true
                    }
                    if walked {
                        if decided { return .bool(target) }
                        if let firstError { throw firstError }
                        return .bool(!target)
                    }
                }
                let r = try rangeEval(f)
                if s2 == nil, case .list(let xs) = r {
                    // The common case, looped directly.
                    for i in xs.indices {
                        f.locals[s1] = xs[i]
                        do throws(CELError) {
                            guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                            if b == target { return .bool(target) }
                        } catch {
                            if firstError == nil { firstError = error }
                        }
                    }
                    if let firstError { throw firstError }
                    return .bool(!target)
                }
                try iterate(r, f) { f throws(CELError) in
                    do throws(CELError) {
                        let v = try be(f)
                        guard case .bool(let b) = v else { throw CELError("no matching overload", position: at) }
                        if b == target { decided = true; return false }
                    } catch {
                        if firstError == nil { firstError = error }
                    }
                    return true
                }
                if decided { return .bool(target) }
                if let firstError { throw firstError }
                return .bool(!target)
            }
        case .count:
            return Compiled(type: .int) { f throws(CELError) in
                var n: Int64 = 0
                if let walk {
                    let walked = try walk(f) { _ throws(CELError) in
                        guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                        if b { n += 1 }
                        return true
                    }
                    if walked { return .int(n) }
                }
                let r = try rangeEval(f)
                if s2 == nil, case .list(let xs) = r {
                    for i in xs.indices {
                        f.locals[s1] = xs[i]
                        guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                        if b { n += 1 }
                    }
                    return .int(n)
                }
                try iterate(r, f) { f throws(CELError) in
                    guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                    if b { n += 1 }
                    return true
                }
                return .int(n)
            }
        case .existsOne:
            return Compiled(type: .bool) { f throws(CELError) in
                var n = 0
                if let walk {
                    let walked = try walk(f) { _ throws(CELError) in
                        guard case .bool(let b) = try be(f) else { throw CELError("no matching overload", position: at) }
                        if b { n += 1 }
                        return true
                    }
                    if walked { return .bool(n == 1) }
                }
                try iterate(try rangeEval(f), f) { f throws(CELError) in
                    let v = try be(f)
                    guard case .bool(let b) = v else { throw CELError("no matching overload", position: at) }
                    if b { n += 1 }
                    return true
                }
                return .bool(n == 1)
            }
        case .map, .transformList:
            return Compiled(type: .list(bc.type)) { f throws(CELError) in
                var out: [CELValue] = []
                try iterate(try rangeEval(f), f) { f throws(CELError) in
                    if let fe {
                        let keep = try fe(f)
                        guard case .bool(let b) = keep else { throw CELError("no matching overload", position: at) }
                        if !b { return true }
                    }
                    out.append(try be(f))
                    return true
                }
                return .list(out)
            }
        case .filter:
            let elemType: CELType = { if case .list(let el) = rc.type { return el }; if case .map(let k, _) = rc.type { return k }; return .dyn }()
            return Compiled(type: .list(elemType)) { f throws(CELError) in
                var out: [CELValue] = []
                try iterate(try rangeEval(f), f) { f throws(CELError) in
                    let keep = try be(f)
                    guard case .bool(let b) = keep else { throw CELError("no matching overload", position: at) }
                    if b { out.append(f.locals[s1]) }
                    return true
                }
                return .list(out)
            }
        case .transformMap:
            let kt: CELType = { if case .map(let k, _) = rc.type { return k }; return .dyn }()
            return Compiled(type: .map(kt, bc.type)) { f throws(CELError) in
                var out = CELMap()
                try iterate(try rangeEval(f), f) { f throws(CELError) in
                    if let fe {
                        let keep = try fe(f)
                        guard case .bool(let b) = keep else { throw CELError("no matching overload", position: at) }
                        if !b { return true }
                    }
                    guard let key = f.locals[s1].mapKey else { throw CELError("transformMap requires a map", position: at) }
                    out[key] = try be(f)
                    return true
                }
                return .map(out)
            }
        }
    }
}
