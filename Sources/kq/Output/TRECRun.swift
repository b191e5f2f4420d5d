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
        let scoreText = exact ? [] : Array(String(format: "%.6f", score).utf8)
        // One line is composed in a buffer by plain pointer writes and appended once.
        let capacity = queryID.count + documentID.count + scoreText.count + 64
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let line = buffer.baseAddress!
            var at = queryID.withUnsafeBytes { copy($0, to: line) }
            at += copy(" Q0 ", to: line + at)
            at += copy(documentID, to: line + at)
            at += copy(" ", to: line + at)
            at += digits(UInt64(rank), width: 1, to: line + at)
            at += copy(" ", to: line + at)
            if exact {
                let units = UInt64(rounded)
                at += digits(units / 1_000_000, width: 1, to: line + at)
                at += copy(".", to: line + at)
                at += digits(units % 1_000_000, width: 6, to: line + at)
            } else {
                at += scoreText.withUnsafeBytes { copy($0, to: line + at) }
            }
            at += copy(" kq\n", to: line + at)
            out.append(contentsOf: UnsafeBufferPointer(start: line, count: at))
        }
    }

    @inline(__always)
    private static func copy(_ bytes: UnsafeRawBufferPointer, to target: UnsafeMutablePointer<UInt8>) -> Int {
        if let base = bytes.baseAddress { UnsafeMutableRawPointer(target).copyMemory(from: base, byteCount: bytes.count) }
        return bytes.count
    }

    @inline(__always)
    private static func copy(_ literal: StaticString, to target: UnsafeMutablePointer<UInt8>) -> Int {
        copy(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), to: target)
    }

    /// Decimal digits of `value`, zero-padded to `width`; returns how many were written.
    @inline(__always)
    private static func digits(_ value: UInt64, width: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 1
        var limit: UInt64 = 10
        while count < 20, value >= limit {
            count += 1
            limit = limit &* 10
        }
        count = max(count, width)
        var rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            target[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return count
    }

    /// Printable ASCII passes as it is; anything else is cleaned of control characters and its
    /// whitespace replaced.
    private static func field(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) { return bytes }
        let cleaned = Sanitizer.clean(String(decoding: bytes, as: UTF8.self), keepNewlines: false)
        return Array(String(cleaned.map { $0.isWhitespace ? "_" : $0 }).utf8)
    }
}
