import Foundation
import Testing
@testable import Core

/// The encoder against the reference: the sentence-transformers quickstart's similarities, to
/// four decimals. They need the model the set-up step installs (`scripts/install-deps`).
@Suite struct SentenceEncoderTests {
    static let encoder = Result { try SentenceEncoder(folder: SentenceEncoder.installedFolder()) }

    static func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func theQuickstartSimilaritiesAreSentenceTransformers() throws {
        let encoder = try Self.encoder.get()
        let vectors = encoder.encode(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
        #expect(vectors.allSatisfy { $0.count == 384 && abs(Self.dot($0, $0) - 1) < 1e-5 })
        let similarities = [Self.dot(vectors[0], vectors[1]), Self.dot(vectors[0], vectors[2]), Self.dot(vectors[1], vectors[2])]
        let expected: [Float] = [0.6660, 0.1046, 0.1411]
        for (found, wanted) in zip(similarities, expected) {
            #expect(abs(found - wanted) < 0.00005, "\(similarities)")
        }
    }

    @Test func paddingInABatchDoesNotChangeAVector() throws {
        let encoder = try Self.encoder.get()
        let texts = ["Ketamine is given as an infusion.", "A much longer sentence, with many more word pieces in it, about how often the nasal spray is used in the first weeks of treatment.", "Hi"]
        let together = encoder.encode(texts)
        for (text, batched) in zip(texts, together) {
            let alone = encoder.encode([text])[0]
            #expect(zip(alone, batched).allSatisfy { abs($0 - $1) <= 1e-5 }, "\(text)")
        }
    }
}

/// Passage vectors in the index: what the encoder gives for the passage (within the 8-bit
/// rounding), computed once: updates and merges copy the vectors of files they did not touch.
@Suite struct PassageVectorTests {
    @Test func vectorsAreTheEncodersAndSurviveAnUpdate() throws {
        let encoder = try SentenceEncoderTests.encoder.get()
        let knowledge = try TemporaryFolder()
        try knowledge.write("a.md", "# Infusions\n\nKetamine is given as a slow infusion over forty minutes.\n")
        try knowledge.write("b.md", "# Nasal spray\n\nEsketamine spray is used twice a week at first.\n")
        let cache = try IndexTests.Cache()
        var indexCache = cache.cache
        indexCache.encoder = encoder
        let first = try indexCache.open(root: knowledge.url, analyzer: try Analyzer.english()).knowledge.index
        #expect(first.hasVectors)
        var before: [String: QuantizedVector] = [:]
        for id in 0..<first.passageCount {
            let passage = first.passage(id), document = first.document(passage.document)
            let stored = try #require(first.vector(ofPassage: id))
            let fresh = encoder.encode([IndexWriter.embeddedText(of: passage, title: document.title)])[0]
            #expect(SentenceEncoderTests.dot(stored.values, fresh) > 0.999)
            before[document.path + passage.text] = stored
        }
        // Five updates of one file each: segments pile up and are merged, vectors copied.
        var second = first
        for name in ["c", "d", "e", "f", "g"] {
            try knowledge.write("\(name).md", "# Costs \(name)\n\nA course of six infusions is rarely covered by insurance, plan \(name).\n")
            second = try indexCache.open(root: knowledge.url, analyzer: try Analyzer.english()).knowledge.index
        }
        #expect(second.parts.count < 7, "no merge happened: \(second.parts.count) segments")
        #expect(second.hasVectors && second.passageCount == first.passageCount + 5)
        for id in 0..<second.passageCount {
            let passage = second.passage(id), document = second.document(passage.document)
            if let old = before[document.path + passage.text] { #expect(second.vector(ofPassage: id) == old) }
        }
    }
}
