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

    @Test func bothReturnsEachClosuresResult() {
        let (sum, text) = Parallel.both({ (1...1000).reduce(0, +) }, { String(repeating: "ab", count: 3) })
        #expect(sum == 500_500)
        #expect(text == "ababab")
    }
}
