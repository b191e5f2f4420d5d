import Core
import Foundation

/// `:explain`: who answered and how sure each answerer was, then the top passage's score taken
/// apart term by term (BM25: tf in the passage, df in the index, idf, contribution).
struct ExplainText {
    let style: Style

    func render(_ question: Question, outcome: Router.Outcome, retriever: Retriever, top: Int) -> String {
        var lines: [String] = []
        lines.append("Question terms: " + (question.uniqueTerms.isEmpty ? "(none)" : question.uniqueTerms.joined(separator: " ")))
        lines.append("Answered by: \(style.bold(outcome.answer.answeredBy)), confidence \(String(format: "%.2f", outcome.answer.confidence))")
        for candidate in outcome.candidates {
            lines.append("  plugin \(candidate.name): confidence \(String(format: "%.2f", candidate.confidence))")
        }
        lines += crisis(outcome.answer.crisis)
        guard let hit = retriever.search(question, limit: top).first else {
            lines.append("No passage holds any of the terms.")
            return lines.joined(separator: "\n")
        }
        let passage = hit.passage
        lines.append("Top passage: \(Sanitizer.clean(hit.document.id, keepNewlines: false)), passage \(passage.ordinal + 1), BM25 \(String(format: "%.3f", hit.score)), length \(retriever.index.length(ofPassage: passage.id)) terms (average \(String(format: "%.1f", retriever.index.averageLength)))")
        lines.append("Coverage of the question's weight: \(String(format: "%.2f", retriever.coverage(of: question, by: passage)))")
        lines.append(style.dim("  term             tf     df      idf    score"))
        for part in retriever.explain(question, passage: passage) {
            let term = part.term.count > 14 ? String(part.term.prefix(13)) + "…" : part.term
            lines.append("  " + term.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + String(format: " %5d %6d %8.3f %8.3f", part.frequency, part.documentFrequency, part.idf, part.score))
        }
        return lines.joined(separator: "\n")
    }

    /// The detector's reading: the level, then each signal with its category, weight, the words
    /// it matched and how it was read.
    private func crisis(_ assessment: CrisisAssessment) -> [String] {
        var heading = "Crisis signals: \(assessment.level.rawValue)"
        if let category = assessment.category { heading += " (\(category.rawValue), about \(assessment.subject.rawValue))" }
        var lines = [heading]
        for signal in assessment.signals {
            let reading: String
            switch signal.reading {
            case .crisis: reading = signal.subject == .someoneElse ? "crisis, about someone else" : "crisis"
            case .mention(let why): reading = "mention: \(why)"
            }
            let words = Sanitizer.clean(signal.words, keepNewlines: false)
            lines.append("  \(signal.category.rawValue) \(String(format: "%.1f", signal.weight)) “\(words)” (\(reading))")
        }
        return lines
    }
}
