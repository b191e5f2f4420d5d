/// One passage that holds a term, and how often. Postings lists are sorted by passage.
public struct Posting: Sendable, Equatable {
    public var passage: Int32
    public var frequency: Int32

    public init(passage: Int32, frequency: Int32) {
        self.passage = passage
        self.frequency = frequency
    }
}
