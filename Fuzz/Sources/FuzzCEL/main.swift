import CFuzzerDriver
import Foundation
import CEL

/// CEL: parse, check, plan and evaluate any text, with a few declared variables of every kind.
let project = CELObjectType(name: "project", fields: [("budget", .double), ("stage", .string), ("score", .int)])

final class Project: CELObject {
    func celField(_ index: Int) -> CELValue? {
        switch index {
        case 0: return .double(1_000_000.5)
        case 1: return .string("execution")
        case 2: return .int(7)
        default: return nil
        }
    }
}

let env: CELEnvironment = {
    var env = CELEnvironment.standard
    env.declare("i", .int)
    env.declare("u", .uint)
    env.declare("d", .double)
    env.declare("s", .string)
    env.declare("b", .bytes)
    env.declare("l", .list(.int))
    env.declare("m", .map(.string, .dyn))
    env.declare("x", .dyn)
    env.declare("p", .object(project))
    // The names the shipped rule pack uses, so that its expressions (the seeds) compile.
    for name in ["project", "risk", "issue", "milestone", "financial", "benefit", "program", "person", "assignment",
                 "gate", "dependency", "lesson", "certification", "figures", "today", "period"] {
        env.declare(name, .dyn)
    }
    env.enableDateExtensions()
    return env
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    for checked in [true, false] {
        let program: CELProgram
        do {
            program = try CELProgram.compile(source, in: env, checked: checked)
        } catch {
            _ = error.rendered(source: source)
            continue
        }
        var a = CELActivation(env: env)
        a.set("i", .int(-9_223_372_036_854_775_807))
        a.set("u", .uint(18_446_744_073_709_551_615))
        a.set("d", .double(-0.0))
        a.set("s", .string("héllo\u{0}"))
        a.set("b", .bytes([0xFF, 0x00]))
        a.set("l", .list([.int(1), .int(2)]))
        a.set("x", .string("dyn"))
        a.set("p", .object(project, Project()))
        _ = program.evaluate(a)
    }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzCEL_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
