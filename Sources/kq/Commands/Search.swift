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

    @Argument(help: "The query.")
    var query: [String] = []

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        if queries != nil {
            guard query.isEmpty else { throw ValidationError("give either a query or --queries, not both") }
            guard format == .trec else { throw ValidationError("--queries writes a TREC run: add --format trec") }
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
        let question = session.retriever.question(query.joined(separator: " "))
        switch format {
        case .trec:
            writeTREC(queryID: "query", hits: session.retriever.searchDocuments(question, limit: top))
        case .json:
            let hits = session.retriever.search(question, limit: top)
            print(SearchResultJSON.encode(hits))
        case .text:
            let hits = session.retriever.search(question, limit: top)
            print(SearchResultText(style: .forStandardOutput()).render(hits))
        }
    }

    private func runBatch(_ file: URL, session: Session) throws {
        let queries: [QueryFile.Query]
        do {
            queries = try QueryFile.load(file)
        } catch let failure as QueryFile.Failure {
            throw KQFailure(failure.description)
        }
        var output: [UInt8] = []
        let retriever = session.retriever
        for query in queries {
            let hits = retriever.searcher.searchDocuments(retriever.question(query.text).terms, limit: top)
            TRECRun.append(queryID: query._id, hits: hits, index: retriever.index, to: &output)
            if output.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output))
    }

    private func writeTREC(queryID: String, hits: [DocumentHit]) {
        FileHandle.standardOutput.write(Data(TRECRun.lines(queryID: queryID, hits: hits).utf8))
    }
}
