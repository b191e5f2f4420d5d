/// The unit kq ranks and cites: a readable stretch of one document, about a paragraph or two.
public struct Passage: Sendable, Equatable {
    /// Index in the Knowledge's passage list.
    public let id: Int
    /// Index of its document in the Knowledge's document list.
    public let document: Int
    /// Position within its document, from 0.
    public let ordinal: Int
    public let section: String?
    /// Its blocks, one a line.
    public let text: String
    /// The pages its blocks are on, for a document with pages (a PDF): what a citation names.
    public let pages: ClosedRange<Int>?

    public init(id: Int, document: Int, ordinal: Int, section: String?, text: String, pages: ClosedRange<Int>? = nil) {
        self.id = id
        self.document = document
        self.ordinal = ordinal
        self.section = section
        self.text = text
        self.pages = pages
    }
}
