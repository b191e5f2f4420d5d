import Core
import Foundation

/// The `--json` shape that scripts and `../shared/eval/check-answers.py` read:
/// {"question", "answer", "answeredBy", "confidence", "citations": [{"document", "path",
/// "passage", "text", "score"}], "crisis"}, plus "crisisCategory" and "crisisAbout" when the
/// answer opens with crisis resources, and a plugin's "lines": [{"label", "text", "citations":
/// [numbers from 1]}], and "about" for a follow-up that took its subject from the question
/// before. `answer` holds the crisis resources first, then the answer, then any
/// resources line; JSON never carries the not-medical-advice reminder.
struct AnswerJSON: Encodable {
    let question: String
    let answer: String
    let answeredBy: String
    let confidence: Double
    let citations: [PassageJSON]
    let crisis: Bool
    /// The detector's category for the strongest signal, and whom it concerns ("writer" or
    /// "someone else").
    let crisisCategory: String?
    let crisisAbout: String?
    let lines: [LineJSON]?
    /// For a follow-up, the words it took from the question before.
    let about: String?

    struct LineJSON: Encodable {
        let label: String?
        let text: String
        let citations: [Int]
    }

    init(_ answer: Answer) {
        question = answer.question
        self.answer = answer.fullText
        answeredBy = answer.answeredBy
        confidence = (answer.confidence * 1000).rounded() / 1000
        citations = answer.citations.map {
            PassageJSON(document: $0.document, path: $0.path, ordinal: $0.passage, text: $0.text, score: $0.score, pages: $0.pages)
        }
        crisis = answer.crisis.level == .crisis
        crisisCategory = answer.crisis.category?.rawValue
        crisisAbout = crisis ? answer.crisis.subject.rawValue : nil
        about = answer.about?.joined(separator: " ")
        lines = answer.lines.isEmpty ? nil : answer.lines.map {
            LineJSON(label: $0.label, text: $0.text, citations: $0.citations.map { $0 + 1 })
        }
    }
}

/// A passage as JSON: `passage` counts from 1 within its document, as the text output does.
/// `rank` and `section` are for `search`; left nil (as in `ask`'s citations) they are omitted.
/// `page` is the page a passage of a document with pages starts on, `lastPage` where it ends
/// when that is a later page. `id` (`PATH#N`) names the passage for `kq mcp`'s `get`.
struct PassageJSON: Encodable {
    let id: String
    let document: String
    let path: String
    let passage: Int
    let text: String
    var score: Double?
    var rank: Int?
    var section: String?
    var page: Int?
    var lastPage: Int?

    init(document: String, path: String, ordinal: Int, text: String, score: Double?, pages: ClosedRange<Int>?,
         rank: Int? = nil, section: String? = nil) {
        self.document = document
        // The index keeps a file's path as the file system spells it; JSON escapes C0 but not
        // DEL, C1 or bidirectional controls, so the path is cleaned here like text output's.
        self.path = Sanitizer.clean(path, keepNewlines: false)
        passage = ordinal + 1
        id = "\(self.path)#\(passage)"
        self.text = text
        self.score = score.map { ($0 * 10000).rounded() / 10000 }
        self.rank = rank
        self.section = section
        page = pages?.lowerBound
        lastPage = pages.flatMap { $0.count > 1 ? $0.upperBound : nil }
    }
}

enum JSONOutput {
    /// One line, keys sorted so output is stable. JSONEncoder escapes control characters, so
    /// none from a document reaches a reader raw.
    static func encode<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
