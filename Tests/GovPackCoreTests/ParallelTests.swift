import Foundation
import GovPackCore
import Testing

@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 7, 10_000])
    func mapKeepsTheInputOrder(_ count: Int) {
        let items = Array(0..<count)
        // Strings: a result type that owns memory, so a slot written twice or not at all shows.
        let expected = items.map { "item \($0 * 3)" }
        #expect(Parallel.map(items) { "item \($0 * 3)" } == expected)
    }

    /// The side job has finished when `beside` returns, and the main job's own parallel map
    /// (run on the calling thread) still gives every result in order.
    @Test func besideReturnsTheMainResultOnceTheSideJobIsDone() {
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var value = 0
        }
        let box = Box()
        let mapped = Parallel.beside({
            let total = (1...10_000).reduce(0, +)
            box.lock.lock()
            box.value = total
            box.lock.unlock()
        }, { Parallel.map(Array(0..<1_000)) { $0 * 2 } })
        #expect(mapped == (0..<1_000).map { $0 * 2 })
        box.lock.lock()
        #expect(box.value == 50_005_000)
        box.lock.unlock()
    }

    @Test func besideRethrowsTheMainJobsError() {
        struct Failed: Error {}
        #expect(throws: Failed.self) { try Parallel.beside({}, { () throws -> Int in throw Failed() }) }
    }

    /// A side job that waits for what the main job hands it gets it, whether the main job
    /// returns or throws (it must hand over first), and both results come back.
    @Test(arguments: [false, true])
    func behindLetsTheSideJobWaitForTheMainJob(mainThrows: Bool) throws {
        struct Failed: Error {}
        final class Handoff: @unchecked Sendable {
            let ready = DispatchSemaphore(value: 0)
            var value = 0
        }
        final class Seen: @unchecked Sendable { var value: Int? }
        let handoff = Handoff(), seen = Seen()
        let main = { () throws -> [Int] in
            let mapped = Parallel.map(Array(0..<1_000)) { $0 * 2 }
            handoff.value = mapped.reduce(0, +)
            handoff.ready.signal()
            if mainThrows { throw Failed() }
            return mapped
        }
        let side = { @Sendable () -> Int in
            handoff.ready.wait()
            seen.value = handoff.value
            return handoff.value + 1
        }
        if mainThrows {
            #expect(throws: Failed.self) { try Parallel.behind(main, side) }
            // The side job had finished when the error came out.
            #expect(seen.value == 999_000)
        } else {
            let (mapped, got) = try Parallel.behind(main, side)
            #expect(mapped.count == 1_000)
            #expect(got == 999_001)
        }
    }
}
