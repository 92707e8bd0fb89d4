import GovPackCore

/// Hashing for the integrity checks' keys that is cheaper than `Hasher` (SipHash) and holds the
/// same equality, under one condition: every string involved is ASCII. For ASCII strings,
/// `String ==` (canonical equivalence) is byte equality, so a hash of the bytes is consistent
/// with it. Callers check `isASCII` and fall back to `Dictionary`/`Set` otherwise.
enum KeyHash {
    @inline(__always)
    static func isASCII(_ s: String) -> Bool {
        if let r = s.utf8.withContiguousStorageIfAvailable({ b -> Bool in
            var acc: UInt8 = 0
            for c in b { acc |= c }
            return acc < 0x80
        }) { return r }
        return s.utf8.allSatisfy { $0 < 0x80 }
    }

    @inline(__always)
    static func mix(_ h: UInt64, _ x: UInt64) -> UInt64 {
        let m = (h ^ x) &* 0x9E37_79B9_7F4A_7C15
        return m ^ (m >> 32)
    }

    /// MurmurHash3's finaliser: every input bit reaches the low bits that index the tables.
    @inline(__always)
    static func finish(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    /// A hash of the string's UTF-8 bytes (any bytes; consistent with `==` for ASCII strings).
    @inline(__always)
    static func hash(_ s: String, _ seed: UInt64) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable({ hash(bytes: $0, seed) }) { return h }
        var copy = s  // a bridged string; native ones have contiguous UTF-8
        return copy.withUTF8 { hash(bytes: $0, seed) }
    }

    @inline(__always)
    static func hash(bytes b: UnsafeBufferPointer<UInt8>, _ seed: UInt64) -> UInt64 {
        var h = mix(seed, UInt64(b.count))
        guard let p = b.baseAddress else { return h }
        let raw = UnsafeRawPointer(p)
        var i = 0
        let n = b.count
        while i + 8 <= n {
            h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h, tail)
        }
        return finish(h)
    }

    @inline(__always)
    static func hash(_ k: RowKey) -> UInt64 {
        let h = hash(k.b, hash(k.a, 0x243F_6A88_85A3_08D3))
        return finish(mix(h, UInt64(bitPattern: k.n)))
    }
}

/// An open-addressing table of row indices by key, for keys whose strings are all ASCII. Each
/// slot is one word, `(index + 1) << 32 | hash tag`, 0 when empty, so a probe touches one line.
final class RowKeyTable {
    private let slots: UnsafeMutablePointer<UInt64>
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
    }

    deinit { slots.deallocate() }

    /// The index stored for `key` (`keyAt` gives the key of a stored index); when there is none,
    /// stores `index` and returns nil.
    @inline(__always)
    func firstOrInsert(_ key: RowKey, index: Int, keyAt: (Int) -> RowKey) -> Int? {
        let h = KeyHash.hash(key)
        let tag = h >> 32
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = UInt64(index + 1) << 32 | tag
                return nil
            }
            if s & 0xFFFF_FFFF == tag {
                let j = Int(s >> 32) - 1
                if keyAt(j) == key { return j }
            }
            i = (i + 1) & mask
        }
    }

    /// Points `key` (already present) at `index`.
    func replace(_ key: RowKey, with index: Int, keyAt: (Int) -> RowKey) {
        let h = KeyHash.hash(key)
        let tag = h >> 32
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            let s = slots[i]
            if s & 0xFFFF_FFFF == tag && keyAt(Int(s >> 32) - 1) == key {
                slots[i] = UInt64(index + 1) << 32 | tag
                return
            }
            i = (i + 1) & mask
        }
    }
}

/// A set of strings for reference checks: a byte-hashed table when every member is ASCII (and
/// the query is too), `Set<String>` otherwise, so membership is exactly `Set<String>.contains`.
final class IDSet {
    private static let seed: UInt64 = 0x1357_9BDF_2468_ACE0
    private var members: [String] = []
    private var slots: [Int32] = []
    private var mask = 0
    private let allASCII: Bool
    /// For queries the byte table cannot answer (non-ASCII strings), made on first need.
    private lazy var set: Set<String> = Set(members)

    init<S: Sequence>(_ ids: S) where S.Element == String {
        var all: [String] = []
        var ascii = true
        for s in ids {
            if ascii && !KeyHash.isASCII(s) { ascii = false }
            all.append(s)
        }
        allASCII = ascii
        if !ascii {
            members = all
            return
        }
        var size = 16
        while size < all.count * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        members.reserveCapacity(all.count)
        for s in all where !containsFast(s) {
            var i = Int(truncatingIfNeeded: KeyHash.hash(s, Self.seed)) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(members.count)
            members.append(s)
        }
    }

    @inline(__always)
    private func containsFast(_ s: String) -> Bool {
        var i = Int(truncatingIfNeeded: KeyHash.hash(s, Self.seed)) & mask
        while true {
            let m = slots[i]
            if m < 0 { return false }
            if members[Int(m)] == s { return true }
            i = (i + 1) & mask
        }
    }

    /// The last string found: rows come grouped by project, so most lookups repeat it.
    private var lastHit: String?

    func contains(_ s: String) -> Bool {
        if let lastHit, lastHit == s { return true }
        let found: Bool
        if allASCII && KeyHash.isASCII(s) { found = containsFast(s) } else { found = set.contains(s) }
        if found { lastHit = s }
        return found
    }
}
