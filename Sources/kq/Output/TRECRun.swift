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
            let id = field(Array(index.documentIDBytes(hit.id)))
            appendLine(queryID: qid, documentID: id, rank: rank + 1, score: hit.score, to: &out)
        }
    }

    private static func appendLine(queryID: [UInt8], documentID: [UInt8], rank: Int, score: Double, to out: inout [UInt8]) {
        out += queryID
        out += Array(" Q0 ".utf8)
        out += documentID
        out.append(UInt8(ascii: " "))
        appendDigits(UInt64(rank), minimumWidth: 1, to: &out)
        out.append(UInt8(ascii: " "))
        appendFixed6(score, to: &out)
        out += Array(" kq\n".utf8)
    }

    /// `%.6f`. Integer arithmetic gives the same digits unless the value sits within a hair of
    /// a rounding tie, where the exact decimal expansion decides: those, and anything negative
    /// or huge, go through the C library.
    static func appendFixed6(_ value: Double, to out: inout [UInt8]) {
        let scaled = value * 1_000_000
        let rounded = scaled.rounded()
        guard value >= 0, scaled < 1e15, abs(abs(scaled - rounded) - 0.5) > 1e-3 else {
            out += Array(String(format: "%.6f", value).utf8)
            return
        }
        let units = UInt64(rounded)
        appendDigits(units / 1_000_000, minimumWidth: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(units % 1_000_000, minimumWidth: 6, to: &out)
    }

    private static func appendDigits(_ value: UInt64, minimumWidth: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumWidth
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
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
