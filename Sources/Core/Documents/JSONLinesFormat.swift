import Foundation

/// BEIR's corpus format: one JSON object a line with `_id`, `title` and `text`. Blank lines in
/// `text` separate paragraphs. A line that is not such an object is skipped and counted, so one
/// bad line does not cost the rest of the file.
public struct JSONLinesFormat: TextFormat {
    public let name = "jsonl"
    public let extensions: Set<String> = ["jsonl"]
    public var holdsManyDocuments: Bool { true }

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
    public func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, warn: (String) -> Void,
                                _ body: (Document) throws -> Void) throws {
        try forEachDocument(at: url, path: path, in: FilePiece(bytes: 0..<Int.max, linesBefore: 0), progress: progress, warn: warn, body)
    }

    /// Cuts the file at line starts; pieces after the first know how many lines came before.
    public func pieces(of url: URL, size: Int, count: Int) throws -> [FilePiece]? {
        guard count > 1, size > 0 else { return [FilePiece(bytes: 0..<size, linesBefore: 0)] }
        let storage = try IndexStorage(mapping: url.path)
        return { (bytes: UnsafeRawBufferPointer) -> [FilePiece] in
            var pieces: [FilePiece] = []
            var start = 0, lines = 0, lineStart = 0, linesAtStart = 0
            var next = bytes.count / count
            var offset = 0, released = 0
            while offset < bytes.count, let found = memchr(bytes.baseAddress! + offset, 0x0A, bytes.count - offset) {
                let newline = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                // Pages read are let go as the scan passes them: counting the lines of a
                // 240 MB file must not hold 240 MB.
                if newline - released >= 16 << 20 {
                    let end = newline & ~(4095)
                    storage.release(released..<end)
                    released = end
                }
                if newline > lineStart { lines += 1 }
                lineStart = newline + 1
                offset = newline + 1
                if lineStart >= next, pieces.count < count - 1, lineStart < bytes.count {
                    pieces.append(FilePiece(bytes: start..<lineStart, linesBefore: linesAtStart))
                    start = lineStart
                    linesAtStart = lines
                    next = start + (bytes.count - start) / (count - pieces.count)
                }
            }
            pieces.append(FilePiece(bytes: start..<bytes.count, linesBefore: linesAtStart))
            return pieces
        }(storage.bytes)
    }

    /// Reads the documents of one piece of the file; each one's position is its line's offset.
    public func forEachDocument(at url: URL, path: String, in piece: FilePiece, progress: (Int) -> Void,
                                warn: (String) -> Void, _ body: (Document) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        if piece.bytes.lowerBound > 0 { try handle.seek(toOffset: UInt64(piece.bytes.lowerBound)) }
        let decoder = JSONDecoder()
        var pending = Data()
        var pendingStart = piece.bytes.lowerBound
        var left = piece.bytes.count
        var number = piece.linesBefore
        var skipped: (count: Int, first: Int) = (0, 0)
        func emit(_ line: Data, at position: Int) throws {
            guard !line.isEmpty else { return }
            number += 1
            if var document = Self.document(line, number: number, path: path, decoder: decoder) {
                document.position = position
                try body(document)
            } else if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                if skipped.count == 0 { skipped.first = number }
                skipped.count += 1
            }
        }
        while left > 0, let chunk = try handle.read(upToCount: min(4 << 20, left)), !chunk.isEmpty {
            left -= chunk.count
            pending.append(chunk)
            // Lines are slices of `pending`, not copies: a document a hundred megabytes long
            // is then held once here, not twice.
            var lines: [Range<Int>] = []
            let consumed = pending.withUnsafeBytes { bytes -> Int in
                var start = 0
                while start < bytes.count,
                      let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                    let newline = bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
                    lines.append(start..<newline)
                    start = newline + 1
                }
                return start
            }
            let base = pending.startIndex
            for line in lines { try emit(pending[(base + line.lowerBound)..<(base + line.upperBound)], at: pendingStart + line.lowerBound) }
            pending = Data(pending.dropFirst(consumed))
            pendingStart += consumed
            progress(chunk.count)
        }
        try emit(pending, at: pendingStart)
        if skipped.count > 0 {
            warn("kq: \(path): skipped \(skipped.count) of \(number) lines, not a JSON object with \"text\" (the first is line \(skipped.first))")
        }
    }

    private static func document(_ line: Data, number: Int, path: String, decoder: JSONDecoder) -> Document? {
        // Most lines are read by FlatJSONObject; the others by JSONDecoder, which rejects
        // invalid UTF-8 outright: such a line is decoded with replacement characters instead,
        // as Markdown and text files are, and tried again.
        let flat = line.withUnsafeBytes(FlatJSONObject.strings)
        let parsed = flat.map { Line(_id: $0["_id"], title: $0["title"], text: $0["text"]) }
            ?? (try? decoder.decode(Line.self, from: line))
            ?? (try? decoder.decode(Line.self, from: Data(String(decoding: line, as: UTF8.self).utf8)))
        guard let parsed, let body = parsed.text else { return nil }
        let id = parsed._id ?? "\(path)#\(number)"
        let blocks = paragraphs(body).map { Block(section: nil, text: $0) }
        let title = parsed.title.flatMap { $0.isEmpty ? nil : $0 } ?? id
        return Document(id: id, title: title, path: path, blocks: blocks)
    }

    /// Lines separated by blank lines make paragraphs; the lines of one paragraph join with a
    /// space. Split on the newline byte, which never occurs inside a multi-byte character.
    static func paragraphs(_ text: String) -> [String] {
        var result: [String] = []
        var current: [Substring] = []
        var newlines: [Int] = []
        var text = text
        let count = text.withUTF8 { bytes -> Int in
            var start = 0
            while start < bytes.count, let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) {
                let offset = UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer(found))
                newlines.append(offset)
                start = offset + 1
            }
            return bytes.count
        }
        // One line is one paragraph, kept as it is rather than copied.
        if newlines.isEmpty {
            let trimmed = text[...].trimmingSpaces()
            return trimmed.isEmpty ? [] : [trimmed.utf8.count == count ? text : String(trimmed)]
        }
        let utf8 = text.utf8
        var start = 0
        for end in newlines + [count] {
            let line = text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)]
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty {
                if !current.isEmpty { result.append(current.joined(separator: " ")) }
                current.removeAll()
            } else {
                current.append(trimmed)
            }
            start = end + 1
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}
