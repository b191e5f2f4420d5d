/// What an index is built with beyond its documents. An index built with other settings is
/// stale: its fingerprint, stored in the header, no longer matches.
public struct IndexSettings: Sendable, Equatable {
    /// How many times a passage's document title and section heading count toward its terms:
    /// titles name what a passage is about, often in the words people ask with.
    public var titleWeight: Int
    public var splitter: PassageSplitter

    public init(titleWeight: Int = 1, splitter: PassageSplitter = PassageSplitter()) {
        self.titleWeight = titleWeight
        self.splitter = splitter
    }

    /// Bump when analysis changes what terms a text yields, so that caches rebuild.
    static let analysisRevision = 1

    var fingerprint: UInt64 {
        let description = "analysis \(Self.analysisRevision) title \(titleWeight) passage \(splitter.minimumWords)-\(splitter.maximumWords)"
        return Checksum.hash(description)
    }
}
