import HeapModule

/// Keeps the `k` best hits seen so far in a bounded heap: O(n log k) rather than sorting every
/// match, which matters when a common term matches most of a large corpus.
public struct TopK {
    public let k: Int
    private var heap = Heap<Hit>()

    public init(_ k: Int) {
        self.k = max(0, k)
    }

    public mutating func offer(_ hit: Hit) {
        guard k > 0 else { return }
        if heap.count < k {
            heap.insert(hit)
        } else if let worst = heap.min, worst < hit {
            heap.replaceMin(with: hit)
        }
    }

    public var isFull: Bool { k > 0 && heap.count == k }

    /// The score a hit must beat to get in once the heap is full.
    public var worstScore: Double { heap.min?.score ?? 0 }

    /// Best first: the heap is a min-max heap, so taking its maximum k times is cheaper than
    /// sorting its contents.
    public func sorted() -> [Hit] {
        var heap = heap
        var result: [Hit] = []
        result.reserveCapacity(heap.count)
        while let best = heap.popMax() { result.append(best) }
        return result
    }
}
