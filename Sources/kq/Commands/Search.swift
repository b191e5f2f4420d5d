import ArgumentParser
import Core
import Foundation

/// `kq search`: ranked passages (text, json) or documents (trec), for one query or a BEIR
/// query file.
struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank passages (text, json) or documents (trec) for a query.",
        discussion: "With --queries FILE.jsonl ({\"_id\", \"text\"} a line) it writes one TREC run for every query: qid Q0 docid rank score kq."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, trec
    }

    @OptionGroup var source: KnowledgeOptions

    @Option(help: "How many results.")
    var top = 10

    @Option(help: "Output format: text, json (passages) or trec (documents).")
    var format: Format = .text

    @Option(help: "A BEIR query file to run instead of one query.")
    var queries: String?

    @Flag(help: "With --queries: report on stderr how long queries took (median, 95th percentile).")
    var stats = false

    @Argument(help: "The query.")
    var query: [String] = []

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        if queries != nil {
            guard query.isEmpty else { throw ValidationError("give either a query or --queries, not both") }
            guard format == .trec else { throw ValidationError("--queries writes a TREC run: add --format trec") }
        } else if stats {
            throw ValidationError("--stats reports on a --queries batch")
        } else if query.joined().trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("search needs a query, or --queries FILE")
        }
    }

    func run() throws {
        let session = try source.openSession()
        if let queries {
            try runBatch(URL(fileURLWithPath: queries), session: session)
            return
        }
        let question = session.pipeline.question(query.joined(separator: " "))
        switch format {
        case .trec:
            writeTREC(queryID: "query", hits: session.retriever.searchDocuments(question, limit: top))
        case .json:
            let hits = session.retriever.search(question, limit: top)
            StandardStreams.line(SearchResultJSON.encode(hits))
        case .text:
            let hits = session.retriever.search(question, limit: top)
            StandardStreams.line(SearchResultText(style: .forStandardOutput()).render(hits))
        }
    }

    private func runBatch(_ file: URL, session: Session) throws {
        let queries: [QueryFile.Query]
        do {
            queries = try QueryFile.load(file)
        } catch let failure as QueryFile.Failure {
            throw KQFailure(failure.description)
        }
        // Queries are analysed here, one after another (the analyzer's stemmer is not shared
        // between threads), then searched on `--threads` threads, each with its own searcher
        // taking the next query not yet taken, and written in the file's order.
        let retriever = session.retriever
        var latencies = [UInt64](repeating: 0, count: queries.count)
        let terms = queries.enumerated().map { index, query in
            let started = DispatchTime.now().uptimeNanoseconds
            defer { latencies[index] = DispatchTime.now().uptimeNanoseconds - started }
            return session.pipeline.queryTerms(query.text)
        }
        let threads = min(source.threads, max(1, queries.count / 64))
        let searchers = (0..<threads).map { $0 == 0 ? retriever.searcher : retriever.searcher.copy() }
        let denseSearchers = (0..<threads).map { $0 == 0 ? retriever.dense : retriever.dense.map { DenseSearcher(index: $0.index) } }
        let vectors = retriever.queryVectors(queries.map(\.text), threads: source.threads)
        // Queries are handed out in blocks, each written to one buffer: a block is enough work
        // to be worth taking, and few enough that the threads finish together.
        let block = 16
        let blocks = (queries.count + block - 1) / block
        let results = Slots<(output: [UInt8], latencies: [UInt64])>(blocks)
        concurrently(items: blocks, threads: threads) { thread, item in
            var output: [UInt8] = [], times: [UInt64] = []
            output.reserveCapacity(block * top * 64)
            for index in item * block..<min(queries.count, (item + 1) * block) {
                let started = DispatchTime.now().uptimeNanoseconds
                let hits = retriever.rankDocuments(terms: terms[index], vector: vectors[index], limit: top,
                                                   searcher: searchers[thread], denseSearcher: denseSearchers[thread])
                times.append(DispatchTime.now().uptimeNanoseconds - started)
                TRECRun.append(queryID: queries[index]._id, hits: hits, index: retriever.index, to: &output)
            }
            results[item] = (output, times)
        }
        for item in 0..<blocks {
            StandardStreams.write(results[item]!.output)
            for (offset, time) in results[item]!.latencies.enumerated() { latencies[item * block + offset] += time }
        }
        if stats { StandardStreams.error(LatencyText.render(latencies) + "\n") }
    }

    private func writeTREC(queryID: String, hits: [DocumentHit]) {
        StandardStreams.write(Array(TRECRun.lines(queryID: queryID, hits: hits).utf8))
    }
}

/// How long each query of a batch took, from analysis to ranked ids, without start-up or output.
enum LatencyText {
    static func render(_ nanoseconds: [UInt64]) -> String {
        guard !nanoseconds.isEmpty else { return "kq: no queries" }
        let sorted = nanoseconds.sorted()
        func milliseconds(_ value: UInt64) -> String { String(format: "%.3f ms", Double(value) / 1e6) }
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let p95 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)]
        let total = Double(sorted.reduce(0, +)) / 1e9
        return "kq: \(sorted.count) queries in \(String(format: "%.3f s", total)); median \(milliseconds(median)), 95th percentile \(milliseconds(p95)), slowest \(milliseconds(sorted.last!))"
    }
}

