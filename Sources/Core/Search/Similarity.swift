/// How much one query term contributes to a passage's score, in the manner of Lucene's
/// `Similarity`: index statistics in, a number out, no knowledge of postings.
public protocol Similarity: Sendable {
    func idf(documentFrequency: Int, passageCount: Int) -> Double
    func score(frequency: Double, length: Double, averageLength: Double, idf: Double) -> Double
}
