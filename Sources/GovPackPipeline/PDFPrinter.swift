import Foundation

/// Prints HTML packs to PDF with headless Chromium, when it is installed.
public enum PDFPrinter {
    public struct PrintError: Error, LocalizedError {
        public let message: String
        public var errorDescription: String? { message }
    }

    /// The first Chromium or Chrome on the PATH.
    public static func browser() -> String? {
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// The files plus each `.html` file printed to a `.pdf` of the same name (the HTML stays, so
    /// the index's links keep working).
    public static func print(_ html: [(path: String, data: Data)]) throws -> [(path: String, data: Data)] {
        guard let browser = browser() else {
            throw PrintError(message: "--format pdf needs headless Chromium, which is not installed (Debian/Ubuntu: sudo apt-get install chromium); --format html writes the same packs, print-ready")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("govpack-pdf-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        var out: [(path: String, data: Data)] = html
        for f in html {
            let src = work.appendingPathComponent(f.path)
            try FileManager.default.createDirectory(at: src.deletingLastPathComponent(), withIntermediateDirectories: true)
            try f.data.write(to: src)
            guard f.path.hasSuffix(".html") else { continue }
            let pdfPath = String(f.path.dropLast(5)) + ".pdf"
            let pdf = work.appendingPathComponent(pdfPath)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: browser)
            p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                           "--print-to-pdf=\(pdf.path)", src.absoluteString]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path) else {
                throw PrintError(message: "Chromium could not print \(f.path) (exit \(p.terminationStatus))")
            }
            out.append((pdfPath, data))
        }
        return out
    }
}
