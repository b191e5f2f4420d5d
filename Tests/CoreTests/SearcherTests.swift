import Foundation
import Testing
@testable import Core

/// Pruning is an optimisation only: on a corpus where common and rare terms mix, every query
/// must rank exactly as scoring every posting does.
@Suite struct SearcherTests {
    static func corpus() throws -> Knowledge {
        var random = SeededRandom(state: 42)
        let vocabulary = (0..<80).map { "w\($0)" }
        // Skewed: low-numbered words are common, high-numbered rare.
        func word() -> String { vocabulary[min(random.next(80), random.next(80), random.next(80))] }
        let documents = (0..<400).map { number in
            let blocks = (0..<(1 + random.next(3))).map { _ in
                Block(section: nil, text: (0..<(5 + random.next(40))).map { _ in word() }.joined(separator: " "))
            }
            return Document(id: "d\(number)", title: "\(word()) \(word())", path: "d\(number)", blocks: blocks)
        }
        let settings = IndexSettings(titleWeight: 3, splitter: PassageSplitter(minimumWords: 5, maximumWords: 20))
        return try Knowledge(root: URL(fileURLWithPath: "/k"), documents: documents, analyzer: Analyzer(filters: []), settings: settings)
    }

    @Test func prunedRankingEqualsExhaustiveRanking() throws {
        let knowledge = try Self.corpus()
        let pruned = Searcher(index: knowledge.index)
        let exhaustive = Searcher(index: knowledge.index)
        exhaustive.prunes = false
        var random = SeededRandom(state: 7)
        for _ in 0..<300 {
            let terms = (0..<(1 + random.next(6))).map { _ in "w\(random.next(80))" }
            for limit in [1, 3, 10, 100] {
                let a = pruned.search(terms, limit: limit), b = exhaustive.search(terms, limit: limit)
                #expect(a.map(\.id) == b.map(\.id) && a.map(\.score) == b.map(\.score), "\(terms) top \(limit)")
                let c = pruned.searchDocuments(terms, limit: limit), d = exhaustive.searchDocuments(terms, limit: limit)
                #expect(c.map(\.id) == d.map(\.id) && c.map(\.score) == d.map(\.score), "\(terms) documents top \(limit)")
            }
        }
    }

    @Test func searchesLeaveNothingBehindForTheNext() throws {
        let knowledge = try Self.corpus()
        let searcher = Searcher(index: knowledge.index)
        let first = searcher.searchDocuments(["w1", "w70"], limit: 10)
        _ = searcher.search(["w2", "w3", "w79"], limit: 5)
        _ = searcher.searchDocuments(["w5"], limit: 1)
        #expect(searcher.searchDocuments(["w1", "w70"], limit: 10).map(\.score) == first.map(\.score))
    }
}
