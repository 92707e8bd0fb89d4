import Dispatch
import Foundation

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

extension Parallel {
    /// Runs `side` on a thread of its own while `main` runs on this one, for a side job that
    /// waits for what `main` hands it (the monthly run writes its history while the packs render,
    /// and waits for their checksums); returns both results once both are done. When capped to
    /// one thread, `main` runs first, then `side` (also when `main` throws), whose waits then return
    /// at once.
    ///
    /// `main` must hand `side` everything it waits for on every path, a throwing one included.
    /// The side job gets a thread, not one of Dispatch's workers: it spends most of its life
    /// waiting, and a waiting worker is one fewer for `main`'s `forEach`.
    public static func behind<A, B>(_ main: () throws -> A, _ side: @escaping @Sendable () -> B) rethrows -> (A, B) {
        if threads == 1 {
            let a: A
            do {
                a = try main()
            } catch {
                _ = side()
                throw error
            }
            return (a, side())
        }
        let job = SideJob(side)
        let a: A
        do {
            a = try main()
        } catch {
            _ = job.join()
            throw error
        }
        return (a, job.join())
    }
}

/// A job on a thread of its own, joined once.
private final class SideJob<B>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: B?

    init(_ body: @escaping @Sendable () -> B) {
        let thread = Thread { [self] in
            result = body()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func join() -> B {
        done.wait()
        return result!
    }
}
