import Foundation
import GovPackStore
import GovPackTestSupport
import Testing

/// The monthly run gives the same packs, run.json and history rows whatever the order files were
/// created in, the time zone, the locale and the number of threads.
@Suite(.enabled(if: GovPackCLI.available, "build govpack first (make test does)"), .serialized)
struct RunDeterminismTests {
    /// Runs 2026-10 then 2026-11 on a shuffled copy; every published file of November and the
    /// history database's rows, by name.
    static func outputs(seed: UInt64, env: [String: String]) throws -> [String: Data] {
        let tmp = try TemporaryFolder()
        defer { tmp.remove() }
        let fm = FileManager.default
        var files: [String] = []
        for sub in ["reference", "submissions/2026-10", "submissions/2026-11"] {
            let src = TestPaths.sampleData.appendingPathComponent(sub)
            for rel in try fm.subpathsOfDirectory(atPath: src.path) {
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: src.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                    files.append(sub + "/" + rel)
                }
            }
        }
        files.sort()
        var rng = HardeningDeterminismTests.SplitMix(state: seed)
        if seed != 0 { files.shuffle(using: &rng) }
        for rel in files {
            let dst = tmp.url.appendingPathComponent(rel)
            try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: TestPaths.sampleData.appendingPathComponent(rel), to: dst)
        }
        _ = try tmp.write("govpack.yaml", """
            inputs: {reference: [reference], submissions: "submissions/{period}"}
            thresholds: {appetite: {resource: 300}}
            output: {folder: "out/{period}", formats: [html, md]}
            history: govpack.db

            """)
        for period in ["2026-10", "2026-11"] {
            let r = try HardeningDeterminismTests.run(["run", "--period", period, "--quiet"], in: tmp.url, env: env)
            #expect(r.status == (period == "2026-10" ? 1 : 0), "\(period)")
        }
        var out: [String: Data] = [:]
        let folder = tmp.url.appendingPathComponent("out/2026-11")
        for rel in try fm.subpathsOfDirectory(atPath: folder.path) {
            var isDir: ObjCBool = false
            let path = folder.appendingPathComponent(rel).path
            if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { out[rel] = fm.contents(atPath: path) }
        }
        out["govpack.db rows"] = Data(try HistoryStore(path: tmp.url.appendingPathComponent("govpack.db").path, mode: .readOnly).dump().utf8)
        return out
    }

    @Test func sameBytesAndRowsWhateverTheOrderLocaleTimeZoneAndThreads() throws {
        let reference = try Self.outputs(seed: 0, env: ["TZ": "UTC", "LANG": "C.UTF-8"])
        #expect(reference.count > 100)
        #expect((reference["govpack.db rows"]?.count ?? 0) > 10_000)
        for (name, seed, env): (String, UInt64, [String: String]) in [
            ("shuffled files, TZ=Pacific/Chatham, LC_ALL=tr_TR.UTF-8", 11, ["TZ": "Pacific/Chatham", "LC_ALL": "tr_TR.UTF-8"]),
            ("shuffled files, GOVPACK_THREADS=1, LC_ALL=de_DE.UTF-8", 12, ["GOVPACK_THREADS": "1", "LC_ALL": "de_DE.UTF-8"]),
        ] {
            let got = try Self.outputs(seed: seed, env: env)
            #expect(Set(got.keys) == Set(reference.keys), "\(name)")
            let differing = reference.keys.sorted().filter { got[$0] != reference[$0] }
            #expect(differing.isEmpty, "\(name): \(differing.prefix(5))")
        }
    }
}
