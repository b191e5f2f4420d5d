/// Ranks passages, or documents by their best passage, by the dot product of their sentence
/// vectors with a question's (their cosine similarity): exact, one matrix–vector product over
/// every live passage of every segment. The README says how long that takes and what would
/// replace it for a much larger Knowledge.
///
/// Not thread-safe: its working arrays are shared by the searches it runs.
public final class DenseSearcher {
    public let index: IndexReader
    /// Per segment: the index's id of each of its passages and of their documents, -1 for deleted ones.
    private let passageIDs: [[Int32]]
    private let documentIDs: [[Int32]]
    private var scores: [Float]
    private var best: [Double]

    public init(index: IndexReader) {
        self.index = index
        var passageIDs: [[Int32]] = [], documentIDs: [[Int32]] = []
        for part in index.parts {
            let segment = part.segment
            var passages = [Int32](repeating: -1, count: segment.passageCount)
            var documents = [Int32](repeating: -1, count: segment.passageCount)
            for local in 0..<segment.passageCount {
                guard let live = IndexReader.Part.dense(local, skipping: part.deletedPassages) else { continue }
                passages[local] = Int32(part.passageBase + live)
                let document = segment.documentOfPassage(local)
                if let liveDocument = IndexReader.Part.dense(document, skipping: part.deletedDocuments) {
                    documents[local] = Int32(part.documentBase + liveDocument)
                }
            }
            passageIDs.append(passages)
            documentIDs.append(documents)
        }
        self.passageIDs = passageIDs
        self.documentIDs = documentIDs
        scores = [Float](repeating: 0, count: index.parts.map(\.segment.passageCount).max() ?? 0)
        best = [Double](repeating: -.infinity, count: index.documentCount)
    }

    /// Whether every passage has a vector of `dimension`.
    public func covers(dimension: Int) -> Bool {
        index.parts.allSatisfy { $0.segment.passageCount == 0 || $0.segment.vectorDimension == dimension }
    }

    /// The `limit` passages nearest `query`.
    public func search(_ query: [Float], limit: Int) -> [Hit] {
        var hits: [Hit] = []
        forEachScore(query) { part, local, score in
            let id = passageIDs[part][local]
            if id >= 0 { hits.append(Hit(id: Int(id), score: Double(score))) }
        }
        return hits.withUnsafeMutableBufferPointer { TopK.best(limit, of: $0) }
    }

    /// The `limit` documents nearest `query`, each by its nearest passage.
    public func searchDocuments(_ query: [Float], limit: Int) -> [Hit] {
        var touched: [Int] = []
        forEachScore(query) { part, local, score in
            let id = Int(documentIDs[part][local])
            guard id >= 0 else { return }
            if best[id] == -.infinity { touched.append(id) }
            best[id] = max(best[id], Double(score))
        }
        var hits = touched.map { Hit(id: $0, score: best[$0]) }
        for id in touched { best[id] = -.infinity }
        return hits.withUnsafeMutableBufferPointer { TopK.best(limit, of: $0) }
    }

    private func forEachScore(_ query: [Float], _ body: (_ part: Int, _ local: Int, _ score: Float) -> Void) {
        for (number, part) in index.parts.enumerated() where part.segment.vectorDimension == query.count {
            scores.withUnsafeMutableBufferPointer { part.segment.dotProducts(query, into: $0) }
            for local in 0..<part.segment.passageCount { body(number, local, scores[local]) }
        }
    }
}
