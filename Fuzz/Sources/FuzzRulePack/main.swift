import CFuzzerDriver
import Foundation
import GovPackCore
import GovPackRules

/// The rule-pack loader: YAML parsing, strict keys, CEL compilation of every rule.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let diagnostics = DiagnosticSink()
    _ = RulePackLoader.parse(text, path: "fuzz.yaml", diagnostics: diagnostics)
    for d in diagnostics.all { _ = d.formatted }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzRulePack_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
