import Foundation

/// BEIR's corpus format: one JSON object a line with `_id`, `title` and `text`. Blank lines in
/// `text` separate paragraphs. A line that is not such an object is skipped and counted, so one
/// bad line does not cost the rest of the file.
public struct JSONLinesFormat: DocumentFormat {
    public let extensions: Set<String> = ["jsonl"]

    public init() {}

    private struct Line: Decodable {
        var _id: String?
        var title: String?
        var text: String?
    }

    public func documents(in text: String, path: String) throws -> [Document] {
        let decoder = JSONDecoder()
        var documents: [Document] = []
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            number += 1
            guard let parsed = try? decoder.decode(Line.self, from: Data(line.utf8)),
                  let body = parsed.text else { continue }
            let id = parsed._id ?? "\(path)#\(number)"
            let blocks = Self.paragraphs(body).map { Block(section: nil, text: $0) }
            let title = parsed.title.flatMap { $0.isEmpty ? nil : $0 } ?? id
            documents.append(Document(id: id, title: title, path: path, blocks: blocks))
        }
        return documents
    }

    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current.removeAll()
            } else {
                current.append(Substring(trimmed))
            }
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}
