/// Ranks passages, or documents by their best passage, for a bag of query terms with BM25,
/// over every segment of an index.
///
/// Each segment is searched on its own (`SegmentSearcher`) with the whole index's statistics,
/// so a passage scores exactly what it would in a fresh build of the same files; the segments'
/// best are then merged, equal scores ordered as a fresh build numbers passages
/// (`IndexReader.precedes`). Lucene and tantivy search segments the same way.
///
/// Not thread-safe: its working arrays are shared by the searches it runs.
public final class Searcher {
    public let index: IndexReader
    public let similarity: BM25
    private let segments: [SegmentSearcher]

    /// Off, every posting is scored; for tests that check pruning changes nothing.
    public var prunes = true {
        didSet { for segment in segments { segment.prunes = prunes } }
    }

    /// How passages' scores make a document's.
    public enum DocumentScore: String, Sendable, CaseIterable {
        /// Its best passage's: what kq shows is a passage, and one good passage answers.
        case bestPassage = "best"
        /// The sum over its passages, for comparison: long documents gather more.
        case sumOfPassages = "sum"
    }

    public var documentScore = DocumentScore.bestPassage {
        didSet { for segment in segments { segment.documentScore = documentScore } }
    }

    public convenience init(index: IndexReader, similarity: BM25 = BM25()) {
        self.init(index: index, similarity: similarity,
                  segments: index.parts.map { SegmentSearcher(part: $0, of: index, similarity: similarity) })
    }

    private init(index: IndexReader, similarity: BM25, segments: [SegmentSearcher]) {
        self.index = index
        self.similarity = similarity
        self.segments = segments
    }

    /// A searcher with the same settings and working arrays of its own, for another thread.
    public func copy() -> Searcher {
        let copy = Searcher(index: index, similarity: similarity, segments: segments.map { $0.copy() })
        copy.prunes = prunes
        copy.documentScore = documentScore
        return copy
    }

    public func idf(of term: String) -> Double {
        similarity.idf(documentFrequency: index.documentFrequency(of: term), passageCount: index.passageCount)
    }

    /// Top `limit` passages holding at least one of `terms`. Repeated terms count once.
    public func search(_ terms: [String], limit: Int) -> [Hit] {
        merged(limit, precedes: index.precedes(passage:_:)) { part, searcher, reached in
            searcher.search(terms, limit: limit, reached: reached).compactMap { hit in
                IndexReader.Part.dense(hit.id, skipping: part.deletedPassages).map { Hit(id: part.passageBase + $0, score: hit.score) }
            }
        }
    }

    /// Top `limit` documents, each scored by its best passage.
    public func searchDocuments(_ terms: [String], limit: Int) -> [Hit] {
        merged(limit, precedes: index.precedes(document:_:)) { part, searcher, reached in
            searcher.searchDocuments(terms, limit: limit, reached: reached).compactMap { hit in
                IndexReader.Part.dense(hit.id, skipping: part.deletedDocuments).map { Hit(id: part.documentBase + $0, score: hit.score) }
            }
        }
    }

    /// Each segment's hits, in the index's ids, merged into the best `limit`. The largest
    /// segment is searched first, and the k-th best score found so far is handed to the next,
    /// which need not rank what cannot reach it (Lucene shares its minimum competitive score
    /// across segments the same way).
    private func merged(_ limit: Int, precedes: (Int, Int) -> Bool,
                        _ hits: (IndexReader.Part, SegmentSearcher, Double) -> [Hit]) -> [Hit] {
        if segments.count == 1 { return hits(index.parts[0], segments[0], 0) }
        var lists = [[Hit]](repeating: [], count: segments.count)
        var scores: [Double] = []
        for segment in segments.indices.sorted(by: { index.parts[$0].passageCount > index.parts[$1].passageCount }) {
            let reached = limit > 0 && scores.count >= limit ? scores.sorted(by: >)[limit - 1] : 0
            lists[segment] = hits(index.parts[segment], segments[segment], reached)
            scores += lists[segment].map(\.score)
        }
        // Each list is best first already: merged by taking the best head, `limit` times.
        var heads = [Int](repeating: 0, count: lists.count)
        var merged: [Hit] = []
        merged.reserveCapacity(limit)
        while merged.count < limit {
            var best: Int?
            for list in lists.indices where heads[list] < lists[list].count {
                guard let current = best else { best = list; continue }
                let hit = lists[list][heads[list]], leader = lists[current][heads[current]]
                if hit.score > leader.score || (hit.score == leader.score && precedes(hit.id, leader.id)) { best = list }
            }
            guard let list = best else { break }
            merged.append(lists[list][heads[list]])
            heads[list] += 1
        }
        return merged
    }

    /// Each query term's share of one passage's score, for `:explain`.
    public func explain(_ terms: [String], passage: Int) -> [TermContribution] {
        var seen = Set<String>()
        let owner = index.parts.indices.last { index.parts[$0].passageBase <= passage } ?? 0
        let part = index.parts[owner]
        let local = IndexReader.Part.local(passage - part.passageBase, skipping: part.deletedPassages)
        return terms.filter { seen.insert($0).inserted }.map { term in
            let tf = part.segment.frequency(of: term, in: local)
            let idf = idf(of: term)
            let score = similarity.score(frequency: Double(tf), lengthNorm: segments[owner].norm(local), idf: idf)
            return TermContribution(term: term, frequency: tf,
                                    documentFrequency: index.documentFrequency(of: term), idf: idf, score: score)
        }
    }
}
