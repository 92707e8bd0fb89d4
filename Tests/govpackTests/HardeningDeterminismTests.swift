import Foundation
import GovPackTestSupport
import Testing

/// The same inputs give the same bytes whatever the order files were created in on disk, the
/// time zone, the locale and the number of threads: validation JSON, metrics JSON and every pack
/// (HTML and Markdown), from the built binary.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"), .serialized)
struct HardeningDeterminismTests {
    /// Copies the sample's reference data and 2026-11 submissions under `dir`, creating the files
    /// (and their folders) in an order shuffled by `seed`.
    static func copySample(to dir: URL, seed: UInt64) throws {
        let fm = FileManager.default
        var files: [String] = []
        for sub in ["reference", "submissions/2026-11"] {
            let src = TestPaths.sampleData.appendingPathComponent(sub)
            for rel in try fm.subpathsOfDirectory(atPath: src.path) {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: src.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                    files.append(sub + "/" + rel)
                }
            }
        }
        files.sort()
        if seed != 0 {
            var rng = SplitMix(state: seed)
            files.shuffle(using: &rng)
        }
        for rel in files {
            let dst = dir.appendingPathComponent(rel)
            try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent(rel), to: dst)
        }
    }

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Runs the binary in `dir` with `env` added to a minimal environment; stdout must be clean.
    static func run(_ args: [String], in dir: URL, env: [String: String]) throws -> (status: Int32, stdout: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: GovPackCLI.binary)
        p.arguments = args
        p.currentDirectoryURL = dir
        var environment = ["PATH": "/usr/bin:/bin", "HOME": dir.path]
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    /// Every output of one configuration, by name.
    static func outputs(seed: UInt64, env: [String: String]) throws -> [String: Data] {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        try copySample(to: tmp.url, seed: seed)
        let inputs = ["reference", "submissions/2026-11", "--period", "2026-11"]
        var out: [String: Data] = [:]
        let v = try run(["validate"] + inputs + ["--format", "json"], in: tmp.url, env: env)
        #expect(v.status == 1)
        out["validate.json"] = v.stdout
        let m = try run(["metrics"] + inputs + ["--appetite", "resource=300"], in: tmp.url, env: env)
        #expect(m.status == 0)
        out["metrics.json"] = m.stdout
        for format in ["html", "md"] {
            let r = try run(["report"] + inputs + ["--format", format, "--out", "packs-\(format)"], in: tmp.url, env: env)
            #expect(r.status == 0)
            let folder = tmp.url.appendingPathComponent("packs-\(format)")
            for rel in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
                var isDir: ObjCBool = false
                let path = folder.appendingPathComponent(rel).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                    out["packs-\(format)/" + rel] = FileManager.default.contents(atPath: path)
                }
            }
        }
        return out
    }

    static let variants: [(String, UInt64, [String: String])] = [
        ("shuffled files", 1, [:]),
        ("shuffled again, TZ=Pacific/Chatham", 2, ["TZ": "Pacific/Chatham"]),
        ("LANG=tr_TR.UTF-8", 3, ["LANG": "tr_TR.UTF-8"]),
        ("LC_ALL=tr_TR.UTF-8, TZ=Asia/Kathmandu", 4, ["LC_ALL": "tr_TR.UTF-8", "TZ": "Asia/Kathmandu"]),
        ("LC_ALL=de_DE.UTF-8 (decimal comma)", 5, ["LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"]),
        ("LC_ALL=C, TZ=America/St_Johns", 6, ["LC_ALL": "C", "TZ": "America/St_Johns"]),
        ("GOVPACK_THREADS=1", 7, ["GOVPACK_THREADS": "1"]),
        ("GOVPACK_THREADS=3, TZ=Pacific/Kiritimati", 8, ["GOVPACK_THREADS": "3", "TZ": "Pacific/Kiritimati"]),
    ]

    @Test func sameBytesWhateverTheOrderLocaleTimeZoneAndThreads() throws {
        let reference = try Self.outputs(seed: 0, env: ["TZ": "UTC", "LANG": "C.UTF-8"])
        #expect(reference.count > 20)
        #expect(reference.values.allSatisfy { !$0.isEmpty })
        for (name, seed, env) in Self.variants {
            let got = try Self.outputs(seed: seed, env: env)
            #expect(Set(got.keys) == Set(reference.keys), "\(name)")
            let differing = reference.keys.sorted().filter { got[$0] != reference[$0] }
            #expect(differing.isEmpty, "\(name): \(differing.prefix(5))")
        }
    }
}
