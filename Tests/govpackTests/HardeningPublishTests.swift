import Foundation
import GovPackTestSupport
import Testing

@testable import GovPackPipeline

/// Faults while publishing packs: a read-only output parent, a full disk, a run killed at any
/// point. The published folder is always the previous complete set or the new complete set, and
/// nothing is left beside it once a later run completes.
@Suite("Hardening: publishing faults", .serialized)
struct HardeningPublishTests {
    /// Every file under `dir` (the marker included) with its bytes.
    static func manifest(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let paths = FileManager.default.subpaths(atPath: dir) else { return out }
        for rel in paths {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: dir + "/" + rel)
            }
        }
        return out
    }

    static func leftovers(_ parent: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.hasPrefix(".") }.sorted()
    }

    // MARK: - In-process

    @Test func exchangeSwapsTwoFoldersInOneStep() throws {
        #if os(Linux)
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        try dir.write("a/x", "A")
        try dir.write("b/y", "B")
        #expect(FolderPublisher.exchange(dir.url.appendingPathComponent("a").path, dir.url.appendingPathComponent("b").path))
        #expect(FileManager.default.fileExists(atPath: dir.url.path + "/a/y"))
        #expect(FileManager.default.fileExists(atPath: dir.url.path + "/b/x"))
        // A missing side is not exchanged (and nothing moves).
        #expect(!FolderPublisher.exchange(dir.url.appendingPathComponent("a").path, dir.url.appendingPathComponent("none").path))
        #expect(FileManager.default.fileExists(atPath: dir.url.path + "/a/y"))
        #endif
    }

    @Test(arguments: [false, true])
    func aFailedWriteKeepsThePreviousFolder(twoRenames: Bool) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("packs").path
        try FolderPublisher.publish([("a.html", Data("old".utf8)), ("b.html", Data("old b".utf8))], to: out)
        let before = Self.manifest(out)
        struct DiskFull: Error {}
        FolderPublisher.forceTwoRenameSwap = twoRenames
        FolderPublisher.beforeWrite = { rel in if rel == "b.html" { throw AtomicFile.WriteError(path: rel, reason: "No space left on device") } }
        defer {
            FolderPublisher.beforeWrite = nil
            FolderPublisher.forceTwoRenameSwap = false
        }
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("a.html", Data("new".utf8)), ("b.html", Data("new b".utf8))], to: out)
        }
        #expect(Self.manifest(out) == before)
        #expect(Self.leftovers(dir.url.path).isEmpty)
    }

    /// The fallback swap failing between its renames puts the old folder back.
    @Test func theFallbackSwapRollsBack() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("packs").path
        try FolderPublisher.publish([("a.html", Data("old".utf8))], to: out)
        let before = Self.manifest(out)
        struct Interrupted: Error {}
        FolderPublisher.forceTwoRenameSwap = true
        FolderPublisher.beforeSecondRename = { throw Interrupted() }
        defer {
            FolderPublisher.beforeSecondRename = nil
            FolderPublisher.forceTwoRenameSwap = false
        }
        #expect(throws: FolderPublisher.PublishError.self) {
            try FolderPublisher.publish([("a.html", Data("new".utf8))], to: out)
        }
        #expect(Self.manifest(out) == before)
        #expect(Self.leftovers(dir.url.path) == [])
    }

    /// A dead process's pid (a child that has exited and been reaped).
    static func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// A run killed between the fallback's two renames left the old folder aside and no target:
    /// the next run puts it back first (so a failure of that run still leaves the old packs), and
    /// removes a dead run's staging folder.
    @Test func theNextRunRecoversFromAKilledRun() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let dead = try Self.deadPID()
        try dir.write(".packs.old-\(dead)/a.html", "old")
        try dir.write(".packs.old-\(dead)/\(FolderPublisher.marker)", "m")
        try dir.write(".packs.new-\(dead)/a.html", "half")
        // A live process's staging folder is left alone (it may be publishing now).
        let live = getppid()
        try dir.write(".packs.new-\(live)/a.html", "busy")
        FolderPublisher.recoverFromKilledRuns(parent: dir.url, name: "packs")
        #expect(try String(contentsOfFile: dir.url.path + "/packs/a.html", encoding: .utf8) == "old")
        #expect(Self.leftovers(dir.url.path) == [".packs.new-\(live)"])
        try FolderPublisher.publish([("a.html", Data("new".utf8))], to: dir.url.appendingPathComponent("packs").path)
        #expect(try String(contentsOfFile: dir.url.path + "/packs/a.html", encoding: .utf8) == "new")
    }

    // MARK: - The binary

    static let sample = ["SampleData/reference", "SampleData/submissions/2026-11", "--period", "2026-11"]

    /// Runs `govpack` under `/bin/sh` with a prefix (limits, dropped capabilities).
    static func shell(_ script: String) throws -> GovPackCLI.Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script]
        p.currentDirectoryURL = TestPaths.root
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return GovPackCLI.Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                                 stderr: String(decoding: e, as: UTF8.self))
    }

    static func quoted(_ args: [String]) -> String {
        args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    }

    @Test(.enabled(if: GovPackCLI.available, "build govpack first"))
    func readOnlyParentFailsClearlyAndKeepsThePreviousPacks() throws {
        let dir = try TemporaryFolder()
        defer {
            chmod(dir.url.appendingPathComponent("parent").path, 0o755)
            dir.remove()
        }
        let parent = dir.url.appendingPathComponent("parent").path
        let out = parent + "/packs"
        let first = try GovPackCLI.run(["report"] + Self.sample + ["--pack", "board", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let before = Self.manifest(out)
        chmod(parent, 0o555)
        // Root ignores file modes; without the capability that lets it, it obeys them.
        let drop = getuid() == 0 ? "setpriv --bounding-set=-dac_override,-dac_read_search,-fowner " : ""
        guard getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let r = try Self.shell(drop + Self.quoted([GovPackCLI.binary, "report"] + Self.sample + ["--out", out]))
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot create") && r.stderr.contains("permission") && r.stderr.contains("is unchanged"), "\(r.stderr)")
        #expect(Self.manifest(out) == before)
        #expect(Self.leftovers(parent).isEmpty)
    }

    /// The disk fills while writing: a file-size limit makes writes fail as a full disk does
    /// (EFBIG instead of ENOSPC; SIGXFSZ ignored so the write returns the error).
    @Test(.enabled(if: GovPackCLI.available, "build govpack first"))
    func fullDiskFailsClearlyAndKeepsThePreviousPacks() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("packs").path
        let first = try GovPackCLI.run(["report"] + Self.sample + ["--pack", "board", "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        let before = Self.manifest(out)
        // 64 blocks of 512 bytes: the marker and small packs fit, the board pack does not.
        let r = try Self.shell("trap '' XFSZ; ulimit -f 64; exec " + Self.quoted([GovPackCLI.binary, "report"] + Self.sample + ["--out", out]))
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot write") && r.stderr.contains("is unchanged"), "\(r.stderr)")
        #expect(Self.manifest(out) == before)
        #expect(Self.leftovers(dir.url.path).isEmpty)
    }

    /// `govpack report` killed with SIGKILL after a range of delays, alternating between two
    /// different pack sets: after every kill the folder is exactly one of the two complete sets;
    /// staging folders the kills left are gone after the next complete run.
    @Test(.enabled(if: GovPackCLI.available, "build govpack first"))
    func killedRunsLeaveTheOldOrTheNewCompleteSet() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let out = dir.url.appendingPathComponent("packs").path
        let versions = [["--pack", "board", "--pack", "risk"], ["--format", "md"]]
        var manifests: [[String: Data]] = []
        let clock = ContinuousClock()
        var runTime = Duration.zero
        for v in versions {
            let start = clock.now
            let r = try GovPackCLI.run(["report"] + Self.sample + v + ["--out", out])
            runTime = clock.now - start
            #expect(r.status == 0, "\(r.stderr)")
            manifests.append(Self.manifest(out))
        }
        #expect(manifests[0] != manifests[1] && manifests.allSatisfy { $0.count > 2 })
        // The folder now holds version 1; delays cover the whole run, the publish at its end too.
        let total = Int(runTime.seconds * 1000)
        let delays = stride(from: 0, through: total + 100, by: max(total / 14, 20)).map { $0 }
        var outcomes: [String] = []
        var state = 1
        for (i, delay) in delays.enumerated() {
            let next = 1 - state
            let p = Process()
            p.executableURL = URL(fileURLWithPath: GovPackCLI.binary)
            p.arguments = ["report"] + Self.sample + versions[next] + ["--out", out]
            p.currentDirectoryURL = TestPaths.root
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay * 1000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let now = Self.manifest(out)
            if now == manifests[next] {
                state = next
                outcomes.append("\(delay)ms:new")
            } else if now == manifests[1 - next] {
                outcomes.append("\(delay)ms:old")
            } else {
                Issue.record("kill \(i) after \(delay) ms left a folder that is neither complete set: \(now.keys.sorted().prefix(5))")
                outcomes.append("\(delay)ms:MIXED")
            }
        }
        print("hardening kill loop (run \(runTime)): \(outcomes.joined(separator: " "))")
        // A complete run cleans up what the killed ones left.
        let r = try GovPackCLI.run(["report"] + Self.sample + versions[0] + ["--out", out])
        #expect(r.status == 0)
        #expect(Self.manifest(out) == manifests[0])
        #expect(Self.leftovers(dir.url.path).isEmpty, "\(Self.leftovers(dir.url.path))")
    }

    /// `metrics --out` and other single files: a killed writer's temporary file is removed by the
    /// next write of the same file; a live writer's is not.
    @Test func staleTemporaryFilesAreRemoved() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let dead = try Self.deadPID()
        let live = getppid()
        try dir.write(".metrics.json.tmp-\(dead)", "half")
        try dir.write(".metrics.json.tmp-\(live)", "busy")
        try dir.write(".other.json.tmp-\(dead)", "not ours")
        try AtomicFile.write("{}", to: dir.url.appendingPathComponent("metrics.json").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
            == [".metrics.json.tmp-\(live)", ".other.json.tmp-\(dead)", "metrics.json"])
    }
}
