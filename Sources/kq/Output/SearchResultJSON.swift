import Core
import Foundation

/// `kq search --format json`: an array of ranked passages.
enum SearchResultJSON {
    struct Result: Encodable {
        let rank: Int
        let score: Double
        let document: String
        let path: String
        let passage: Int
        let section: String?
        let text: String
    }

    static func encode(_ hits: [PassageHit]) -> String {
        let results = hits.enumerated().map { rank, hit in
            Result(rank: rank + 1, score: (hit.score * 10000).rounded() / 10000, document: hit.document.title,
                   path: hit.document.id, passage: hit.passage.ordinal + 1, section: hit.passage.section, text: hit.passage.text)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(results)) ?? Data("[]".utf8), as: UTF8.self)
    }
}
