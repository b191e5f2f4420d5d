/// A source document as read from the Knowledge, before it is cut into passages.
public struct Document: Sendable, Equatable {
    /// Stable identifier: the JSONL `_id`, else the path relative to the Knowledge root.
    public var id: String
    public var title: String
    /// The file it came from, relative to the Knowledge root.
    public var path: String
    /// Paragraphs and list items in reading order, each under its section heading.
    public var blocks: [Block]
    /// Where in its file it starts, in bytes (0 for a file of one document): with the path, the
    /// order a fresh build reads documents in, which segments keep whichever thread wrote them.
    public var position: Int
    /// The name of the `DocumentFormat` that read it ("markdown", "pdf", …).
    public var format: String
    /// How many pages it has: 0 for a format without pages.
    public var pages: Int

    public init(id: String, title: String, path: String, blocks: [Block], position: Int = 0, format: String = "", pages: Int = 0) {
        self.id = id
        self.title = title
        self.path = path
        self.blocks = blocks
        self.position = position
        self.format = format
        self.pages = pages
    }
}

/// One paragraph or list item of a document.
public struct Block: Sendable, Equatable {
    public var section: String?
    public var text: String
    /// The page it starts on, from 1; 0 in a format without pages.
    public var page: Int
    /// The page it ends on: a paragraph can run on past a page break.
    public var lastPage: Int

    public init(section: String?, text: String, page: Int = 0, lastPage: Int? = nil) {
        self.section = section
        self.text = text
        self.page = page
        self.lastPage = max(page, lastPage ?? page)
    }
}
