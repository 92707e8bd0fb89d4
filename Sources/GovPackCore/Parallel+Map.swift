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
