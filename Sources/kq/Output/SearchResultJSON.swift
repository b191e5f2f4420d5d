import Core

/// `kq search --format json`: an array of ranked passages, each a `PassageJSON` with its rank
/// and section.
struct SearchResultJSON: Encodable {
    let rank: Int
    let section: String?
    let passage: PassageJSON

    func encode(to encoder: any Encoder) throws {
        try passage.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(rank, forKey: .rank)
        try container.encodeIfPresent(section, forKey: .section)
    }

    private enum Keys: String, CodingKey { case rank, section }

    static func encode(_ hits: [PassageHit]) -> String {
        JSONOutput.encode(hits.enumerated().map { rank, hit in
            SearchResultJSON(rank: rank + 1, section: hit.passage.section,
                             passage: PassageJSON(document: hit.document.title, path: hit.document.id,
                                                  ordinal: hit.passage.ordinal, text: hit.passage.text, score: hit.score))
        })
    }
}
