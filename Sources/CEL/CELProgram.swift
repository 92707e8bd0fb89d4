import Foundation

/// A checked, compiled expression: compile once, evaluate many times.
///
/// Evaluation reads variables by the slots resolved at compile time and object fields by the
/// indices resolved at compile time; it does no lookups by name.
public final class CELProgram: @unchecked Sendable {
    /// The static type of the expression's result (`dyn` when it depends on run-time values).
    public let outputType: CELType
    /// The source text the program was compiled from.
    public let source: String
    /// Field tests the expression needs to pass to be true (see `CELFieldTest`).
    public let requiredTests: [CELFieldTest]
    private let eval: Eval
    private let localCount: Int

    private init(source: String, type: CELType, eval: @escaping Eval, locals: Int, tests: [CELFieldTest]) {
        self.source = source
        self.requiredTests = tests
        self.outputType = type
        self.eval = eval
        self.localCount = locals
    }

    /// Parses and checks `source` against `env`; every undeclared name or unknown field is a
    /// `CELCompileError` carrying the offending name's position.
    public static func compile(_ source: String, in env: CELEnvironment) throws(CELCompileError) -> CELProgram {
        try compile(source, in: env, checked: true)
    }

    /// As `compile(_:in:)`; with `checked: false` unknown names and functions fail at run time
    /// instead (the conformance suite's `disable_check`).
    public static func compile(_ source: String, in env: CELEnvironment, checked: Bool) throws(CELCompileError) -> CELProgram {
        let bytes = Array(source.utf8)
        let ast = try Parser.parse(bytes)
        let compiler = Compiler(env: env, checked: checked, source: bytes)
        let c = try compiler.compile(ast)
        return CELProgram(
            source: source, type: c.type, eval: c.eval, locals: compiler.maxLocals,
            tests: CELFieldTest.required(by: ast, in: env))
    }

    /// Evaluates the program with the variables bound in `activation`.
    public func evaluate(_ activation: CELActivation) -> Result<CELValue, CELError> {
        activation.values.withUnsafeBufferPointer { vars in activation.objects.withUnsafeBufferPointer { objects in
            if localCount == 0 {
                var dummy = CELValue.null
                return withUnsafeMutablePointer(to: &dummy) { p in run(Frame(vars: vars, objects: objects, locals: p)) }
            }
            // Comprehension variables live on the stack for the length of one evaluation.
            return withUnsafeTemporaryAllocation(of: CELValue.self, capacity: localCount) { buffer in
                guard let locals = buffer.baseAddress else { return .failure(CELError("no room for variables")) }
                locals.initialize(repeating: .null, count: localCount)
                defer { locals.deinitialize(count: localCount) }
                return run(Frame(vars: vars, objects: objects, locals: locals))
            }
        } }
    }

    private func run(_ f: Frame) -> Result<CELValue, CELError> {
        do throws(CELError) { return .success(try eval(f)) } catch { return .failure(error) }
    }
}
