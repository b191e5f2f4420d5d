import Core
import Foundation

/// TREC run lines, `qid Q0 docid rank score kq`, as trec_eval and `../shared/bench/metrics.py`
/// read them. Ids cannot hold spaces in this format, so any whitespace in one becomes `_`.
///
/// A run over a thousand queries is a hundred thousand lines, so they are written as bytes:
/// ids straight from the index, scores formatted by integer arithmetic.
enum TRECRun {
    static func lines(queryID: String, hits: [DocumentHit]) -> String {
        var out: [UInt8] = []
        let qid = field(Array(queryID.utf8))
        for (rank, hit) in hits.enumerated() {
            appendLine(queryID: qid, documentID: field(Array(hit.document.id.utf8)), rank: rank + 1, score: hit.score, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the lines for document hits as `Searcher.searchDocuments` returns them.
    static func append(queryID: String, hits: [Hit], index: IndexReader, to out: inout [UInt8]) {
        let qid = field(Array(queryID.utf8))
        for (rank, hit) in hits.enumerated() {
            let id = index.documentIDBytes(hit.id)
            if id.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
                appendLine(queryID: qid, documentID: UnsafeRawBufferPointer(id), rank: rank + 1, score: hit.score, to: &out)
            } else {
                field(Array(id)).withUnsafeBytes {
                    appendLine(queryID: qid, documentID: $0, rank: rank + 1, score: hit.score, to: &out)
                }
            }
        }
    }

    private static func appendLine(queryID: [UInt8], documentID: [UInt8], rank: Int, score: Double, to out: inout [UInt8]) {
        documentID.withUnsafeBytes { appendLine(queryID: queryID, documentID: $0, rank: rank, score: score, to: &out) }
    }

    private static func appendLine(queryID: [UInt8], documentID: UnsafeRawBufferPointer, rank: Int, score: Double,
                                   to out: inout [UInt8]) {
        let scaled = score * 1_000_000
        let rounded = scaled.rounded()
        // `%.6f` by integer arithmetic gives the same digits unless the value sits within a hair
        // of a rounding tie, where the exact decimal expansion decides: those, and anything
        // negative or huge, go through the C library.
        let exact = score >= 0 && scaled < 1e15 && abs(abs(scaled - rounded) - 0.5) > 1e-3
        let scoreText = exact ? nil : Array(String(format: "%.6f", score).utf8)
        // One line is composed in a buffer and appended once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: queryID.count + documentID.count + 64 + (scoreText?.count ?? 0)) { line in
            var at = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                for byte in bytes { line[at] = byte; at += 1 }
            }
            func put(_ literal: StaticString) {
                put(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            }
            func put(_ value: UInt64, width: Int) {
                var digits = 1, limit: UInt64 = 10
                while digits < 20, value >= limit { digits += 1; limit = limit &* 10 }
                digits = max(digits, width)
                var rest = value
                for index in stride(from: at + digits - 1, through: at, by: -1) {
                    line[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                at += digits
            }
            queryID.withUnsafeBytes { put($0) }
            put(" Q0 ")
            put(documentID)
            put(" ")
            put(UInt64(rank), width: 1)
            put(" ")
            if let scoreText {
                scoreText.withUnsafeBytes { put($0) }
            } else {
                let units = UInt64(rounded)
                put(units / 1_000_000, width: 1)
                put(".")
                put(units % 1_000_000, width: 6)
            }
            put(" kq\n")
            out.append(contentsOf: UnsafeBufferPointer(rebasing: line[0..<at]))
        }
    }

    /// Printable ASCII passes as it is; anything else is cleaned of control characters and its
    /// whitespace replaced.
    private static func field(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return bytes }
        let cleaned = Sanitizer.clean(String(decoding: bytes, as: UTF8.self), keepNewlines: false)
        return Array(String(cleaned.map { $0.isWhitespace ? "_" : $0 }).utf8)
    }
}
