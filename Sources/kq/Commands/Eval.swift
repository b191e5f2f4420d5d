import ArgumentParser
import Core
import Foundation

/// `kq eval`: runs a BEIR query file against the Knowledge and scores the ranking with its
/// relevance judgements, the numbers `../shared/bench/metrics.py` gives for the same run.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score retrieval on BEIR queries and qrels: nDCG@10, MRR@10, Recall@10, Recall@100.",
        discussion: "Documents are ranked as `kq search --format trec` ranks them: each by its best passage."
    )

    @OptionGroup var source: KnowledgeOptions

    @Option(help: "BEIR queries: {\"_id\", \"text\"} a line.")
    var queries: String

    @Option(help: "BEIR qrels: query-id, corpus-id, score separated by tabs, after a header line.")
    var qrels: String

    @Option(help: "How many documents to rank for each query.")
    var top = 100

    @Option(name: .customLong("run"), help: "Also write the TREC run to this file.")
    var runFile: String?

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @OptionGroup(title: "Tuning (defaults are kq's own; a changed index setting rebuilds the cached index)")
    var tuning: TuningOptions

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let queryList: [QueryFile.Query]
        let judgements: Qrels
        do {
            queryList = try QueryFile.load(URL(fileURLWithPath: queries))
            judgements = try Qrels.load(URL(fileURLWithPath: qrels))
        } catch let failure as QueryFile.Failure {
            throw KQFailure(failure.description)
        }
        let session = try source.openSession(answerers: .retrieverOnly, settings: tuning.retrieverSettings,
                                             index: tuning.indexSettings)
        if let aggregate = tuning.aggregate { session.retriever.searcher.documentScore = aggregate }
        var ranking: [String: [String]] = [:]
        var trec: [UInt8] = []
        let retriever = session.retriever
        let vectors = retriever.queryVectors(queryList.map(\.text), threads: source.threads)
        for (query, vector) in zip(queryList, vectors) {
            let hits = retriever.rankDocuments(terms: session.pipeline.queryTerms(query.text), vector: vector, limit: top)
            ranking[query._id] = hits.map { String(decoding: retriever.index.documentIDBytes($0.id), as: UTF8.self) }
            if runFile != nil { TRECRun.append(queryID: query._id, hits: hits, index: retriever.index, to: &trec) }
        }
        if let runFile { try OutputFile.write(trec, to: runFile) }
        let metrics = RankingMetrics(qrels: judgements, run: ranking)
        StandardStreams.line(json ? MetricsText.json(metrics) : MetricsText.table(metrics))
    }
}

extension Searcher.DocumentScore: ExpressibleByArgument {}

/// Ranking parameters `kq eval` can try without a rebuild of kq.
struct TuningOptions: ParsableArguments {
    @Option(help: "BM25 k1.")
    var k1: Double?

    @Option(help: "BM25 b.")
    var b: Double?

    @Option(help: "How many times title and section words count toward a passage.")
    var titleWeight: Int?

    @Option(help: "Passage size in words, as MIN:MAX.")
    var passageWords: String?

    @Option(help: "A document's score from its passages': best or sum.")
    var aggregate: Searcher.DocumentScore?

    func validate() throws {
        if let passageWords, parsedWords(passageWords) == nil {
            throw ValidationError("--passage-words takes MIN:MAX, with 0 < MIN <= MAX")
        }
        if let titleWeight, titleWeight < 0 { throw ValidationError("--title-weight cannot be negative") }
    }

    private func parsedWords(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[0] <= parts[1] else { return nil }
        return (parts[0], parts[1])
    }

    var retrieverSettings: Retriever.Settings {
        var settings = Retriever.Settings()
        if let k1 { settings.similarity.k1 = k1 }
        if let b { settings.similarity.b = b }
        return settings
    }

    var indexSettings: IndexSettings {
        var settings = IndexSettings()
        if let titleWeight { settings.titleWeight = titleWeight }
        if let passageWords, let (minimum, maximum) = parsedWords(passageWords) {
            settings.splitter = PassageSplitter(minimumWords: minimum, maximumWords: maximum)
        }
        return settings
    }
}

enum MetricsText {
    static func figures(_ metrics: RankingMetrics) -> [(String, Double)] {
        var rows = [("nDCG@10", metrics.ndcg10), ("MRR@10", metrics.mrr10),
                    ("Recall@10", metrics.recall10), ("Recall@100", metrics.recall100)]
        if let score = metrics.averageScore1, let success = metrics.success1 {
            rows += [("avgScore@1", score), ("succ@1+2", success)]
        }
        return rows
    }

    static func table(_ metrics: RankingMetrics) -> String {
        (["queries     \(metrics.queries)"] + figures(metrics).map { name, value in
            name.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%.4f", value)
        }).joined(separator: "\n")
    }

    static func json(_ metrics: RankingMetrics) -> String {
        let fields = ["\"queries\": \(metrics.queries)"] + figures(metrics).map { "\"\($0)\": \(String(format: "%.4f", $1))" }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}
