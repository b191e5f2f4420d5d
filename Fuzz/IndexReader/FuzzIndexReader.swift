import Foundation
import Core
import FuzzSupport

/// libFuzzer target: any bytes as an index file. Each input is read twice: as it is (which
/// the checksum nearly always rejects), and with its length and checksum fields made to agree
/// with its bytes, so that mutations reach the sections behind the checksum. Whatever opens is
/// read whole and searched the way `ask` and `search` would. Nothing may trap.
nonisolated(unsafe) let analyzer = try! Analyzer.english()

func fuzzIndexReader(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: count))
    exercise(bytes)
    if bytes.count >= IndexLayout.headerSize {
        IndexLayout.sealHeader(of: &bytes)
        exercise(bytes)
    }
    return 0
}

func exercise(_ bytes: [UInt8]) {
    guard let reader = try? IndexReader(bytes: bytes) else { return }
    let knowledge = Knowledge(root: URL(fileURLWithPath: reader.root), index: reader)
    for document in knowledge.documents { _ = document.title }
    for passage in knowledge.passages { _ = knowledge.document(of: passage).id }
    _ = reader.sources
    for id in 0..<reader.termCount {
        for posting in reader.postings(id) { _ = posting }
        _ = reader.termID(reader.term(id))
    }
    let retriever = Retriever(knowledge: knowledge, analyzer: analyzer)
    for text in ["How long does an infusion take?", "ketamine side effects", "a"] {
        let question = retriever.question(text)
        // The whole answering path reads what a damaged index holds: passages, sections, titles.
        _ = RetrieverAnswerer().answer(question, retriever: retriever, limit: 5)
        _ = retriever.searchDocuments(question, limit: 100)
    }
}

@main
enum FuzzIndexReader {
    static func main() { runFuzzer { fuzzIndexReader($0, $1) } }
}
