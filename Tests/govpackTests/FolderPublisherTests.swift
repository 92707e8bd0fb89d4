import Foundation
import GovPackTestSupport
import Testing

@testable import GovPackPipeline

@Suite struct FolderPublisherTests {
    @Test func replacesTheWholeFolder() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("out").path
        try FolderPublisher.publish([("a.html", Data("1".utf8)), ("steering/PGM-1.html", Data("2".utf8))], to: out)
        try FolderPublisher.publish([("a.html", Data("3".utf8))], to: out)
        #expect(try String(contentsOfFile: out + "/a.html", encoding: .utf8) == "3")
        // The second publication replaced the folder: nothing of the first is left over.
        #expect(!FileManager.default.fileExists(atPath: out + "/steering/PGM-1.html"))
        // No staging or old folders are left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
        #expect(FileManager.default.fileExists(atPath: out + "/" + FolderPublisher.marker))
    }

    /// Files handed to the staging's writer thread while the caller goes on (as the run does while
    /// it renders) are all there after commit; a bad one fails the commit and changes nothing.
    @Test func enqueuedFilesArePublishedOrNothingIs() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("out").path
        try FolderPublisher.publish([("keep.html", Data("old".utf8))], to: out)
        let good = try FolderPublisher.Staging(to: out)
        for i in 0..<200 { good.enqueue("projects/PRJ-\(i).html", Data("project \(i)".utf8)) }
        good.enqueue("index.html", Data("index".utf8))
        try good.commit()
        #expect(try String(contentsOfFile: out + "/projects/PRJ-199.html", encoding: .utf8) == "project 199")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/projects").count == 200)
        #expect(!FileManager.default.fileExists(atPath: out + "/keep.html"))

        let bad = try FolderPublisher.Staging(to: out)
        bad.enqueue("a.html", Data("a".utf8))
        bad.enqueue("../escape.html", Data("x".utf8))
        bad.enqueue("b.html", Data("b".utf8))
        let e = try #require(throws: FolderPublisher.PublishError.self) { try bad.commit() }
        #expect(e.message.contains("output paths must stay inside"))
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "index")
        #expect(!FileManager.default.fileExists(atPath: out + "/a.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])

        // Abandoned (a render failed): the staging folder goes, the published folder stays.
        let dropped = try FolderPublisher.Staging(to: out)
        dropped.enqueue("c.html", Data("c".utf8))
        dropped.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
        #expect(throws: FolderPublisher.PublishError.self) { try dropped.commit() }
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == "index")
    }

    @Test func neverReplacesAFolderItDidNotWrite() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let thesis = try dir.write("docs/thesis.txt", "years of work")
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("a.html", Data("x".utf8))], to: dir.url.appendingPathComponent("docs").path)
        }
        #expect(try String(contentsOf: thesis, encoding: .utf8) == "years of work")
        // Nor one that holds an input, nor the working directory.
        let input = try dir.write("out/teams/projects.csv", "x")
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("a.html", Data("x".utf8))], to: dir.url.appendingPathComponent("out").path,
                                        protecting: [input.deletingLastPathComponent().path])
        }
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("a.html", Data("x".utf8))], to: FileManager.default.currentDirectoryPath)
        }
        // An empty folder is fine.
        let empty = dir.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try FolderPublisher.publish([("a.html", Data("x".utf8))], to: empty.path)
        #expect(FileManager.default.fileExists(atPath: empty.path + "/a.html"))
    }

    @Test(arguments: ["../escape.html", "/etc/x", "a/../../b", "", "./"])
    func refusesPathsThatLeaveTheFolder(_ path: String) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("out").path
        try FolderPublisher.publish([("keep.html", Data("old".utf8))], to: out)
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("new.html", Data("x".utf8)), (path, Data("bad".utf8))], to: out)
        }
        // The previous publication is untouched.
        #expect(try String(contentsOfFile: out + "/keep.html", encoding: .utf8) == "old")
        #expect(!FileManager.default.fileExists(atPath: out + "/new.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["out"])
    }

    @Test(arguments: [("a/./b.html", "a/b.html"), ("index.html", "index.html"), ("a//b", "a/b")])
    func normalisesSafePaths(_ path: String, _ expected: String) {
        #expect(FolderPublisher.safeRelativePath(path) == expected)
    }
}
