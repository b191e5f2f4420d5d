/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): each list gives an item
/// 1 / (k + rank), ranks from 1, and the sums rank the union. It needs no common scale between
/// BM25 scores and cosine similarities, and k = 60 is the paper's, which the MedQuAD
/// figures used too. Equal sums rank the lower id first.
public enum Fusion {
    public static let k = 60.0

    /// What a list gives the item it ranks `rank` (from 1).
    public static func share(ofRank rank: Int) -> Double { 1 / (k + Double(rank)) }

    public static func reciprocalRank(_ lists: [[Hit]], limit: Int) -> [Hit] {
        var sums: [Int: Double] = [:]
        for list in lists {
            for (rank, hit) in list.enumerated() { sums[hit.id, default: 0] += share(ofRank: rank + 1) }
        }
        var hits = sums.map { Hit(id: $0.key, score: $0.value) }
        return hits.withUnsafeMutableBufferPointer { TopK.best(limit, of: $0) }
    }
}
