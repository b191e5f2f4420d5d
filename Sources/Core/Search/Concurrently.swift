import Dispatch
import Synchronization

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

/// Runs `body(thread, item)` for each item of `0..<count` on `threads` threads, each taking the
/// next item not yet taken, so a thread that drew quick items goes on to others instead of
/// waiting at the end for one that drew slow ones. Returns once all are done; the same rule as
/// `concurrently` holds for what `body` touches.
public func concurrently(items count: Int, threads: Int, _ body: (_ thread: Int, _ item: Int) -> Void) {
    let next = Atomic<Int>(0)
    concurrently(max(1, min(threads, count))) { thread in
        while true {
            let item = next.add(1, ordering: .relaxed).oldValue
            guard item < count else { return }
            body(thread, item)
        }
    }
}

/// One value a slot, filled by concurrent calls each into its own slot.
public final class Slots<Value>: @unchecked Sendable {
    // Raw memory rather than an array: threads write their own elements, never the whole.
    private let values: UnsafeMutableBufferPointer<Value?>

    public init(_ count: Int) {
        values = .allocate(capacity: count)
        values.initialize(repeating: nil)
    }

    deinit {
        values.deinitialize()
        values.deallocate()
    }

    public subscript(index: Int) -> Value? {
        get { values[index] }
        set { values[index] = newValue }
    }
}

private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
