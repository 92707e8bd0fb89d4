import CFuzzerDriver
import Foundation
import GovPackCore
import GovPackIngest

/// The submission XML reader with its structure check, typing into a portfolio.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let diagnostics = DiagnosticSink()
    let builder = PortfolioBuilder(diagnostics: diagnostics)
    let file = builder.addFile(path: "fuzz.xml", isXML: true)
    SubmissionXMLReader.read(bytes, fileID: file, path: "fuzz.xml", sink: builder, diagnostics: diagnostics)
    // Without validation too: the reader's own checks then see every element.
    SubmissionXMLReader.read(bytes, fileID: file, path: "fuzz.xml", sink: builder, diagnostics: diagnostics, validate: false)
    _ = builder.build().projects.count
    for d in diagnostics.all { _ = d.formatted }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzSubmissionXML_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
