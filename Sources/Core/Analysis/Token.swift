/// A term produced by analysis, with where it stood in the source text so that answers can
/// highlight the words that matched.
public struct Token: Equatable, Sendable {
    public var term: String
    /// Ordinal of the word in the text; a catenated compound shares its first part's position.
    public var position: Int
    public var range: Range<String.Index>
    /// A hyphenated compound's parts run together (`twiceweekly`), emitted beside the parts.
    public var catenated: Bool

    public init(term: String, position: Int, range: Range<String.Index>, catenated: Bool = false) {
        self.term = term
        self.position = position
        self.range = range
        self.catenated = catenated
    }
}
