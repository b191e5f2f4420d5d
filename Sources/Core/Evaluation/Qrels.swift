import Foundation

/// Relevance judgements in BEIR's TSV form: `query-id  corpus-id  score`, with a header line.
public struct Qrels: Sendable, Equatable {
    /// Query id → document id → grade (0 = judged not relevant).
    public let judgements: [String: [String: Int]]

    public init(judgements: [String: [String: Int]]) {
        self.judgements = judgements
    }

    public static func load(_ url: URL) throws -> Qrels {
        let text = String(decoding: try QueryFile.contents(of: url), as: UTF8.self)
        var judgements: [String: [String: Int]] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if number == 0 && fields.first == "query-id" { continue }
            if fields.count == 1 && fields[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard fields.count >= 3, let grade = Int(fields[2].trimmingCharacters(in: .whitespaces)) else {
                throw QueryFile.Failure(description: "\(url.path):\(number + 1): not query-id, corpus-id and score separated by tabs")
            }
            judgements[fields[0], default: [:]][fields[1]] = grade
        }
        return Qrels(judgements: judgements)
    }
}
