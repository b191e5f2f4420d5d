import Core

/// The human form of an answer: crisis resources when the question signals a crisis, any
/// spelling corrections, the answer (a plugin's one line per aspect, each marked with its source
/// number), each cited passage as context with the question's matched words highlighted when
/// styling is on, and for medical answers the reminder that this is not medical advice.
struct AnswerText {
    let style: Style
    /// The Knowledge's analyzer, to find the question's words in quoted text for highlighting.
    let analyzer: Analyzer
    /// Leaves out the not-medical-advice reminder (`--quiet`).
    var quiet = false
    var width = 88

    static let reminder = "kq quotes its Knowledge; this is not medical advice. Ask a clinician about your own care."

    /// Spelling corrections come first, in the Knowledge's own spelling, so the user knows what
    /// was searched for.
    func render(_ answer: Answer) -> String {
        let terms = Set(answer.matchedTerms)
        var out: [String] = []
        if let preface = answer.preface {
            out += TextLayout.wrap(Sanitizer.clean(preface), width: width).map(style.bold)
            out.append("")
        }
        for (typed, searched) in answer.readAs {
            let typed = Sanitizer.clean(typed, keepNewlines: false), searched = Sanitizer.clean(searched, keepNewlines: false)
            out.append(style.dim("“\(typed)” is not in the Knowledge; searched for “\(searched)” instead."))
        }
        if let about = answer.about {
            out.append(style.dim("about: \(Sanitizer.clean(about.joined(separator: " "), keepNewlines: false))"))
        }
        if answer.lines.isEmpty {
            if !answer.text.isEmpty {
                out += TextLayout.wrap(Sanitizer.clean(answer.text), width: width).map { highlight($0, terms: terms) }
            } else if out.last == "" {
                out.removeLast()  // resources alone: nothing follows the blank line after them
            }
        } else {
            for line in answer.lines {
                let marks = line.citations.map { " [\($0 + 1)]" }.joined()
                out += TextLayout.wrap(Sanitizer.clean(line.labelled) + marks, width: width, indent: "  ", firstIndent: "• ")
                    .map { highlight($0, terms: terms) }
            }
        }
        if let postscript = answer.postscript {
            out.append("")
            out += TextLayout.wrap(Sanitizer.clean(postscript), width: width).map(style.dim)
        }
        guard !answer.citations.isEmpty else { return finish(out, answer) }
        out.append("")
        out.append(style.bold("Sources"))
        for (number, citation) in answer.citations.enumerated() {
            var heading = Sanitizer.clean(citation.document, keepNewlines: false)
            if let section = citation.section { heading += " › " + Sanitizer.clean(section, keepNewlines: false) }
            out.append("  [\(number + 1)] " + style.accent(heading))
            out.append("      " + style.dim(PassagePlace.text(path: citation.path, pages: citation.pages, ordinal: citation.passage)))
            for line in TextLayout.wrap(Sanitizer.clean(citation.text), width: width, indent: "      │ ") {
                out.append(style.dim(highlight(line, terms: terms, restoring: "2")))
            }
        }
        return finish(out, answer)
    }

    private func finish(_ lines: [String], _ answer: Answer) -> String {
        guard answer.isMedical, !quiet else { return lines.joined(separator: "\n") }
        return (lines + ["", style.dim(Self.reminder)]).joined(separator: "\n")
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
