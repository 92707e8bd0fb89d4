import Foundation

/// Where the tests find the project, its fixtures and the shared corpus.
public enum TestPaths {
    /// The package root, found from this file's path.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the project, when present (tests that need it skip otherwise).
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) ? url : nil
    }

    /// `Tests/<target>/Fixtures/<name>`.
    public static func fixture(_ target: String, _ name: String) -> URL {
        root.appendingPathComponent("Tests").appendingPathComponent(target)
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    public static var sampleData: URL { root.appendingPathComponent("SampleData") }

    /// The message printed when a conformance test cannot find `../shared`.
    public static let sharedMissing = "../shared is absent: skipping the conformance suite that reads it in place"
}

/// A fresh temporary folder, removed by the caller with `remove()`.
public struct TemporaryFolder {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("govpack-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    public func write(_ relative: String, _ contents: String) throws -> URL {
        try write(relative, Data(contents.utf8))
    }

    @discardableResult
    public func write(_ relative: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
