import Crypto
import Foundation

/// SHA-256 checksums of inputs and pack files (swift-crypto), as lower-case hex.
public enum Checksum {
    /// The hex digest of `data`.
    public static func sha256<D: DataProtocol>(_ data: D) -> String {
        hex(Crypto.SHA256.hash(data: data))
    }

    /// The hex digest of a file's bytes, read in 1 MiB chunks; throws when unreadable.
    public static func sha256(ofFile path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        var hasher = Crypto.SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hex(hasher.finalize())
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension InputRecord {
    /// SHA-256 over one `path<TAB>sha256<TAB>status` line per input, in path order: the same
    /// files give the same digest whatever order they were read in. `run.json`'s `input_digest`
    /// is this digest too.
    public static func digest(_ inputs: [InputRecord]) -> String {
        var hasher = Crypto.SHA256()
        for i in inputs.sorted(by: { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }) {
            hasher.update(data: Data((i.path + "\t" + i.sha256 + "\t" + i.status.rawValue + "\n").utf8))
        }
        return Checksum.hex(hasher.finalize())
    }
}
