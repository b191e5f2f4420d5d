import Dispatch

/// Runs `body` for each of `0..<count` on as many threads as the machine has, and returns once
/// all are done. Each call must touch only what is its own (its slot of a `Slots`, its own
/// writer), which is what makes handing a non-Sendable closure to other threads safe here.
public func concurrently(_ count: Int, _ body: (Int) -> Void) {
    guard count > 1 else {
        if count == 1 { body(0) }
        return
    }
    withoutActuallyEscaping(body) { body in
        let shared = Unchecked(body)
        DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
    }
}

/// One value a slot, filled by concurrent calls each into its own slot.
public final class Slots<Value>: @unchecked Sendable {
    private var values: [Value?]

    public init(_ count: Int) { values = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> Value? {
        get { values[index] }
        set { values[index] = newValue }
    }
}

private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
