import Core
import Foundation

/// The `--json` shape that scripts and `../shared/eval/check-answers.py` read:
/// {"question", "answer", "answeredBy", "confidence", "citations": [{"document", "path",
/// "passage", "text", "score"}]}. JSONEncoder escapes control characters, so none reach a
/// reader raw.
struct AnswerJSON: Encodable {
    struct CitationJSON: Encodable {
        let document: String
        let path: String
        let passage: Int
        let text: String
        let score: Double
    }

    let question: String
    let answer: String
    let answeredBy: String
    let confidence: Double
    let citations: [CitationJSON]

    init(_ answer: Answer) {
        question = answer.question
        self.answer = answer.text
        answeredBy = answer.answeredBy
        confidence = (answer.confidence * 1000).rounded() / 1000
        citations = answer.citations.map {
            CitationJSON(document: $0.document, path: $0.path, passage: $0.passage + 1, text: $0.text,
                         score: ($0.score * 10000).rounded() / 10000)
        }
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
