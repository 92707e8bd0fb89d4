/// A test of one field of an object variable that an expression needs to pass to be true: a
/// conjunct of its top-level `&&` chain that is `has(v.f)` or compares `v.f` with a literal or a
/// variable (`risk.status == "open"`, `assignment.period > period`).
///
/// A conjunct that is false makes the whole chain false, whatever the others give (errors
/// included), so a host that finds one false on its own typed data knows the result without
/// evaluating anything; when it cannot tell (an absent field, a type it does not know), it
/// evaluates the expression as usual.
public struct CELFieldTest: Sendable {
    public enum Operator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    public enum Kind: Sendable {
        /// `has(v.f)`.
        case present
        /// `v.f <op> operand`.
        case compare(Operator, Operand)
    }

    public enum Operand: @unchecked Sendable {
        case constant(CELValue)
        /// A declared variable, by its activation slot.
        case variable(slot: Int)
    }

    /// The activation slot of the object variable.
    public let variableSlot: Int
    /// The field's index in the variable's object type.
    public let field: Int
    public let kind: Kind

    /// What the conjunct gives for the field value `value` and the operand's value `operand`,
    /// exactly as evaluating it would; nil when evaluating it fails.
    public static func holds(_ op: Operator, _ value: CELValue, _ operand: CELValue) -> Bool? {
        switch op {
        case .equal: return celEquals(value, operand)
        case .notEqual: return !celEquals(value, operand)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let c: Int?
            do throws(CELError) { c = try celCompare(value, operand, "") } catch { return nil }
            guard let c else { return false }  // NaN: every ordering is false
            switch op {
            case .less: return c < 0
            case .lessOrEqual: return c <= 0
            case .greater: return c > 0
            default: return c >= 0
            }
        }
    }

    static let operators: [String: Operator] = [
        "_==_": .equal, "_!=_": .notEqual, "_<_": .less, "_<=_": .lessOrEqual, "_>_": .greater, "_>=_": .greaterOrEqual,
    ]

    /// The field tests among the conjuncts of `e`, for variables declared in `env`.
    static func required(by e: Expr, in env: CELEnvironment) -> [CELFieldTest] {
        // A dotted name could be a declared variable rather than a field: leave those alone.
        guard !env.hasQualifiedNames else { return [] }
        var tests: [CELFieldTest] = []
        func field(_ e: Expr) -> (slot: Int, field: Int)? {
            guard case .select(.ident(let name, _), let f, _, _) = e, let v = env.variables[name],
                  case .object(let t) = v.type, let i = t.fieldIndex(f) else { return nil }
            return (v.slot, i)
        }
        func visit(_ e: Expr) {
            switch e {
            case .call("_&&_", nil, let args, _) where args.count == 2:
                visit(args[0])
                visit(args[1])
            case .select(_, _, _, testOnly: true):
                if let f = field(e) { tests.append(CELFieldTest(variableSlot: f.slot, field: f.field, kind: .present)) }
            case .call(let name, nil, let args, _) where args.count == 2:
                guard let op = operators[name], case .select(_, _, _, testOnly: false) = args[0],
                      let f = field(args[0]) else { return }
                let operand: Operand
                switch args[1] {
                case .literal(let c, _): operand = .constant(c)
                case .ident(let name, _):
                    guard let v = env.variables[name] else { return }
                    operand = .variable(slot: v.slot)
                default: return
                }
                tests.append(CELFieldTest(variableSlot: f.slot, field: f.field, kind: .compare(op, operand)))
            default:
                return
            }
        }
        visit(e)
        return tests
    }
}
