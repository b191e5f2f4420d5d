/// Scores passages for a bag of query terms: term-at-a-time over the postings, accumulating into
/// a score array that is reused between queries, then a bounded heap for the top k. Only the
/// passages a query touched are visited and reset, so a query costs what its postings cost,
/// not what the Knowledge's size costs.
///
/// Not thread-safe: the score arrays are shared by the searches of one searcher.
public final class Searcher {
    public let index: IndexReader
    public let similarity: BM25
    /// `similarity.lengthNorm` of every passage.
    private let norms: [Double]
    private var scratch: Scratch

    /// Per-query working memory, all zeros between queries.
    private struct Scratch {
        var scores: [Double]
        var touched: [Int32] = []
        var best: [Double]
        var touchedDocuments: [Int32] = []
    }

    /// Lends the scratch arrays to `body` as a local: a class's own arrays, mutated in a loop,
    /// pay a runtime exclusivity check on every access.
    private func withScratch<T>(_ body: (inout Scratch) -> T) -> T {
        var local = Scratch(scores: [], best: [])
        swap(&local, &scratch)
        defer { swap(&local, &scratch) }
        return body(&local)
    }

    public init(index: IndexReader, similarity: BM25 = BM25()) {
        self.index = index
        self.similarity = similarity
        let averageLength = index.averageLength
        norms = (0..<index.passageCount).map {
            similarity.lengthNorm(length: Double(index.length(ofPassage: $0)), averageLength: averageLength)
        }
        scratch = Scratch(scores: [Double](repeating: 0, count: index.passageCount),
                          best: [Double](repeating: 0, count: index.documentCount))
    }

    public func idf(of term: String) -> Double {
        similarity.idf(documentFrequency: index.documentFrequency(of: term), passageCount: index.passageCount)
    }

    /// Top `limit` passages holding at least one of `terms`. Repeated terms count once.
    public func search(_ terms: [String], limit: Int) -> [Hit] {
        withScratch { scratch in
            accumulate(terms, into: &scratch)
            var top = TopK(limit)
            for passage in scratch.touched {
                top.offer(Hit(id: Int(passage), score: scratch.scores[Int(passage)]))
                scratch.scores[Int(passage)] = 0
            }
            scratch.touched.removeAll(keepingCapacity: true)
            return top.sorted()
        }
    }

    /// Top `limit` documents, each scored by its best passage.
    public func searchDocuments(_ terms: [String], limit: Int) -> [Hit] {
        withScratch { scratch in
            accumulate(terms, into: &scratch)
            let documentCount = scratch.best.count
            for passage in scratch.touched {
                let document = index.documentOfPassage(Int(passage))
                let score = scratch.scores[Int(passage)]
                scratch.scores[Int(passage)] = 0
                guard document < documentCount else { continue }  // only a damaged index
                if scratch.best[document] == 0 { scratch.touchedDocuments.append(Int32(document)) }
                scratch.best[document] = max(scratch.best[document], score)
            }
            scratch.touched.removeAll(keepingCapacity: true)
            var top = TopK(limit)
            for document in scratch.touchedDocuments {
                top.offer(Hit(id: Int(document), score: scratch.best[Int(document)]))
                scratch.best[Int(document)] = 0
            }
            scratch.touchedDocuments.removeAll(keepingCapacity: true)
            return top.sorted()
        }
    }

    /// Each query term's share of one passage's score, for `:explain`.
    public func explain(_ terms: [String], passage: Int) -> [TermContribution] {
        unique(terms).map { term in
            let tf = index.frequency(of: term, in: passage)
            let idf = idf(of: term)
            let score = similarity.score(frequency: Double(tf), lengthNorm: norms[passage], idf: idf)
            return TermContribution(term: term, frequency: tf,
                                    documentFrequency: index.documentFrequency(of: term), idf: idf, score: score)
        }
    }

    /// Adds every term's BM25 contribution into `scores`, listing each passage first scored in
    /// `touched`. A contribution is never 0 (idf and tf are positive), so 0 means untouched.
    private func accumulate(_ terms: [String], into scratch: inout Scratch) {
        let passageCount = index.passageCount
        let similarity = similarity
        for term in unique(terms) {
            guard let id = index.termID(term) else { continue }
            let postings = index.postings(id)
            guard !postings.isEmpty else { continue }
            let idf = similarity.idf(documentFrequency: postings.count, passageCount: passageCount)
            var touched = scratch.touched
            scratch.touched = []
            scratch.scores.withUnsafeMutableBufferPointer { scores in
                norms.withUnsafeBufferPointer { norms in
                    for posting in postings {
                        let passage = Int(posting.passage)
                        guard passage >= 0, passage < passageCount else { break }  // only a damaged index
                        if scores[passage] == 0 { touched.append(Int32(passage)) }
                        scores[passage] += similarity.score(frequency: Double(posting.frequency),
                                                            lengthNorm: norms[passage], idf: idf)
                    }
                }
            }
            scratch.touched = touched
        }
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
