import Foundation
import Testing
@testable import Core

/// Scores worked by hand for a three-passage corpus, with Lucene's BM25 (k1 = 0.9, b = 0.4):
///   p0 = a b        (length 2)
///   p1 = a a c      (length 3)
///   p2 = c c c d    (length 4)      N = 3, average length = 3
/// idf(a) = idf(c) = ln(1 + (3 − 2 + 0.5)/(2 + 0.5)) = ln 1.6       = 0.4700036
/// idf(b)          = ln(1 + (3 − 1 + 0.5)/(1 + 0.5)) = ln(8/3)      = 0.9808293
/// norm(p0) = 1 − 0.4 + 0.4·2/3 = 0.8666667;  norm(p1) = 1;  norm(p2) = 1.1333333
///   a in p0: 0.4700036 · 1/(1 + 0.9·0.8666667) = 0.4700036/1.78 = 0.2640470
///   a in p1: 0.4700036 · 2/(2 + 0.9)                            = 0.3241404
///   b in p0: 0.9808293/1.78                                     = 0.5510277
///   c in p1: 0.4700036 · 1/1.9                                  = 0.2473703
///   c in p2: 0.4700036 · 3/(3 + 0.9·1.1333333) = 1.4100108/4.02 = 0.3507490
@Suite struct BM25Tests {
    /// Built through the real index: an analyzer with no filters keeps the letters as terms, one
    /// passage a block, and no title terms.
    static func corpus() -> Searcher {
        let documents = [
            Document(id: "0", title: "", path: "0", blocks: [Block(section: nil, text: "a b")]),
            Document(id: "1", title: "", path: "1", blocks: [Block(section: nil, text: "a a c"), Block(section: nil, text: "c c c d")]),
        ]
        let settings = IndexSettings(titleWeight: 0, splitter: PassageSplitter(minimumWords: 1, maximumWords: 200))
        let knowledge = try! Knowledge(root: URL(fileURLWithPath: "/k"), documents: documents,
                                       analyzer: Analyzer(filters: []), settings: settings)
        return Searcher(index: knowledge.index, similarity: BM25(k1: 0.9, b: 0.4))
    }

    @Test func idfFollowsLucene() {
        let bm25 = BM25()
        #expect(abs(bm25.idf(documentFrequency: 2, passageCount: 3) - 0.4700036) < 1e-6)
        #expect(abs(bm25.idf(documentFrequency: 1, passageCount: 3) - 0.9808293) < 1e-6)
    }

    @Test func singleTermScoresMatchHandWorkedValues() {
        let searcher = Self.corpus()
        let a = searcher.search(["a"], limit: 10)
        #expect(a.map(\.id) == [1, 0])
        #expect(abs(a[0].score - 0.3241404) < 1e-6)
        #expect(abs(a[1].score - 0.2640470) < 1e-6)

        let c = searcher.search(["c"], limit: 10)
        #expect(c.map(\.id) == [2, 1])
        #expect(abs(c[0].score - 0.3507490) < 1e-6)
        #expect(abs(c[1].score - 0.2473703) < 1e-6)
    }

    @Test func termScoresAddUpAndRepeatsCountOnce() {
        let hits = Self.corpus().search(["a", "b", "b"], limit: 10)
        #expect(hits.map(\.id) == [0, 1])
        #expect(abs(hits[0].score - (0.2640470 + 0.5510277)) < 1e-6)
    }

    @Test func unknownTermsMatchNothing() {
        #expect(Self.corpus().search(["zzz"], limit: 10).isEmpty)
        #expect(Self.corpus().search([], limit: 10).isEmpty)
    }

    @Test func documentsTakeTheirBestPassage() {
        let documents = Self.corpus().searchDocuments(["c"], limit: 10)
        #expect(documents.map(\.id) == [1])
        #expect(abs(documents[0].score - 0.3507490) < 1e-6)
    }

    @Test func explainSplitsTheScoreByTerm() {
        let parts = Self.corpus().explain(["a", "b"], passage: 0)
        #expect(parts.map(\.term) == ["a", "b"])
        #expect(parts.map(\.frequency) == [1, 1])
        #expect(parts.map(\.documentFrequency) == [2, 1])
        #expect(abs(parts[1].score - 0.5510277) < 1e-6)
    }

    @Test func topKKeepsTheBestAndBreaksTiesByLowerID() {
        var hits = [(5, 1.0), (1, 3.0), (7, 2.0), (2, 2.0), (9, 0.5)].map { Hit(id: $0, score: $1) }
        #expect(hits.withUnsafeMutableBufferPointer { TopK.best(3, of: $0) }.map(\.id) == [1, 2, 7])
        #expect(hits.withUnsafeMutableBufferPointer { TopK.best(0, of: $0) }.isEmpty)
        var scores = [1.0, 3.0, 2.0, 2.0, 0.5]
        #expect(scores.withUnsafeMutableBufferPointer { TopK.kthBest(4, of: $0) } == 1.0)
        #expect(scores.withUnsafeMutableBufferPointer { TopK.kthBest(6, of: $0) } == nil)
    }

    /// Scores repeat a lot in half the rounds, so selection is exercised on ties as well as on
    /// distinct scores, and on sizes around k.
    @Test(arguments: [1, 2, 7, 100])
    func topKMatchesAFullSort(k: Int) {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<50 {
            let count = [0, 1, k - 1, k, k + 1, 2 * k, 2 * k + 1, 5_000][round % 8]
            let distinct = round % 2 == 0 ? 4 : 1_000_000
            let hits = (0..<max(0, count)).shuffled(using: &generator).map {
                Hit(id: $0, score: Double(Int.random(in: 0..<distinct, using: &generator)))
            }
            let expected = Array(hits.sorted(by: >).prefix(k))
            var selected = hits
            #expect(selected.withUnsafeMutableBufferPointer { TopK.best(k, of: $0) } == expected, "k \(k), \(count) hits")
            var scores = hits.map(\.score)
            #expect(scores.withUnsafeMutableBufferPointer { TopK.kthBest(k, of: $0) } == (hits.count >= k ? expected.last?.score : nil))
        }
    }
}
