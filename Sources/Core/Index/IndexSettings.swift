/// What an index is built with beyond its documents. An index built with other settings is
/// stale: its fingerprint, stored in the header, no longer matches.
public struct IndexSettings: Sendable, Equatable {
    /// How many times a passage's document title and section heading count toward its terms:
    /// titles name what a passage is about, often in the words people ask with. Counting them
    /// several times is BM25F's field weight with one length normalisation. 8 won on MedQuAD's
    /// dev questions (1 gave nDCG@10 0.635, 4 gave 0.723, 8 gave 0.744, 12 gave 0.749 with
    /// more weight on titles than on what passages say); the README has the table.
    public var titleWeight: Int
    public var splitter: PassageSplitter
    /// A Markdown or text file larger than this is skipped with a warning: a document people
    /// write is far smaller, and a log or dump of this size would crowd out what they wrote.
    /// JSONL files hold many documents and have no such limit.
    public var maximumFileBytes: Int
    /// A document cut into more passages than this keeps only its first ones, with a warning.
    public var maximumPassagesPerDocument: Int

    public init(titleWeight: Int = 8, splitter: PassageSplitter = PassageSplitter(),
                maximumFileBytes: Int = 16 << 20, maximumPassagesPerDocument: Int = 10_000) {
        self.titleWeight = titleWeight
        self.splitter = splitter
        self.maximumFileBytes = maximumFileBytes
        self.maximumPassagesPerDocument = maximumPassagesPerDocument
    }

    /// Bump when analysis changes what terms a text yields, so that caches rebuild.
    static let analysisRevision = 3
    /// Bump when a format reads documents differently (2: Markdown through cmark-gfm).
    static let readingRevision = 2

    var fingerprint: UInt64 {
        let description = "analysis \(Self.analysisRevision) reading \(Self.readingRevision) title \(titleWeight) passage \(splitter.minimumWords)-\(splitter.maximumWords) limits \(maximumFileBytes) \(maximumPassagesPerDocument)"
        return Checksum.hash(description)
    }
}
