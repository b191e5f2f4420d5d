import Core
import Foundation

/// TREC run lines, `qid Q0 docid rank score kq`, as trec_eval and `../shared/bench/metrics.py`
/// read them. Ids cannot hold spaces in this format, so any whitespace in one becomes `_`.
enum TRECRun {
    static func lines(queryID: String, hits: [DocumentHit]) -> String {
        var out = ""
        let qid = field(queryID)
        for (rank, hit) in hits.enumerated() {
            out += "\(qid) Q0 \(field(hit.document.id)) \(rank + 1) \(String(format: "%.6f", hit.score)) kq\n"
        }
        return out
    }

    private static func field(_ id: String) -> String {
        let cleaned = Sanitizer.clean(id, keepNewlines: false)
        return String(cleaned.map { $0.isWhitespace ? "_" : $0 })
    }
}
