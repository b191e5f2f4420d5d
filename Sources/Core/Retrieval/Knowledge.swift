import Foundation

/// The documents kq answers from, cut into passages.
public struct Knowledge: Sendable {
    public let root: URL
    public let documents: [Document]
    public let passages: [Passage]

    public init(root: URL, documents: [Document], splitter: PassageSplitter = PassageSplitter()) {
        self.root = root
        self.documents = documents
        var passages: [Passage] = []
        for (index, document) in documents.enumerated() {
            passages += splitter.passages(of: document, documentIndex: index, firstID: passages.count)
        }
        self.passages = passages
    }

    public static func load(from root: URL, loader: KnowledgeLoader = KnowledgeLoader(),
                            splitter: PassageSplitter = PassageSplitter()) throws -> Knowledge {
        Knowledge(root: root, documents: try loader.load(root), splitter: splitter)
    }

    public func document(of passage: Passage) -> Document {
        documents[passage.document]
    }
}
