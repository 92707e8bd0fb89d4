import Dispatch

/// `map` over cores: the results come back in the input's order whatever the thread count.
extension Parallel {
    public static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, initialized in
            let out = SlotWriter(buffer)
            // Each index is written exactly once, by the one iteration that owns it.
            forEach(items.count) { i in (out.buffer.baseAddress! + i).initialize(to: transform(items[i])) }
            initialized = items.count
        }
    }
}

/// Lets concurrent iterations each initialise their own slot of one buffer.
private struct SlotWriter<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}

extension Parallel {
    /// Runs `side` on a thread of its own while `main` runs on this one (in order, `side` first,
    /// when capped to one thread), and returns `main`'s result once both are done.
    ///
    /// `main` stays on the calling thread, so its own `forEach` and `map` keep every core: a
    /// `concurrentPerform` started inside another one's iteration ran one iteration at a time
    /// (the monthly run, with its two jobs as the two iterations of one `forEach`, rendered its
    /// 20,000 files on one core that way).
    public static func beside<A>(_ side: @escaping @Sendable () -> Void, _ main: () throws -> A) rethrows -> A {
        if threads == 1 {
            side()
            return try main()
        }
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done, execute: side)
        defer { done.wait() }
        return try main()
    }
}
