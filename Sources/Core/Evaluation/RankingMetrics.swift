import Foundation

/// The ranking measures BEIR reports, averaged over the queries that have at least one relevant
/// document (a query the run leaves out scores 0):
/// - nDCG@10 with gain 2^grade − 1 and log2(rank + 1) discount, against the ideal ordering of
///   the query's judged grades;
/// - MRR@10, the reciprocal rank of the first relevant document in the top 10;
/// - Recall@10 and Recall@100, the share of relevant documents retrieved;
/// - for graded judgements (a grade above 1 somewhere), avgScore@1, the mean grade of the top
///   document, and succ@1+2, the share of queries whose top document grades 2 or more.
public struct RankingMetrics: Sendable, Equatable {
    public var queries = 0
    public var ndcg10 = 0.0
    public var mrr10 = 0.0
    public var recall10 = 0.0
    public var recall100 = 0.0
    public var averageScore1: Double?
    public var success1: Double?

    /// `run`: query id → document ids, best first.
    public init(qrels: Qrels, run: [String: [String]]) {
        let graded = qrels.judgements.values.flatMap(\.values).max().map { $0 > 1 } ?? false
        var sums = (ndcg: 0.0, mrr: 0.0, r10: 0.0, r100: 0.0, top: 0.0, success: 0.0)
        for (query, grades) in qrels.judgements {
            let relevant = grades.values.filter { $0 > 0 }
            guard !relevant.isEmpty else { continue }
            queries += 1
            let ranked = run[query] ?? []
            let top10 = ranked.prefix(10)
            var dcg = 0.0
            for (rank, document) in top10.enumerated() {
                dcg += (pow(2, Double(grades[document] ?? 0)) - 1) / log2(Double(rank) + 2)
            }
            var ideal = 0.0
            for (rank, grade) in relevant.sorted(by: >).prefix(10).enumerated() {
                ideal += (pow(2, Double(grade)) - 1) / log2(Double(rank) + 2)
            }
            sums.ndcg += dcg / ideal
            if let first = top10.firstIndex(where: { (grades[$0] ?? 0) > 0 }) { sums.mrr += 1 / Double(first + 1) }
            let total = Double(relevant.count)
            sums.r10 += Double(top10.filter { (grades[$0] ?? 0) > 0 }.count) / total
            sums.r100 += Double(ranked.prefix(100).filter { (grades[$0] ?? 0) > 0 }.count) / total
            let topGrade = ranked.first.flatMap { grades[$0] } ?? 0
            sums.top += Double(topGrade)
            sums.success += topGrade >= 2 ? 1 : 0
        }
        guard queries > 0 else { return }
        let n = Double(queries)
        ndcg10 = sums.ndcg / n
        mrr10 = sums.mrr / n
        recall10 = sums.r10 / n
        recall100 = sums.r100 / n
        if graded {
            averageScore1 = sums.top / n
            success1 = sums.success / n
        }
    }
}
