#if canImport(Glibc)
import Glibc
#endif

/// A hint for the large row arrays (hundreds of MB at 20,000 projects): back them with 2 MB
/// pages. The kernel otherwise takes one page fault per 4 KB the first time a row is written
/// (about 90,000 faults for the assignments alone, most of ingest's kernel time); with this, one
/// per 2 MB. Only a hint: the memory and its contents are the same whether it is taken or not.
enum HugePages {
    /// Buffers smaller than this are left alone (they are mostly in memory already).
    static let threshold = 8 << 20

    /// Advises the 2 MB-aligned middle of a buffer that has not been written yet.
    static func advise<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        guard let base = buffer.baseAddress else { return }
        let bytes = buffer.count * MemoryLayout<T>.stride
        guard bytes >= threshold else { return }
        let huge = UInt(2 << 20)
        let start = UInt(bitPattern: base)
        let from = (start + huge - 1) & ~(huge - 1)
        let to = (start + UInt(bytes)) & ~(huge - 1)
        guard to > from, let p = UnsafeMutableRawPointer(bitPattern: from) else { return }
        _ = madvise(p, Int(to - from), MADV_HUGEPAGE)
        #endif
    }
}
