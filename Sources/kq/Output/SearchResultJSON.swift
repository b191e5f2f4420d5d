import Core

/// `kq search --format json`: an array of ranked passages.
enum SearchResultJSON {
    static func encode(_ hits: [PassageHit]) -> String {
        JSONOutput.encode(hits.enumerated().map { rank, hit in
            PassageJSON(document: hit.document.title, path: hit.document.id, ordinal: hit.passage.ordinal,
                        text: hit.passage.text, score: hit.score, pages: hit.passage.pages, rank: rank + 1, section: hit.passage.section)
        })
    }
}
