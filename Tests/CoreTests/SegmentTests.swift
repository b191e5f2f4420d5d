import Foundation
import Testing
@testable import Core

/// An index updated file by file (segments, deletions, merges) ranks exactly as a fresh build
/// of the same files would, whatever sequence of edits brought it there.
@Suite struct SegmentTests {
    static let words = ["ketamine", "infusion", "dose", "minutes", "clinic", "nasal", "spray", "cost", "insurance",
                        "depression", "session", "patient", "blood", "pressure", "heart", "rate", "monitor", "nurse",
                        "weekly", "taper", "therapy", "anesthetic", "dissociation", "nausea", "driving"]

    /// Text drawn from a small vocabulary, so that terms are shared and scores often tie.
    static func text(_ random: inout some RandomNumberGenerator) -> String {
        let title = (0..<2).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        let paragraphs = (0..<Int.random(in: 1...4, using: &random)).map { _ in
            (0..<Int.random(in: 3...40, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") + "."
        }
        return "# \(title)\n\n" + paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// Everything a ranking depends on, in terms a fresh build and an updated one share: each
    /// hit's document id, passage ordinal and exact score, in order.
    static func rankings(_ index: IndexReader) -> [String] {
        let searcher = Searcher(index: index)
        var lines: [String] = ["\(index.passageCount) \(index.documentCount) \(index.averageLength.bitPattern)"]
        for first in words {
            for second in [words[0], words[7], words[13]] {
                let terms = try! Analyzer.english().terms("\(first) \(second)")
                for hit in searcher.search(terms, limit: 7) {
                    let passage = index.passage(hit.id)
                    lines.append("\(first)+\(second) p \(index.document(passage.document).id)#\(passage.ordinal) \(hit.score.bitPattern)")
                }
                for hit in searcher.searchDocuments(terms, limit: 5) {
                    lines.append("\(first)+\(second) d \(index.document(hit.id).id) \(hit.score.bitPattern)")
                }
            }
            if let id = index.termID(try! Analyzer.english().terms(first)[0]) {
                lines.append("\(first) df \(index.documentFrequency(id)) title \(index.isTitleTerm(id))")
            }
        }
        return lines
    }

    @Test func aHundredRandomEditsRankAsAFreshBuild() throws {
        var random = SystemRandomNumberGenerator()
        let knowledge = try TemporaryFolder()
        for number in 0..<12 { try knowledge.write("f\(number).md", Self.text(&random)) }
        let updated = try IndexTests.Cache()
        _ = try updated.open(knowledge.url)
        var names = (0..<12).map { "f\($0).md" }
        var next = 12
        var segmentCounts = Set<Int>()
        for edit in 0..<100 {
            switch Int.random(in: 0..<3, using: &random) {
            case 0 where names.count < 40:
                let name = "g\(next)/\(next).md"
                next += 1
                names.append(name)
                try knowledge.write(name, Self.text(&random))
            case 1 where names.count > 3:
                let name = names.remove(at: Int.random(in: 0..<names.count, using: &random))
                try FileManager.default.removeItem(at: knowledge.url.appendingPathComponent(name))
            default:
                try knowledge.write(names.randomElement(using: &random)!, Self.text(&random))
            }
            let opened = try updated.open(knowledge.url)
            #expect(opened.built != nil, "edit \(edit) was not noticed")
            segmentCounts.insert(opened.knowledge.index.parts.count)
            let fresh = try IndexTests.Cache()
            let rebuilt = try fresh.open(knowledge.url)
            #expect(rebuilt.knowledge.index.parts.count == 1)
            let got = Self.rankings(opened.knowledge.index), want = Self.rankings(rebuilt.knowledge.index)
            #expect(got == want, "edit \(edit): \(zip(got, want).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "lengths differ")")
            if got != want { break }
        }
        // The sequence went through several segments and through merges back to fewer.
        #expect(segmentCounts.count > 2, "\(segmentCounts)")
        #expect(updated.warnings.isEmpty, "\(updated.warnings)")
    }

    /// A JSONL file cut into pieces read by two threads into two segments ranks exactly as one
    /// thread's one segment, ids given by line number included (blank lines and lines without
    /// `_id` among them), and lists its documents in the same order.
    @Test func twoThreadsIndexAsOneDoes() throws {
        var random = SystemRandomNumberGenerator()
        let knowledge = try TemporaryFolder()
        var lines: [String] = []
        for number in 0..<6000 {
            let text = Self.text(&random).replacingOccurrences(of: "\n", with: "\\n")
            lines.append(number % 7 == 0 ? "{\"text\": \"\(text)\"}" : "{\"_id\": \"d\(number)\", \"text\": \"\(text)\"}")
            if number % 500 == 0 { lines.append("") }
        }
        try knowledge.write("corpus.jsonl", lines.joined(separator: "\n") + "\n")
        try knowledge.write("a.md", Self.text(&random))
        try knowledge.write("z.md", Self.text(&random))
        func index(threads: Int) throws -> IndexReader {
            let cache = try IndexTests.Cache()
            var indexCache = cache.cache
            indexCache.threads = threads
            let opened = try indexCache.open(root: knowledge.url, analyzer: try Analyzer.english())
            return opened.knowledge.index
        }
        let one = try index(threads: 1), two = try index(threads: 2)
        #expect(one.parts.count == 1 && two.parts.count == 2, "\(one.parts.count) \(two.parts.count)")
        #expect(Self.rankings(one) == Self.rankings(two))
        #expect(one.documentsInFileOrder.map { one.document($0).id } == two.documentsInFileOrder.map { two.document($0).id })
    }

    /// Found in review: a run of a build that read no document (a binary file) gave its number
    /// back, and a merge then wrote over a listed segment, doubling some documents and losing
    /// others; a file whose name holds a control character was never deleted when it changed;
    /// a term only a title holds left the vocabulary at the first update.
    @Test func emptyRunsOddNamesAndTitleOnlyTermsSurviveUpdates() throws {
        var random = SystemRandomNumberGenerator()
        let knowledge = try TemporaryFolder()
        for name in ["a", "b", "c"] {
            let lines = (0..<2500).map { "{\"_id\": \"\(name)\($0)\", \"text\": \"\(Self.text(&random).replacingOccurrences(of: "\n", with: " "))\"}" }
            try knowledge.write("\(name).jsonl", lines.joined(separator: "\n") + "\n")
        }
        try knowledge.write("d.txt", Data([0] + [UInt8](repeating: 65, count: 1_300_000)))
        try knowledge.write("e.jsonl", "{\"_id\": \"e1\", \"text\": \"ketamine nasal spray\"}\n")
        try knowledge.write("odd\u{7F}name.md", "# Odd\n\nThe first infusion text.\n")
        try knowledge.write("zebra.md", "# Zebra crossing\n")
        func open(_ cache: IndexTests.Cache, threads: Int) throws -> IndexReader {
            var indexCache = cache.cache
            indexCache.threads = threads
            return try indexCache.open(root: knowledge.url, analyzer: try Analyzer.english()).knowledge.index
        }
        let many = try IndexTests.Cache()
        let one = try open(try IndexTests.Cache(), threads: 1), seven = try open(many, threads: 7)
        #expect(seven.documentCount == one.documentCount, "\(seven.documentCount) documents on 7 threads, \(one.documentCount) on 1")
        #expect(Self.rankings(seven) == Self.rankings(one))
        // An edit to the oddly named file replaces its document, and the title-only term stays.
        try knowledge.write("odd\u{7F}name.md", "# Odd\n\nThe second infusion text, longer.\n")
        let updated = try open(many, threads: 7)
        let odd = (0..<updated.passageCount).map { updated.passage($0).text }.filter { $0.contains("infusion text") }
        #expect(odd == ["The second infusion text, longer."], "\(odd)")
        let fresh = try open(try IndexTests.Cache(), threads: 1)
        #expect(updated.documentCount == fresh.documentCount)
        #expect(updated.termID("zebra").map(updated.isTitleTerm) == true)
        #expect(updated.termCount == fresh.termCount)
        #expect(Self.rankings(updated) == Self.rankings(fresh))
    }
}
