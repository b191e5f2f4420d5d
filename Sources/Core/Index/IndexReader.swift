/// An index as its readers see it: the live documents of its segments (see `Manifest`), with
/// ids counted densely over them in segment order, and collection statistics (passages, average
/// length, document frequencies) that are exactly the live documents', as a fresh build of the
/// same files would have. With one segment and nothing deleted, every call goes straight to it.
public final class IndexReader: @unchecked Sendable {
    public let documentCount: Int
    public let passageCount: Int
    public let termCount: Int
    public let averageLength: Double
    /// Hash of the `IndexSettings` the index was built with.
    public let fingerprint: UInt64
    public let root: String
    let parts: [Part]
    /// What the index was opened from; nil for one segment read alone.
    let manifest: ManifestReader?
    /// The union vocabulary and live statistics; nil when the one segment's own hold.
    private let vocabulary: ManifestReader?

    /// One segment's share of the index.
    struct Part {
        let segment: SegmentReader
        /// The segment's number in the manifest.
        let number: Int
        let documentBase: Int
        let passageBase: Int
        let documentCount: Int
        let passageCount: Int
        /// Deleted documents and their passages, as ascending ranges of the segment's own ids.
        let deletedDocuments: [Range<Int>]
        let deletedPassages: [Range<Int>]

        /// The segment's id of the `dense`-th live one, given the deleted ranges.
        static func local(_ dense: Int, skipping deleted: [Range<Int>]) -> Int {
            var local = dense
            for range in deleted where range.lowerBound <= local { local += range.count }
            return local
        }

        /// The live position of the segment's `local` id, or nil when it is deleted.
        static func dense(_ local: Int, skipping deleted: [Range<Int>]) -> Int? {
            var dense = local
            for range in deleted {
                if range.contains(local) { return nil }
                if range.upperBound <= local { dense -= range.count }
            }
            return dense
        }

    }

    /// One index file read as it is (a segment written alone, or built in memory).
    public convenience init(bytes: [UInt8]) throws(IndexError) {
        self.init(segments: [(try SegmentReader(bytes: bytes), 0, [])], manifest: nil)
    }

    /// Segments in the manifest's order, each with its number and deleted document ranges.
    init(segments: [(reader: SegmentReader, number: Int, deleted: [Range<Int>])], manifest: ManifestReader?) {
        var parts: [Part] = []
        var documents = 0, passages = 0, totalLength = 0
        for (reader, number, deleted) in segments {
            let deletedPassages = deleted.map { reader.passages(ofDocuments: $0) }.filter { !$0.isEmpty }
            let liveDocuments = reader.documentCount - deleted.reduce(0) { $0 + $1.count }
            let livePassages = reader.passageCount - deletedPassages.reduce(0) { $0 + $1.count }
            var length = Int(reader.totalLength)
            for range in deletedPassages { for passage in range { length -= reader.length(ofPassage: passage) } }
            parts.append(Part(segment: reader, number: number, documentBase: documents, passageBase: passages,
                              documentCount: liveDocuments, passageCount: livePassages,
                              deletedDocuments: deleted, deletedPassages: deletedPassages))
            documents += liveDocuments
            passages += livePassages
            totalLength += length
        }
        self.parts = parts
        self.manifest = manifest
        vocabulary = parts.count == 1 && parts[0].deletedDocuments.isEmpty ? nil : manifest
        documentCount = documents
        passageCount = passages
        averageLength = passages == 0 ? 0 : Double(totalLength) / Double(passages)
        termCount = vocabulary?.termCount ?? parts.first?.segment.termCount ?? 0
        fingerprint = manifest?.fingerprint ?? parts.first?.segment.fingerprint ?? 0
        root = manifest?.root ?? parts.first?.segment.root ?? ""
    }

    /// Whether every call can go to the one segment unchanged.
    private var isSingle: Bool { parts.count == 1 && parts[0].deletedDocuments.isEmpty }

    // MARK: Documents and passages

    private func part(ofPassage passage: Int) -> (part: Part, local: Int) {
        let part = parts.last { $0.passageBase <= passage } ?? parts[0]
        return (part, Part.local(passage - part.passageBase, skipping: part.deletedPassages))
    }

    private func part(ofDocument document: Int) -> (part: Part, local: Int) {
        let part = parts.last { $0.documentBase <= document } ?? parts[0]
        return (part, Part.local(document - part.documentBase, skipping: part.deletedDocuments))
    }

    public func document(_ index: Int) -> Document {
        let (part, local) = part(ofDocument: index)
        return part.segment.document(local)
    }

    public func documentIDBytes(_ index: Int) -> UnsafeRawBufferPointer {
        let (part, local) = part(ofDocument: index)
        return part.segment.documentIDBytes(local)
    }

    public func passage(_ index: Int) -> Passage {
        if isSingle { return parts[0].segment.passage(index) }
        let (part, local) = part(ofPassage: index)
        let passage = part.segment.passage(local)
        return Passage(id: index, document: documentOfPassage(index), ordinal: passage.ordinal, section: passage.section, text: passage.text,
                       pages: passage.pages)
    }

    /// A passage's sentence vector, when its segment has vectors.
    public func vector(ofPassage index: Int) -> QuantizedVector? {
        let (part, local) = part(ofPassage: index)
        return part.segment.vector(ofPassage: local)
    }

    public func documentOfPassage(_ index: Int) -> Int {
        if isSingle { return parts[0].segment.documentOfPassage(index) }
        let (part, local) = part(ofPassage: index)
        return part.documentBase + (Part.dense(part.segment.documentOfPassage(local), skipping: part.deletedDocuments) ?? 0)
    }

    public func length(ofPassage index: Int) -> Int {
        let (part, local) = part(ofPassage: index)
        return part.segment.length(ofPassage: local)
    }

    /// The source files the index was built from, as they were then.
    public var sources: [SourceFile] { manifest?.sources ?? parts.first?.segment.sources ?? [] }

    /// Whether the sources recorded are exactly `files` (see `SegmentReader.recordsSources`).
    func recordsSources(_ files: [SourceFile]) -> Bool {
        manifest?.recordsSources(files) ?? parts.first?.segment.recordsSources(files) ?? files.isEmpty
    }

    /// Orders passages of different segments as a one-thread build would number them: by the
    /// path of their file, then by where in it their document starts (threads write the pieces
    /// of one large file to segments of their own), then as the segment holds them. Ties in
    /// score are broken this way, so that a ranking never depends on which segment a document
    /// was written to.
    func precedes(passage first: Int, _ second: Int) -> Bool {
        if isSingle { return first < second }
        let a = part(ofPassage: first), b = part(ofPassage: second)
        if a.part.number == b.part.number { return a.local < b.local }
        return precedes(document: a.part.segment.documentOfPassage(a.local), in: a.part.segment,
                        b.part.segment.documentOfPassage(b.local), in: b.part.segment)
    }

    /// Whether every passage has a sentence vector.
    public var hasVectors: Bool { parts.allSatisfy { $0.segment.vectorDimension > 0 || $0.segment.passageCount == 0 } }

    /// The documents in the order of their files (`precedes(document:_:)`). The index numbers
    /// them segment by segment, which after a build on several threads, or an update, is not
    /// that order; listings use this one.
    public var documentsInFileOrder: [Int] { (0..<documentCount).sorted(by: precedes(document:_:)) }

    /// As `precedes(passage:_:)`, for documents.
    func precedes(document first: Int, _ second: Int) -> Bool {
        if isSingle { return first < second }
        let a = part(ofDocument: first), b = part(ofDocument: second)
        if a.part.number == b.part.number { return a.local < b.local }
        return precedes(document: a.local, in: a.part.segment, b.local, in: b.part.segment)
    }

    private func precedes(document a: Int, in first: SegmentReader, _ b: Int, in second: SegmentReader) -> Bool {
        let path = first.documentPathBytes(a), other = second.documentPathBytes(b)
        return path.elementsEqual(other) ? first.documentPosition(a) < second.documentPosition(b) : path.lexicographicallyPrecedes(other)
    }

    // MARK: Terms

    public func termID(_ term: String) -> Int? {
        guard let vocabulary else { return parts.first?.segment.termID(term) }
        var term = term
        return term.withUTF8 { vocabulary.termID($0) }
    }

    public func term(_ id: Int) -> String { String(decoding: termBytes(id), as: UTF8.self) }

    public func termBytes(_ id: Int) -> UnsafeRawBufferPointer {
        vocabulary?.termBytes(id) ?? parts[0].segment.termBytes(id)
    }

    /// Passages holding the term, live ones only.
    public func documentFrequency(_ id: Int) -> Int {
        vocabulary?.documentFrequency(id) ?? parts[0].segment.documentFrequency(id)
    }

    public func isTitleTerm(_ id: Int) -> Bool {
        vocabulary?.isTitleTerm(id) ?? parts[0].segment.isTitleTerm(id)
    }

    public func documentFrequency(of term: String) -> Int {
        termID(term).map(documentFrequency) ?? 0
    }

    /// The term's live postings, in passage order, with the index's passage ids.
    public func postings(_ id: Int) -> IndexPostings {
        let term = term(id)
        return IndexPostings(parts: parts.compactMap { part in part.segment.termID(term).map { (part, part.segment.postings($0)) } },
                             count: documentFrequency(id))
    }

    /// How often `term` occurs in `passage`.
    public func frequency(of term: String, in passage: Int) -> Int {
        guard passage >= 0, passage < passageCount else { return 0 }
        let (part, local) = part(ofPassage: passage)
        return part.segment.frequency(of: term, in: local)
    }
}

/// One term's live postings across segments, with the index's passage ids.
public struct IndexPostings: Sequence {
    let parts: [(part: IndexReader.Part, postings: Postings)]
    /// How many there are: the term's live document frequency.
    public let count: Int

    public var isEmpty: Bool { count == 0 }

    public func makeIterator() -> Iterator { Iterator(parts: parts) }

    public struct Iterator: IteratorProtocol {
        let parts: [(part: IndexReader.Part, postings: Postings)]
        var part = 0
        var inner: Postings.Iterator?

        public mutating func next() -> Posting? {
            while part < parts.count {
                if inner == nil { inner = parts[part].postings.makeIterator() }
                while let posting = inner!.next() {
                    let owner = parts[part].part
                    guard let dense = IndexReader.Part.dense(Int(posting.passage), skipping: owner.deletedPassages) else { continue }
                    return Posting(passage: Int32(owner.passageBase + dense), frequency: posting.frequency)
                }
                inner = nil
                part += 1
            }
            return nil
        }
    }
}
