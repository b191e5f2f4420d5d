import Core
import Foundation

/// `:explain`: how the question was read (its terms, what it asked for, its subjects), who
/// answered and how sure each answerer was, then the first cited passage's score taken apart
/// term by term (BM25: tf in the passage, df in the index, idf, contribution). It renders the
/// answer's own `Explanation`: the passage explained is the one the answer cites.
struct ExplainText {
    let style: Style

    func render(_ outcome: Router.Outcome) -> String {
        let why = outcome.answer.explanation
        func words(_ list: [String]) -> String { list.isEmpty ? "(none)" : Sanitizer.clean(list.joined(separator: ", "), keepNewlines: false) }
        var lines: [String] = []
        lines.append("Question terms: " + (why.terms.isEmpty ? "(none)" : why.terms.joined(separator: " ")))
        lines.append("Asked for: \(words(why.asked)); subjects: \(words(why.subjects))" + (why.missing.isEmpty ? "" : "; not in the Knowledge: \(words(why.missing))"))
        lines.append("Answered by: \(style.bold(outcome.answer.answeredBy)), confidence \(String(format: "%.2f", outcome.answer.confidence))")
        for candidate in outcome.candidates {
            lines.append("  plugin \(candidate.name): confidence \(String(format: "%.2f", candidate.confidence))")
        }
        lines += crisis(outcome.answer.crisis)
        guard let passage = why.passage else {
            lines.append("No passage is cited.")
            return lines.joined(separator: "\n")
        }
        let score = passage.parts.reduce(0) { $0 + $1.score }
        lines.append("Cited passage: \(Sanitizer.clean(passage.document, keepNewlines: false)), passage \(passage.ordinal + 1)"
                     + (passage.section.map { " (\(Sanitizer.clean($0, keepNewlines: false)))" } ?? "")
                     + ", BM25 of the question's terms \(String(format: "%.3f", score)), length \(passage.length) terms (average \(String(format: "%.1f", passage.averageLength)))")
        lines.append("Coverage of the question's weight by the passage, its heading and title: \(String(format: "%.2f", passage.coverage))")
        if let ranks = passage.ranks {
            func rank(_ value: Int?) -> String { value.map { "\($0)" } ?? "below \(Retriever.fusionDepth)" }
            lines.append("Retrieval: lexical rank \(rank(ranks.lexical)), dense rank \(rank(ranks.dense)), fused score \(String(format: "%.4f", ranks.fused)) (reciprocal ranks, k = \(Int(Fusion.k)))")
        }
        lines.append(style.dim("  term             tf     df      idf    score"))
        for part in passage.parts {
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
