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
