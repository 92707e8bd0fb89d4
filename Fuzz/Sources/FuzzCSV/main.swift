import CFuzzerDriver
import Foundation
import GovPackCore
import GovPackIngest

/// The CSV path a run takes: the first byte picks the entity (`projects.csv`, `risks.csv`, ...),
/// the rest is the file; the loader reads it (decoding, tokenizing, header binding, typing) and
/// checks keys and references.
let folder: String = {
    let dir = NSTemporaryDirectory() + "govpack-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let entities = Entity.allCases
    let entity = entities[Int(data[0]) % entities.count]
    let path = folder + "/" + entity.fileName
    for e in entities where e != entity { unlink(folder + "/" + e.fileName) }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data + 1, count: size - 1)) else { return 0 }
    let diagnostics = DiagnosticSink()
    let result = InputLoader(options: LoadOptions(period: Period("2026-11"))).load([folder], diagnostics: diagnostics)
    _ = result.portfolio.projects.count
    for d in diagnostics.all { _ = d.formatted }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzCSV_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
