import CFuzzerDriver
import Foundation
import GovPackCore
import GovPackIngest

/// The MS Project (MSPDI) reader, typing into a portfolio.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let diagnostics = DiagnosticSink()
    let builder = PortfolioBuilder(diagnostics: diagnostics)
    let file = builder.addFile(path: "PRJ-1.xml", isXML: true)
    MSPDIReader.read(
        bytes, fileID: file, path: "PRJ-1.xml", options: MSPDIOptions(period: "2026-11"), sink: builder,
        diagnostics: diagnostics)
    _ = builder.build().projects.count
    for d in diagnostics.all { _ = d.formatted }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzMSPDI_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
