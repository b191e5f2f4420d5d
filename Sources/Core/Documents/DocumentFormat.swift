import Foundation

/// A file format kq can read documents from. New formats register in `KnowledgeLoader.formats`.
public protocol DocumentFormat: Sendable {
    /// What the index records as each document's format ("markdown", "pdf", …).
    var name: String { get }
    /// Lowercased file extensions, without the dot.
    var extensions: Set<String> { get }
    /// Whether one file holds many documents (a corpus), so that its size says nothing about
    /// any one document's and `IndexSettings.maximumFileBytes` does not apply to it.
    var holdsManyDocuments: Bool { get }
    /// Reads the file at `url` and hands over its documents one at a time, reporting bytes read
    /// as it goes. Formats that hold many documents a file stream them, so that indexing a large
    /// corpus never holds all of it in memory. What of a file that is read is nonetheless
    /// left out (a JSONL line that is no document) is told to `warn`, once a file.
    func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, warn: (String) -> Void,
                         _ body: (Document) throws -> Void) throws
    /// The file cut into `count` pieces of about equal size that can be read apart (by threads
    /// of one build), or nil when the format cannot cut its files.
    func pieces(of url: URL, size: Int, count: Int) throws -> [FilePiece]?
    /// Reads the documents of one of the file's `pieces`.
    func forEachDocument(at url: URL, path: String, in piece: FilePiece, progress: (Int) -> Void, warn: (String) -> Void,
                         _ body: (Document) throws -> Void) throws
}

/// A stretch of a file that starts and ends where a document does, and how many lines (not
/// blank) come before it, so that documents named by line number are named alike whichever
/// piece reads them.
public struct FilePiece: Sendable, Equatable {
    public var bytes: Range<Int>
    public var linesBefore: Int
}

extension DocumentFormat {
    public var holdsManyDocuments: Bool { false }

    public func pieces(of url: URL, size: Int, count: Int) throws -> [FilePiece]? { nil }

    /// A format that cannot cut its files is only ever given the whole file.
    public func forEachDocument(at url: URL, path: String, in piece: FilePiece, progress: (Int) -> Void,
                                warn: (String) -> Void, _ body: (Document) throws -> Void) throws {
        try forEachDocument(at: url, path: path, progress: progress, warn: warn, body)
    }

}

/// A format whose files are text, read whole: a NUL byte in one means it is not what its name
/// says, and `--max-file-size` applies to it. (A PDF is binary.)
public protocol TextFormat: DocumentFormat {
    /// Documents in a file's text; `path` is relative to the Knowledge root.
    func documents(in text: String, path: String) throws -> [Document]
}

extension TextFormat {
    public func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, warn: (String) -> Void,
                                _ body: (Document) throws -> Void) throws {
        let data = try Data(contentsOf: url)
        // Escape sequences go before parsing, while they are still whole: Markdown would read
        // the `[` of `ESC [ 2 J` as the start of a link.
        let text = ControlCharacters.stripped(String(decoding: data, as: UTF8.self))
        for document in try documents(in: text, path: path) { try body(document) }
        progress(data.count)
    }
}

extension DocumentFormat {
    /// A file's name without its extension: the title of a document that gives none.
    static func fallbackTitle(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
