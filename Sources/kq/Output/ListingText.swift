import Core

/// Text listings for `sources`, `plugins` and `search`.
struct SourcesText {
    let style: Style

    func render(_ knowledge: Knowledge) -> String {
        var lines = knowledge.index.documentsInFileOrder.map { index in
            let document = knowledge.documents[index]
            let title = Sanitizer.clean(document.title, keepNewlines: false)
            let id = Sanitizer.clean(document.id, keepNewlines: false)
            var format = Sanitizer.clean(document.format, keepNewlines: false)
            if document.pages > 0 { format += document.pages == 1 ? ", 1 page" : ", \(document.pages) pages" }
            return "\(style.accent(title))\n    \(style.dim("\(id) · \(format) · \(knowledge.passages(ofDocument: index).count) passages"))"
        }
        lines.append(style.dim("\(knowledge.documents.count) documents, \(knowledge.passages.count) passages from \(Sanitizer.clean(knowledge.root.path))"))
        return lines.joined(separator: "\n")
    }
}

struct AnswerersText {
    let style: Style

    /// `files`: where each answerer declared in a file was read from.
    func render(_ answerers: [any Answerer], files: [String: String] = [:]) -> String {
        answerers.map { answerer in
            var lines = ["\(style.bold(answerer.name)) — \(Sanitizer.clean(answerer.summary, keepNewlines: false))"]
            lines += answerer.examples.map { "    e.g. \(Sanitizer.clean($0, keepNewlines: false))" }
            if let file = files[answerer.name] { lines.append(style.dim("    from \(Sanitizer.clean(file, keepNewlines: false))")) }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

struct SearchResultText {
    let style: Style

    func render(_ hits: [PassageHit]) -> String {
        guard !hits.isEmpty else { return "No passage matches." }
        return hits.enumerated().map { rank, hit in
            var heading = Sanitizer.clean(hit.document.title, keepNewlines: false)
            if let section = hit.passage.section { heading += " › " + Sanitizer.clean(section, keepNewlines: false) }
            let words = Sanitizer.clean(hit.passage.text, keepNewlines: false).split(separator: " ")
            let snippet = words.prefix(40).joined(separator: " ") + (words.count > 40 ? " …" : "")
            return """
            \(rank + 1). \(style.accent(heading))  \(style.dim(String(format: "%.3f", hit.score)))
                \(style.dim(PassagePlace.text(path: hit.document.id, pages: hit.passage.pages, ordinal: hit.passage.ordinal)))
            \(TextLayout.wrap(snippet, width: 88, indent: "    ").joined(separator: "\n"))
            """
        }.joined(separator: "\n")
    }
}
