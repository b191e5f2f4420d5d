import Core

/// The human form of an answer: the answer itself, then each cited passage as context, with the
/// question's matched words highlighted when styling is on.
struct AnswerText {
    let style: Style
    let retriever: Retriever
    var width = 88

    private var analyzer: Analyzer { retriever.analyzer }

    /// Spelling corrections come first, in the Knowledge's own spelling, so the user knows what
    /// was searched for.
    func render(_ answer: Answer, for question: Question) -> String {
        let terms = Set(answer.matchedTerms)
        var out: [String] = []
        if !question.corrections.isEmpty {
            for correction in question.corrections {
                let typed = Sanitizer.clean(correction.typed, keepNewlines: false)
                let searched = Sanitizer.clean(retriever.surfaceForm(of: correction.replacement), keepNewlines: false)
                out.append(style.dim("“\(typed)” is not in the Knowledge; searched for “\(searched)” instead."))
            }
        }
        out += TextLayout.wrap(Sanitizer.clean(answer.text), width: width)
            .map { highlight($0, terms: terms) }
        guard !answer.citations.isEmpty else { return out.joined(separator: "\n") }
        out.append("")
        out.append(style.bold("Sources"))
        for (number, citation) in answer.citations.enumerated() {
            var heading = Sanitizer.clean(citation.document, keepNewlines: false)
            if let section = citation.section { heading += " › " + Sanitizer.clean(section, keepNewlines: false) }
            out.append("  [\(number + 1)] " + style.accent(heading))
            out.append("      " + style.dim("\(Sanitizer.clean(citation.path, keepNewlines: false)), passage \(citation.passage + 1)"))
            for line in TextLayout.wrap(Sanitizer.clean(citation.text), width: width, indent: "      │ ") {
                out.append(style.dim(highlight(line, terms: terms, restoring: "2")))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Marks the words of `line` whose analysed terms the question matched. `restoring` re-opens
    /// the surrounding style after each mark, since ANSI resets do not nest.
    func highlight(_ line: String, terms: Set<String>, restoring: String? = nil) -> String {
        guard style.enabled, !terms.isEmpty else { return line }
        var result = ""
        var cursor = line.startIndex
        for token in analyzer.tokens(line) where terms.contains(token.term) && token.range.lowerBound >= cursor {
            result += line[cursor..<token.range.lowerBound]
            result += style.highlight(String(line[token.range]))
            if let restoring { result += "\u{1B}[\(restoring)m" }
            cursor = token.range.upperBound
        }
        result += line[cursor...]
        return result
    }
}
