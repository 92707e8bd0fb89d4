import Foundation
import GovPackTestSupport
import Testing
@testable import GovPackRender

/// Template overrides cannot read files outside their folder: partial names are looked up among
/// the registered templates only (never as paths), and a symbolic link in the override folder is
/// refused whether it points at a file or a folder outside.
@Suite struct HardeningTemplateTests {
    static let marker = "GOVPACK-TEMPLATE-SECRET-51c2"

    /// A secret file outside the override folder, and the override folder.
    static func setUp() throws -> (tmp: TemporaryFolder, secret: URL, overrides: URL) {
        let tmp = try TemporaryFolder()
        let secret = try tmp.write("secret/board.html.mustache", "\(marker) {{generatedBy}}")
        let overrides = tmp.url.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: overrides, withIntermediateDirectories: true)
        return (tmp, secret, overrides)
    }

    static func rendered(_ renderer: PackRenderer) throws -> String {
        try renderer.render(Fixture.input(), packs: [.board], format: .html).map(\.contents).joined()
    }

    @Test(arguments: ["../secret/board", "/etc/passwd", "../../../../etc/passwd", "secret/board.html.mustache"])
    func partialNamesAreNotPaths(_ name: String) throws {
        let (tmp, _, overrides) = try Self.setUp()
        defer { tmp.remove() }
        try Data("{{> \(name)}}".utf8).write(to: overrides.appendingPathComponent("board.html.mustache"))
        let renderer = try PackRenderer(templatesOverride: overrides)
        #expect(throws: TemplateError.self) { try Self.rendered(renderer) }
        let text = (try? Self.rendered(renderer)) ?? ""
        #expect(!text.contains(Self.marker))
        #expect(!text.contains("root:"))
    }

    @Test func symlinkedTemplateFileIsRefused() throws {
        let (tmp, secret, overrides) = try Self.setUp()
        defer { tmp.remove() }
        try FileManager.default.createSymbolicLink(
            at: overrides.appendingPathComponent("board.html.mustache"), withDestinationURL: secret)
        var message = ""
        do {
            let text = try Self.rendered(try PackRenderer(templatesOverride: overrides))
            #expect(!text.contains(Self.marker), "the linked file outside the folder was used as a template")
        } catch let e as TemplateError {
            message = "\(e)"
        }
        #expect(message.contains("symbolic link"), "\(message)")
    }

    @Test func symlinkedTemplateFolderIsRefused() throws {
        let (tmp, secret, overrides) = try Self.setUp()
        defer { tmp.remove() }
        try FileManager.default.createSymbolicLink(
            at: overrides.appendingPathComponent("board"), withDestinationURL: secret.deletingLastPathComponent())
        var message = ""
        do {
            let text = try Self.rendered(try PackRenderer(templatesOverride: overrides))
            #expect(!text.contains(Self.marker), "the linked folder outside was used for templates")
        } catch let e as TemplateError {
            message = "\(e)"
        }
        #expect(message.contains("symbolic link"), "\(message)")
    }

    /// The override folder itself may be a link (a user's choice on the command line).
    @Test func linkedOverrideFolderIsAllowed() throws {
        let (tmp, _, overrides) = try Self.setUp()
        defer { tmp.remove() }
        try Data("OVERRIDDEN {{generatedBy}}".utf8).write(to: overrides.appendingPathComponent("board.html.mustache"))
        let link = tmp.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: overrides)
        let text = try Self.rendered(try PackRenderer(templatesOverride: link))
        #expect(text.contains("OVERRIDDEN"))
    }
}

/// One-pager and steering file names made from ids never leave their folder.
@Suite struct HardeningFileNameTests {
    @Test(arguments: [
        ("../../etc/x", "_.._.._etc_x"),
        ("/etc/passwd", "_etc_passwd"),
        ("..", "_.."),
        (".hidden", "_.hidden"),
        ("a\0b", "a_b"),
        ("", "_"),
        ("C:\\Windows\\x", "C__Windows_x"),
        ("PRJ-001", "PRJ-001"),
    ])
    func idsBecomeSafeFileNames(_ id: String, _ expected: String) {
        let name = ViewModel.fileName(id)
        #expect(name == expected)
        #expect(!name.contains("/") && name != "." && name != ".." && !name.hasPrefix("."))
    }
}
