/// Scores passages for a bag of query terms: term-at-a-time over the postings, accumulating into
/// a dense score array, then a bounded heap for the top k.
public struct Searcher: Sendable {
    public let index: IndexReader
    public let similarity: BM25

    public init(index: IndexReader, similarity: BM25 = BM25()) {
        self.index = index
        self.similarity = similarity
    }

    public func idf(of term: String) -> Double {
        similarity.idf(documentFrequency: index.documentFrequency(of: term), passageCount: index.passageCount)
    }

    /// Top `limit` passages holding at least one of `terms`. Repeated terms count once.
    public func search(_ terms: [String], limit: Int) -> [Hit] {
        guard let scores = accumulate(terms) else { return [] }
        var top = TopK(limit)
        for (passage, score) in scores.enumerated() where score > 0 {
            top.offer(Hit(id: passage, score: score))
        }
        return top.sorted()
    }

    /// Top `limit` documents, each scored by its best passage.
    public func searchDocuments(_ terms: [String], limit: Int) -> [Hit] {
        guard let scores = accumulate(terms) else { return [] }
        var best = [Double](repeating: 0, count: index.documentCount)
        for (passage, score) in scores.enumerated() where score > 0 {
            let document = index.documentOfPassage(passage)
            guard document < best.count else { continue }
            best[document] = max(best[document], score)
        }
        var top = TopK(limit)
        for (document, score) in best.enumerated() where score > 0 {
            top.offer(Hit(id: document, score: score))
        }
        return top.sorted()
    }

    /// Each query term's share of one passage's score, for `:explain`.
    public func explain(_ terms: [String], passage: Int) -> [TermContribution] {
        unique(terms).map { term in
            let tf = index.frequency(of: term, in: passage)
            let idf = idf(of: term)
            let score = similarity.score(frequency: Double(tf), length: Double(index.length(ofPassage: passage)),
                                         averageLength: index.averageLength, idf: idf)
            return TermContribution(term: term, frequency: tf,
                                    documentFrequency: index.documentFrequency(of: term), idf: idf, score: score)
        }
    }

    private func accumulate(_ terms: [String]) -> [Double]? {
        let averageLength = index.averageLength
        let passageCount = index.passageCount
        var scores: [Double]?
        for term in unique(terms) {
            guard let id = index.termID(term) else { continue }
            let postings = index.postings(id)
            guard !postings.isEmpty else { continue }
            let idf = similarity.idf(documentFrequency: postings.count, passageCount: passageCount)
            if scores == nil { scores = [Double](repeating: 0, count: passageCount) }
            scores!.withUnsafeMutableBufferPointer { scores in
                for posting in postings {
                    let passage = Int(posting.passage)
                    guard passage >= 0, passage < passageCount else { break }  // only a damaged index
                    scores[passage] += similarity.score(frequency: Double(posting.frequency),
                                                        length: Double(index.length(ofPassage: passage)),
                                                        averageLength: averageLength, idf: idf)
                }
            }
        }
        return scores
    }

    private func unique(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }
}

/// One term's part in a passage's BM25 score.
public struct TermContribution: Sendable, Equatable {
    public let term: String
    public let frequency: Int
    public let documentFrequency: Int
    public let idf: Double
    public let score: Double
}
