import Foundation

/// Headless Chromium, when installed (`apt-get install chromium`; `.ci/run` installs it).
public enum Browser {
    public static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs Chromium headless with `arguments`, killing it after `seconds`; returns stdout.
    public static func run(_ arguments: [String], seconds: Double = 60) throws -> String {
        guard let chromium else { return "" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
        // Output goes to a file, read once Chromium has exited (a pipe could fill and block it).
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("govpack-chromium-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL) }
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        let data = (try? Data(contentsOf: outURL)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}


extension Browser {
    /// The page's width in CSS pixels at a window `width` wide: a copy of the page gets a
    /// script that writes `scrollWidth` into its title (the packs themselves carry no script).
    public static func pageWidth(of page: URL, window width: Int = 1280) throws -> Int? {
        let html = String(decoding: try Data(contentsOf: page), as: UTF8.self)
        let probe = page.deletingLastPathComponent().appendingPathComponent(page.lastPathComponent + ".probe.html")
        try Data(html.replacingOccurrences(
            of: "</body>", with: "<script>document.title='W='+document.documentElement.scrollWidth;</script></body>").utf8
        ).write(to: probe)
        defer { try? FileManager.default.removeItem(at: probe) }
        let dom = try run(["--window-size=\(width),1000", "--dump-dom", probe.absoluteString])
        return dom.range(of: #"W=\d+"#, options: .regularExpression).flatMap { Int(dom[$0].dropFirst(2)) }
    }

    /// The `/MediaBox` of every page of a PDF printed from `page`.
    public static func printedPages(of page: URL, to pdf: URL) throws -> [String] {
        _ = try run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
        let bytes = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        var boxes: [String] = []
        var rest = bytes[...]
        while let r = rest.range(of: #"/MediaBox \[[^\]]*\]"#, options: .regularExpression) {
            boxes.append(String(rest[r]))
            rest = rest[r.upperBound...]
        }
        return boxes
    }
}
