import Foundation

/// The declarations an expression is checked against: variables (each given a slot) and host functions.
public struct CELEnvironment {
    struct Variable { let slot: Int; var type: CELType }
    struct HostFunction {
        let receiver: Bool
        let returns: CELType
        let impl: ([CELValue]) -> Result<CELValue, CELError>
    }

    private(set) var variables: [String: Variable] = [:]
    private(set) var functions: [String: [HostFunction]] = [:]
    /// True when some declared name contains a dot, so selections must be tried as qualified names.
    private(set) var hasQualifiedNames = false

    public init() {}

    /// The standard environment: every built-in function and macro, no variables.
    public static var standard: CELEnvironment { CELEnvironment() }

    /// Declares (or re-types) a variable; its slot stays the same on re-declaration.
    public mutating func declare(_ name: String, _ type: CELType) {
        if let v = variables[name] { variables[name] = Variable(slot: v.slot, type: type); return }
        variables[name] = Variable(slot: variables.count, type: type)
        if name.contains(".") { hasQualifiedNames = true }
    }

    /// The activation slot of a declared variable.
    public func slot(of name: String) -> Int? { variables[name]?.slot }

    /// The declared type of a variable.
    public func type(of name: String) -> CELType? { variables[name]?.type }

    var slotCount: Int { variables.count }

    /// Registers a host function. With `receiver: true` it is called as `x.name(args)` and
    /// receives `x` as its first argument. Several registrations under one name are tried in
    /// order at run time until one does not fail with a "no such overload" error.
    public mutating func function(
        _ name: String, receiver: Bool = false, returns: CELType = .dyn,
        _ impl: @escaping ([CELValue]) -> Result<CELValue, CELError>
    ) {
        functions[name, default: []].append(HostFunction(receiver: receiver, returns: returns, impl: impl))
    }
}

/// Variable values for one evaluation, stored by the slots the environment assigned.
public struct CELActivation {
    var values: [CELValue?]
    /// The objects among `values`, unretained (`values` keeps them alive): reading a field of a
    /// variable goes through these, so that no thread touches the reference count of an object
    /// type every thread shares (an atomic on one cache line was most of a rule's time on two cores).
    var objects: [ObjectRef?]
    private let slots: [String: CELEnvironment.Variable]

    public init(env: CELEnvironment) {
        values = Array(repeating: nil, count: env.slotCount)
        objects = Array(repeating: nil, count: env.slotCount)
        slots = env.variables
    }

    /// Binds a variable by name (a dictionary lookup: use `set(slot:_:)` in hot loops).
    /// Names the environment did not declare are ignored.
    public mutating func set(_ name: String, _ value: CELValue) {
        if let s = slots[name]?.slot { set(slot: s, value) }
    }

    /// Binds the variable at `slot` (from `CELEnvironment.slot(of:)`).
    public mutating func set(slot: Int, _ value: CELValue) {
        values[slot] = value
        if case .object(let t, let o) = value { objects[slot] = ObjectRef(type: t, object: o) } else { objects[slot] = nil }
    }

    /// The value bound at `slot`, if any.
    public func value(slot: Int) -> CELValue? { slot < values.count ? values[slot] : nil }

    /// Unbinds every variable.
    public mutating func clear() {
        for i in values.indices { values[i] = nil; objects[i] = nil }
    }
}

/// An object variable's type and object, held without a reference count (see `CELActivation.objects`).
struct ObjectRef {
    unowned(unsafe) let type: CELObjectType
    unowned(unsafe) let object: CELObject
}
