/// The best `k` of a set of hits, or the k-th best of a set of scores.
///
/// A searcher gathers every candidate first and selects once, in linear time, with Hoare's
/// selection (tantivy's `TopNComputer` selects the same way, in rounds over a buffer of 2k).
/// Offering each candidate to a running top k paid a bar check and a selection round every k
/// hits, and threshold scans paid it again: a tenth of a query's time.
public enum TopK {
    /// The best `k` of `hits`, best first; equal scores in ascending id order. Reorders `hits`.
    public static func best(_ k: Int, of hits: UnsafeMutableBufferPointer<Hit>) -> [Hit] {
        guard k > 0 else { return [] }
        if hits.count > k { selectBest(k, in: hits) }
        return UnsafeMutableBufferPointer(rebasing: hits.prefix(k)).sorted(by: >)
    }

    /// The k-th largest of `scores`, or nil when there are fewer than `k`. Reorders `scores`.
    public static func kthBest(_ k: Int, of scores: UnsafeMutableBufferPointer<Double>) -> Double? {
        guard k > 0, scores.count >= k else { return nil }
        selectBest(k, in: scores)
        return scores[k - 1]
    }

    /// Reorders `items` so that its best `k` come first, with the k-th best at `k - 1`
    /// (Hoare's selection: partition around a median of three, then keep only the side that
    /// holds position `k - 1`).
    static func selectBest<Item: Comparable>(_ k: Int, in items: UnsafeMutableBufferPointer<Item>) {
        let target = k - 1
        var low = 0, high = items.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            // Best to worst at low, middle, high: the pivot is their median, and the ends stop
            // the scans below without bounds checks.
            if items[middle] > items[low] { items.swapAt(middle, low) }
            if items[high] > items[low] { items.swapAt(high, low) }
            if items[high] > items[middle] { items.swapAt(high, middle) }
            let pivot = items[middle]
            var i = low, j = high
            while i <= j {
                while items[i] > pivot { i += 1 }
                while pivot > items[j] { j -= 1 }
                if i <= j {
                    items.swapAt(i, j)
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
