/// Keeps the `k` best hits offered.
///
/// Hits go into a buffer of 2k. When it fills, the best k are selected in place in linear time
/// and the rest dropped, and the k-th best becomes the bar a later hit must clear, so most hits
/// of a large result cost one comparison. This is tantivy's `TopNComputer` scheme. A bounded
/// heap pays a logarithmic sift for every hit that gets in; with the min-max heap kq used
/// before, that was the largest single cost of a query.
public struct TopK {
    public let k: Int
    private var buffer: [Hit] = []
    /// The worst of the best k at the last selection: nothing ranked below it can get in.
    private var bar: Hit?

    public init(_ k: Int) {
        self.k = max(0, k)
        buffer.reserveCapacity(2 * self.k)
    }

    @inline(__always)
    public mutating func offer(_ hit: Hit) {
        guard k > 0 else { return }
        if let bar, !(bar < hit) { return }
        buffer.append(hit)
        if buffer.count == 2 * k { truncate() }
    }

    public var isFull: Bool { k > 0 && buffer.count >= k }

    /// The k-th best score offered so far, or nil before k hits were offered.
    public mutating func worstScore() -> Double? {
        guard isFull else { return nil }
        truncate()
        return bar?.score
    }

    /// Best first; equal scores in ascending id order.
    public func sorted() -> [Hit] {
        var copy = self
        copy.truncate()
        return copy.buffer.sorted(by: >)
    }

    /// Keeps the best k, and makes the k-th the bar.
    private mutating func truncate() {
        guard buffer.count > k else {
            if buffer.count == k, k > 0 { bar = buffer.min() }
            return
        }
        buffer.withUnsafeMutableBufferPointer { Self.selectBest(k, in: $0) }
        buffer.removeLast(buffer.count - k)
        bar = buffer[k - 1]
    }

    /// Reorders `hits` so that its best `k` come first, with the k-th best at `k - 1`
    /// (Hoare's selection: partition around a median of three, then keep only the side that
    /// holds position `k - 1`).
    static func selectBest(_ k: Int, in hits: UnsafeMutableBufferPointer<Hit>) {
        let target = k - 1
        var low = 0, high = hits.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            // Best to worst at low, middle, high: the pivot is their median, and the ends stop
            // the scans below without bounds checks.
            if hits[middle] > hits[low] { hits.swapAt(middle, low) }
            if hits[high] > hits[low] { hits.swapAt(high, low) }
            if hits[high] > hits[middle] { hits.swapAt(high, middle) }
            let pivot = hits[middle]
            var i = low, j = high
            while i <= j {
                while hits[i] > pivot { i += 1 }
                while pivot > hits[j] { j -= 1 }
                if i <= j {
                    hits.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now low…j rank at or above the pivot, i…high at or below, and between them,
            // if anything, the pivot itself.
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                return
            }
        }
    }
}
