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
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            number += 1
            if let document = Self.document(Data(line), number: number, path: path, decoder: decoder) {
                documents.append(document)
            }
        }
        return documents
    }

    /// Reads the file in chunks, a line at a time: a corpus of hundreds of megabytes streams
    /// through a few megabytes of memory.
    public func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, _ body: (Document) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let decoder = JSONDecoder()
        var pending = Data()
        var number = 0
        func emit(_ line: Data) throws {
            guard !line.isEmpty else { return }
            number += 1
            if let document = Self.document(line, number: number, path: path, decoder: decoder) { try body(document) }
        }
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending = Data(pending[start...])
            progress(chunk.count)
        }
        try emit(pending)
    }

    private static func document(_ line: Data, number: Int, path: String, decoder: JSONDecoder) -> Document? {
        guard let parsed = try? decoder.decode(Line.self, from: line), let body = parsed.text else { return nil }
        let id = parsed._id ?? "\(path)#\(number)"
        let blocks = paragraphs(body).map { Block(section: nil, text: $0) }
        let title = parsed.title.flatMap { $0.isEmpty ? nil : $0 } ?? id
        return Document(id: id, title: title, path: path, blocks: blocks)
    }

    static func paragraphs(_ text: String) -> [String] {
        if !text.utf8.contains(UInt8(ascii: "\n")) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? [] : [trimmed]
        }
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
