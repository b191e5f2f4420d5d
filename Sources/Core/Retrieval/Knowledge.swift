import Foundation

/// The documents kq answers from, cut into passages, as one index holds them: read from a
/// cached index file (see `IndexCache`) or built in memory.
public struct Knowledge: Sendable {
    public let root: URL
    public let index: IndexReader

    public init(root: URL, index: IndexReader) {
        self.root = root
        self.index = index
    }

    /// Indexes `documents` in memory; `sources` are the files they were read from, so that
    /// a session can tell when they change. With an `encoder`, passages get their vectors.
    public init(root: URL, documents: [Document], analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                sources: [SourceFile] = [], encoder: SentenceEncoder? = nil) throws {
        let sink = IndexSink()
        let writer = IndexWriter(analyzer: analyzer, settings: settings, sink: sink, root: root.standardizedFileURL.path, encoder: encoder)
        for document in documents { try writer.add(document) }
        let bytes = try writer.finish(sources: sources).bytes!
        self.init(root: root, index: try IndexReader(bytes: bytes))
    }

    /// Reads and indexes the Knowledge at `root` in memory, without the cache.
    public static func load(from root: URL, analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                            loader: KnowledgeLoader = KnowledgeLoader(), encoder: SentenceEncoder? = nil,
                            warn: (String) -> Void = { _ in }) throws -> Knowledge {
        let loader = loader.limited(by: settings)
        let files = try loader.files(in: root)
        var documents: [Document] = []
        try loader.forEachDocument(in: files, root: root, warn: warn) { documents.append($0) }
        return try Knowledge(root: root, documents: documents, analyzer: analyzer, settings: settings, sources: files.map(\.file),
                             encoder: encoder)
    }

    public var documents: Documents { Documents(index: index) }
    public var passages: Passages { Passages(index: index) }

    public func document(of passage: Passage) -> Document {
        index.document(passage.document)
    }

    /// A document's passages, in order: they are contiguous, and found by binary search.
    public func passages(ofDocument document: Int) -> Range<Int> {
        func first(atLeast document: Int) -> Int {
            var low = 0, high = index.passageCount
            while low < high {
                let middle = (low + high) / 2
                if index.documentOfPassage(middle) < document { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return first(atLeast: document)..<first(atLeast: document + 1)
    }

    /// The document whose id is `id`: ids are compared as the index stores them, so that no
    /// other document is decoded.
    public func document(withID id: some StringProtocol) -> Int? {
        (0..<index.documentCount).first { index.documentIDBytes($0).elementsEqual(id.utf8) }
    }

    /// The documents, decoded from the index when read.
    public struct Documents: RandomAccessCollection {
        let index: IndexReader
        public var startIndex: Int { 0 }
        public var endIndex: Int { index.documentCount }
        public subscript(position: Int) -> Document { index.document(position) }
    }

    /// The passages, decoded from the index when read.
    public struct Passages: RandomAccessCollection {
        let index: IndexReader
        public var startIndex: Int { 0 }
        public var endIndex: Int { index.passageCount }
        public subscript(position: Int) -> Passage { index.passage(position) }
    }
}
