/// Did-you-mean for query terms the Knowledge never uses: the closest term of the index
/// vocabulary by edit distance (Damerau's optimal string alignment: an insertion, deletion,
/// substitution or swap of neighbours costs 1). It works on analysed terms, so `relieve`
/// (`reliev`) finds `relief` and `lenght` finds `length`.
///
/// Short terms are left alone (too many near neighbours); terms of up to seven letters may move
/// by one edit, longer ones by two. Among equally close candidates the most frequent wins, then
/// the alphabetically first, so a correction never depends on hash order.
public struct SpellingCorrector: Sendable {
    public var minimumLength = 4

    public init() {}

    public func correction(for term: String, in index: InvertedIndex) -> String? {
        guard index.termIDs[term] == nil else { return nil }
        let word = Array(term.unicodeScalars)
        guard word.count >= minimumLength else { return nil }
        let allowed = word.count >= 8 ? 2 : 1
        var best: (term: String, distance: Int, frequency: Int)?
        for (id, candidate) in index.terms.enumerated() {
            let other = Array(candidate.unicodeScalars)
            guard abs(other.count - word.count) <= allowed, other.count >= minimumLength else { continue }
            let distance = Self.distance(word, other, limit: allowed)
            guard distance <= allowed else { continue }
            let frequency = index.postings[id].count
            if let current = best {
                if (distance, -frequency, candidate) < (current.distance, -current.frequency, current.term) {
                    best = (candidate, distance, frequency)
                }
            } else {
                best = (candidate, distance, frequency)
            }
        }
        return best?.term
    }

    /// Optimal string alignment distance, giving up (returning `limit + 1`) once every path
    /// exceeds `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a == b { return 0 }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
