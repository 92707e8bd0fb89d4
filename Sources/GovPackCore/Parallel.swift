import Foundation

/// Work spread over cores, with a knob for tests and small machines: `GOVPACK_THREADS=N` caps the
/// threads at N (1: in order on the calling thread); unset, every core is used. Callers merge
/// results by index, so the output is the same whatever the number.
public enum Parallel {
    public static let threads: Int? = ProcessInfo.processInfo.environment["GOVPACK_THREADS"]
        .flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }

    /// Calls `body(i)` for every i in 0..<count, concurrently unless capped to one thread.
    public static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard let t = threads else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
            return
        }
        if t == 1 || count < 2 {
            for i in 0..<count { body(i) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: min(t, count)) { k in
            var i = k
            while i < count {
                body(i)
                i += t
            }
        }
    }
}
