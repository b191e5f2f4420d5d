import Foundation
import Testing
@testable import Core

/// kq's BERT tokenizer against Hugging Face `tokenizers` on the thousand strings of
/// `WordPieceCases.jsonl` (prose from the Knowledge, accents, CJK, emoji, controls, symbols,
/// over-long words), written by `scripts/make-wordpiece-cases` from the reference.
@Suite struct WordPieceTests {
    struct Case: Decodable {
        let text: String
        let ids: [Int32]
    }

    static func cases() throws -> [Case] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("WordPieceCases.jsonl")
        let data = try Data(contentsOf: file)
        // Lines end at "\n" only: the reference writes U+2028 and U+0085 unescaped.
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Case.self, from: Data($0)) }
    }

    @Test func wordPiecesAreTheReferenceTokenizers() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyAt: SentenceEncoder.installedFolder().appendingPathComponent("vocab.txt").path)
        let cases = try Self.cases()
        #expect(cases.count == 1000)
        var mismatches: [String] = []
        for item in cases where tokenizer.pieces(item.text) != item.ids {
            mismatches.append("\(item.text.debugDescription): \(tokenizer.pieces(item.text)) ≠ \(item.ids)")
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(cases.count) differ:\n\(mismatches.prefix(10).joined(separator: "\n"))")
    }

    @Test func aTextIsCutAtTheModelsLength() throws {
        let tokenizer = try WordPieceTokenizer(vocabularyAt: SentenceEncoder.installedFolder().appendingPathComponent("vocab.txt").path)
        let ids = tokenizer.ids(String(repeating: "ketamine infusion ", count: 200), maximumLength: 256)
        #expect(ids.count == 256 && ids.first == tokenizer.classifier && ids.last == tokenizer.separator)
        #expect(tokenizer.ids("", maximumLength: 256) == [tokenizer.classifier, tokenizer.separator])
    }
}
