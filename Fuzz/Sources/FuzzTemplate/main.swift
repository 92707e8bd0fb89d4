import CFuzzerDriver
import Foundation
import GovPackCore
import GovPackMetrics
import GovPackRender

/// The template loader and renderer: the input replaces the board template (HTML or Markdown by
/// its first byte) in an override folder, then the board pack is rendered from an empty portfolio.
let folder: String = {
    let dir = NSTemporaryDirectory() + "govpack-fuzz-template-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

let input: RenderInput = {
    let period = Period("2026-11") ?? Period(index: 0)
    let portfolio = Portfolio()
    return RenderInput(
        portfolio: portfolio, metrics: PortfolioMetrics.compute(portfolio, config: MetricsConfig(period: period)),
        findings: [], period: period, generatedBy: "fuzz")
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let md = data[0] & 1 == 1
    let name = md ? "board.md.mustache" : "board.html.mustache"
    unlink(folder + "/board.md.mustache")
    unlink(folder + "/board.html.mustache")
    guard FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes: data + 1, count: size - 1)) else {
        return 0
    }
    do {
        let renderer = try PackRenderer(templatesOverride: URL(fileURLWithPath: folder))
        _ = try renderer.render(input, packs: [.board], format: md ? .md : .html)
    } catch {
        _ = "\(error)"
    }
    return 0
}

// SwiftPM links an executable's entry point as `<module>_main` (in place of libFuzzer's `main`),
// so this one hands over to libFuzzer's driver.
@_cdecl("FuzzTemplate_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var c = argc
    var v = argv
    return LLVMFuzzerRunDriver(&c, &v) { data, size in fuzz(data, size) }
}
