import Foundation
import Testing
@testable import Core

/// Ranking measures worked by hand.
///   q1 relevant: a (grade 1), b (grade 1); ranked: x a y b
///      DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161; ideal = 1 + 0.63093 = 1.63093
///      nDCG@10 = 0.65093, MRR@10 = 1/2, Recall@10 = 1
///   q2 relevant: c; ranked: nothing → all 0
///   q3 only judged not relevant → not counted
@Suite struct MetricsTests {
    @Test func binaryJudgements() {
        let qrels = Qrels(judgements: ["q1": ["a": 1, "b": 1, "z": 0], "q2": ["c": 1], "q3": ["d": 0]])
        let metrics = RankingMetrics(qrels: qrels, run: ["q1": ["x", "a", "y", "b"], "q3": ["d"]])
        #expect(metrics.queries == 2)
        #expect(abs(metrics.ndcg10 - 0.65093 / 2) < 1e-5)
        #expect(abs(metrics.mrr10 - 0.25) < 1e-9)
        #expect(abs(metrics.recall10 - 0.5) < 1e-9)
        #expect(metrics.averageScore1 == nil)
    }

    /// Grade 2 at rank 2 under a grade-1 document: gain 3 discounted by log2(3).
    @Test func gradedJudgementsUseExponentialGain() {
        let qrels = Qrels(judgements: ["q": ["a": 1, "b": 2]])
        let metrics = RankingMetrics(qrels: qrels, run: ["q": ["a", "b"]])
        let dcg = 1.0 + 3 / log2(3.0), ideal = 3.0 + 1 / log2(3.0)
        #expect(abs(metrics.ndcg10 - dcg / ideal) < 1e-9)
        #expect(metrics.averageScore1 == 1)
        #expect(metrics.success1 == 0)
    }

    @Test func recallAt100CountsBeyondTen() {
        let ranked = (0..<50).map { "n\($0)" } + ["hit"]
        let metrics = RankingMetrics(qrels: Qrels(judgements: ["q": ["hit": 1]]), run: ["q": ranked])
        #expect(metrics.recall10 == 0 && metrics.recall100 == 1 && metrics.mrr10 == 0)
    }

    @Test func qrelsSkipTheirHeaderAndRejectBadLines() throws {
        let folder = try TemporaryFolder()
        try folder.write("q.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t0\n")
        #expect(try Qrels.load(folder.url.appendingPathComponent("q.tsv")).judgements == ["q1": ["d1": 1, "d2": 0]])
        try folder.write("bad.tsv", "query-id\tcorpus-id\tscore\nq1 d1 1\n")
        #expect(throws: QueryFile.Failure.self) { try Qrels.load(folder.url.appendingPathComponent("bad.tsv")) }
    }

    @Test func queryFilesLoadInOrderAndNameTheLineAtFault() throws {
        let folder = try TemporaryFolder()
        try folder.write("q.jsonl", "{\"_id\": \"1\", \"text\": \"What is glaucoma?\"}\n\n  \n{\"_id\": \"2\", \"text\": \"a \\\"quoted\\\" word\"}\n")
        let queries = try QueryFile.load(folder.url.appendingPathComponent("q.jsonl"))
        #expect(queries == [.init(_id: "1", text: "What is glaucoma?"), .init(_id: "2", text: "a \"quoted\" word")])
        // Two objects on one line would pass as an array: each line must be one query.
        for (name, text) in [("bad.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n\n{\"_id\": \"2\"}\n"),
                             ("two.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\", \"text\": \"b\"}, {\"_id\": \"3\", \"text\": \"c\"}\n"),
                             // Each line invalid, the two valid once joined by a comma.
                             ("halves.jsonl", "{\"_id\": \"1\", \"text\": \"a\"}\n{\"_id\": \"2\", \"text\": \"b\"},{\"_id\": \"3\"\n\"text\": \"c\"}\n")] {
            try folder.write(name, text)
            let line = name == "bad.jsonl" ? 3 : 2
            #expect(throws: QueryFile.Failure.self) { try QueryFile.load(folder.url.appendingPathComponent(name)) }
            do {
                _ = try QueryFile.load(folder.url.appendingPathComponent(name))
            } catch let failure as QueryFile.Failure {
                #expect(failure.description.hasSuffix("\(name):\(line): not a query object with _id and text"), "\(failure)")
            }
        }
        // One id twice would give two rank-1 lines for one query.
        try folder.write("twice.jsonl", "{\"_id\": \"7\", \"text\": \"a\"}\n{\"_id\": \"8\", \"text\": \"b\"}\n{\"_id\": \"7\", \"text\": \"c\"}\n")
        #expect(throws: QueryFile.Failure.self) { try QueryFile.load(folder.url.appendingPathComponent("twice.jsonl")) }
        do {
            _ = try QueryFile.load(folder.url.appendingPathComponent("twice.jsonl"))
        } catch let failure as QueryFile.Failure {
            #expect(failure.description.hasSuffix("twice.jsonl:3: query id “7” again (first on line 1)"), "\(failure)")
        }
    }
}
