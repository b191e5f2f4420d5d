import Foundation

/// Okapi BM25 as Lucene computes it (since Lucene 8, LUCENE-8563):
///   idf   = ln(1 + (N − df + 0.5) / (df + 0.5))
///   score = idf · tf / (tf + k1 · (1 − b + b · dl / avgdl))
/// The classic `(k1 + 1)` numerator factor is a constant and changes no ranking; Lucene dropped
/// it, and so do we, so scores compare directly with Lucene's and bm25s's "lucene" method.
/// Defaults k1 = 0.9 (bm25s's and Anserini's) and b = 0.3, chosen on MedQuAD's dev questions
/// (the README's table).
public struct BM25: Similarity, Equatable {
    public var k1: Double
    public var b: Double

    public init(k1: Double = 0.9, b: Double = 0.3) {
        self.k1 = k1
        self.b = b
    }

    public func idf(documentFrequency df: Int, passageCount n: Int) -> Double {
        log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    public func score(frequency tf: Double, length: Double, averageLength: Double, idf: Double) -> Double {
        score(frequency: tf, lengthNorm: lengthNorm(length: length, averageLength: averageLength), idf: idf)
    }

    /// `k1 · (1 − b + b · dl / avgdl)`: the part of the score that depends only on the passage,
    /// so a searcher can work it out once per passage rather than once per posting.
    @inline(__always)
    public func lengthNorm(length: Double, averageLength: Double) -> Double {
        k1 * (averageLength > 0 ? 1 - b + b * length / averageLength : 1)
    }

    @inline(__always)
    public func score(frequency tf: Double, lengthNorm: Double, idf: Double) -> Double {
        guard tf > 0 else { return 0 }
        return idf * tf / (tf + lengthNorm)
    }
}
