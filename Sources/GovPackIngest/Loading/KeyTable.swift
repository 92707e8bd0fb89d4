import Foundation
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

/// The first row of each key, for an entity whose key strings are all ASCII.
///
/// Rows are grouped by the key's first part (the project id, for most entities), and each group
/// gets a small open-addressing region sized for its rows. Rows arrive grouped by project, so
/// consecutive lookups stay in one small region instead of missing the cache all over one big
/// table. Each slot is one word, `(row + 1) << 32 | hash tag`, 0 when empty.
///
/// A group whose rows are one run (the usual case: a project's rows of an entity come from one
/// file) is done with before the next group starts, so all such groups share one region, cleared
/// when the next one begins. Only groups met again after another group (a project's rows in two
/// files) keep regions of their own. A region per group was 16-32 bytes per row, written once
/// and thrown away: at 20,000 projects about 80 MB of new memory for the assignments alone, whose
/// first touch (the kernel zeroing pages) cost more than the lookups.
///
/// Rows must be given to `firstOrInsert` in increasing index order (each row once).
final class RowKeyTable {
    /// The regions of the groups whose rows are not one run.
    private let slots: UnsafeMutablePointer<UInt64>
    private let slotCount: Int
    /// The region shared by the groups whose rows are one run, and the group now in it.
    private let shared: UnsafeMutablePointer<UInt64>
    private let sharedCount: Int
    private var sharedGroup = -1
    /// Per row: its group. Per group: where its region starts in `slots` (-1: the shared region)
    /// and its size - 1.
    private var group: [Int32]
    private var regionStart: [Int] = []
    private var regionMask: [Int] = []

    /// Nil when some key string is not ASCII (byte hashing would not follow `String ==`).
    init?(count n: Int, keyAt: (Int) -> RowKey) {
        group = []
        group.reserveCapacity(n)
        // Groups by the key's first string, in a small growable table of group ids.
        var groupRow: [Int] = []  // a row of each group, to compare first strings
        var groupHash: [UInt64] = []
        var counts: [Int] = []
        /// Per group: whether its rows are more than one run (it was met again after another).
        var split: [Bool] = []
        var size = 64
        var table = [Int32](repeating: -1, count: size)
        var last = -1
        var lastA = ""
        for i in 0..<n {
            let k = keyAt(i)
            guard KeyHash.isASCII(k.a), KeyHash.isASCII(k.b) else { return nil }
            if last >= 0 && k.a == lastA {
                group.append(Int32(last))
                counts[last] += 1
                continue
            }
            let h = KeyHash.hash(k.a, 0x2545_F491_4F6C_DD1D)
            var j = Int(truncatingIfNeeded: h) & (size - 1)
            var g = -1
            while table[j] >= 0 {
                let c = Int(table[j])
                if groupHash[c] == h && keyAt(groupRow[c]).a == k.a {
                    g = c
                    break
                }
                j = (j + 1) & (size - 1)
            }
            if g >= 0 {
                // Another group came in between (equal first strings take the branch above).
                split[g] = true
            } else {
                g = counts.count
                table[j] = Int32(g)
                groupRow.append(i)
                groupHash.append(h)
                counts.append(0)
                split.append(false)
                if counts.count * 2 > size {
                    size *= 2
                    table = [Int32](repeating: -1, count: size)
                    for (c, gh) in groupHash.enumerated() {
                        var t = Int(truncatingIfNeeded: gh) & (size - 1)
                        while table[t] >= 0 { t = (t + 1) & (size - 1) }
                        table[t] = Int32(c)
                    }
                }
            }
            counts[g] += 1
            group.append(Int32(g))
            last = g
            lastA = k.a
        }
        var total = 0
        var largestShared = 0
        regionStart.reserveCapacity(counts.count)
        regionMask.reserveCapacity(counts.count)
        for (g, c) in counts.enumerated() {
            var r = 4
            while r < c * 2 { r <<= 1 }
            regionMask.append(r - 1)
            if split[g] {
                regionStart.append(total)
                total += r
            } else {
                regionStart.append(-1)
                largestShared = max(largestShared, r)
            }
        }
        slotCount = max(total, 1)
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        sharedCount = max(largestShared, 1)
        shared = .allocate(capacity: sharedCount)
        shared.initialize(repeating: 0, count: sharedCount)
    }

    deinit {
        slots.deallocate()
        shared.deallocate()
    }

    /// The region of row `index`'s group; the shared one is cleared when a new group takes it.
    @inline(__always)
    private func region(_ index: Int) -> (base: UnsafeMutablePointer<UInt64>, mask: Int) {
        let g = Int(group[index])
        let mask = regionMask[g]
        let start = regionStart[g]
        if start >= 0 { return (slots + start, mask) }
        if g != sharedGroup {
            shared.update(repeating: 0, count: mask + 1)
            sharedGroup = g
        }
        return (shared, mask)
    }

    @inline(__always)
    private static func hash(_ k: RowKey) -> UInt64 {
        KeyHash.finish(KeyHash.mix(KeyHash.hash(k.b, 0x243F_6A88_85A3_08D3), UInt64(bitPattern: k.n)))
    }

    /// The first row with the key of row `index` (`keyAt` gives any row's key); when there is
    /// none, records `index` as that key's first row and returns nil.
    @inline(__always)
    func firstOrInsert(_ key: RowKey, index: Int, keyAt: (Int) -> RowKey) -> Int? {
        let (slots, mask) = region(index)
        let h = Self.hash(key)
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

    /// Makes row `index` the first row of its key (which is already in the table), right after
    /// `firstOrInsert` found that key for `index`.
    func replace(_ key: RowKey, with index: Int, keyAt: (Int) -> RowKey) {
        let (slots, mask) = region(index)
        let h = Self.hash(key)
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
/// Safe to query from several threads (the integrity checks run entities concurrently).
final class IDSet: @unchecked Sendable {
    private static let seed: UInt64 = 0x1357_9BDF_2468_ACE0
    private var members: [String] = []
    private var slots: [Int32] = []
    private var mask = 0
    private let allASCII: Bool
    /// For queries the byte table cannot answer (non-ASCII strings), made on first need.
    private var set: Set<String>?
    private let setLock = NSLock()

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
            set = Set(all)
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

    func contains(_ s: String) -> Bool {
        if allASCII && KeyHash.isASCII(s) { return containsFast(s) }
        setLock.lock()
        defer { setLock.unlock() }
        if set == nil { set = Set(members) }
        return set?.contains(s) ?? false
    }

    /// A cursor for one thread's run of lookups.
    func lookup() -> Lookup { Lookup(set: self) }

    struct Lookup {
        let set: IDSet
        /// The last string found: rows come grouped by project, so most lookups repeat it.
        private var lastHit: String?

        init(set: IDSet) { self.set = set }

        mutating func contains(_ s: String) -> Bool {
            if let lastHit, lastHit == s { return true }
            let found = set.contains(s)
            if found { lastHit = s }
            return found
        }
    }
}
