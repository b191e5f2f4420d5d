import CVectorMath

/// Read access to one segment file, straight from its bytes: nothing is decoded up front, so
/// opening costs a checksum and a few bounds checks whatever the Knowledge's size. Strings,
/// passages and postings are decoded when asked for. Every offset read from the file is
/// checked against its section, so even a damaged file that passes the checksum cannot make a
/// read go astray.
public final class SegmentReader: @unchecked Sendable {
    public let documentCount: Int
    public let passageCount: Int
    public let termCount: Int
    public let averageLength: Double
    /// Hash of the `IndexSettings` the index was built with.
    public let fingerprint: UInt64

    private let storage: IndexStorage
    private let header: IndexHeader
    private let text: UnsafeRawBufferPointer
    private let names: UnsafeRawBufferPointer
    private let documents: UnsafeRawBufferPointer
    private let passages: UnsafeRawBufferPointer
    private let passageStrings: UnsafeRawBufferPointer
    private let terms: UnsafeRawBufferPointer
    private let termInfo: UnsafeRawBufferPointer
    private let postingPassages: UnsafeBufferPointer<UInt32>
    private let postingFrequencies: UnsafeBufferPointer<UInt16>
    private let sourceRecords: UnsafeRawBufferPointer
    /// The length of a passage vector; 0 when the segment has none.
    public let vectorDimension: Int
    private let vectorScales: UnsafeBufferPointer<Float>
    private let vectorCodes: UnsafeBufferPointer<Int8>

    /// `verified`: the file is known to be the one kq wrote (see `Manifest.Segment.identity`),
    /// so the passes over all of it, checksum and cross-references, are left out.
    init(storage: IndexStorage, verified: Bool = false) throws(IndexError) {
        self.storage = storage
        let bytes = storage.bytes
        let header = try IndexHeader(decoding: bytes)
        self.header = header
        guard UInt64(bytes.count) >= header.fileLength else { throw .truncated }
        guard UInt64(bytes.count) == header.fileLength else { throw .corrupt("longer than its header says") }
        if !verified {
            let checksum = Checksum()
            let chunk = 16 << 20
            for start in stride(from: 0, to: bytes.count, by: chunk) {
                let end = min(start + chunk, bytes.count)
                checksum.update(UnsafeRawBufferPointer(rebasing: bytes[max(start, IndexLayout.headerSize)..<end]))
                storage.release(start..<end)
            }
            guard checksum.value == header.checksum else { throw .checksumMismatch }
        }

        let sections = header.sections
        func section(_ section: IndexLayout.Section, stride: Int, count: UInt32) throws(IndexError) -> UnsafeRawBufferPointer {
            let range = sections[section.rawValue]
            guard stride == 0 || range.count == stride * Int(count) else {
                throw .corrupt("section \(section) holds \(range.count) bytes, not \(stride) × \(count)")
            }
            return UnsafeRawBufferPointer(rebasing: bytes[range])
        }
        text = try section(.text, stride: 0, count: 0)
        names = try section(.names, stride: 0, count: 0)
        documents = try section(.documents, stride: 8 * IndexLayout.documentFields, count: header.documentCount)
        passages = try section(.passages, stride: 4 * IndexLayout.passageFields, count: header.passageCount)
        passageStrings = try section(.passageStrings, stride: 16, count: header.passageCount)
        terms = try section(.terms, stride: 8, count: header.termCount)
        termInfo = try section(.termInfo, stride: 16, count: header.termCount)
        // In place: sections start 8-aligned in memory that is page-aligned (a map) or 8-aligned
        // (a copy), and the format is little-endian like every platform Swift runs on here.
        let passageBytes = try section(.postingPassages, stride: 0, count: 0)
        let frequencyBytes = try section(.postingFrequencies, stride: 0, count: 0)
        guard passageBytes.count % 4 == 0, frequencyBytes.count == passageBytes.count / 2 else {
            throw .corrupt("posting sections disagree")
        }
        guard Int(bitPattern: passageBytes.baseAddress) % 4 == 0, Int(bitPattern: frequencyBytes.baseAddress) % 2 == 0 else {
            throw .corrupt("posting sections are misaligned")
        }
        postingPassages = passageBytes.bindMemory(to: UInt32.self)
        postingFrequencies = frequencyBytes.bindMemory(to: UInt16.self)
        // Ids that point from one record to another are checked once here, so that reading a
        // passage's document, or a posting's passage, can never leave its section: one pass
        // over the postings, as fast as the checksum's.
        // A frequency of 0, or a term in more passages than there are, would give a posting no
        // score, and a searcher counts on every posting scoring above zero.
        sourceRecords = try section(.sources, stride: 24, count: header.sourceCount)
        let scales = try section(.vectorScales, stride: 0, count: 0), codes = try section(.vectors, stride: 0, count: 0)
        if scales.isEmpty && codes.isEmpty {
            vectorDimension = 0
        } else {
            guard header.passageCount > 0, scales.count == 4 * Int(header.passageCount), codes.count % Int(header.passageCount) == 0,
                  Int(bitPattern: scales.baseAddress) % 4 == 0 else {
                throw .corrupt("vector sections disagree with the passages")
            }
            vectorDimension = codes.count / Int(header.passageCount)
        }
        vectorScales = scales.bindMemory(to: Float.self)
        vectorCodes = codes.bindMemory(to: Int8.self)
        documentCount = Int(header.documentCount)
        passageCount = Int(header.passageCount)
        termCount = Int(header.termCount)
        averageLength = passageCount == 0 ? 0 : Double(header.totalLength) / Double(passageCount)
        fingerprint = header.fingerprint
        if verified { return }
        var largest: UInt32 = 0
        for passage in postingPassages { largest = max(largest, passage) }
        guard postingPassages.isEmpty || largest < header.passageCount else {
            throw .corrupt("a posting names passage \(largest) of \(header.passageCount)")
        }
        var smallest = UInt16.max
        for frequency in postingFrequencies { smallest = min(smallest, frequency) }
        guard smallest > 0 else { throw .corrupt("a posting has frequency 0") }
        for id in 0..<Int(header.termCount) {
            let frequency = UInt32(littleEndian: termInfo.loadUnaligned(fromByteOffset: 16 * id + 8, as: UInt32.self))
            guard frequency <= header.passageCount else { throw .corrupt("term \(id) is in more passages than there are") }
        }
        for index in 0..<Int(header.passageCount) {
            let document = UInt32(littleEndian: passages.loadUnaligned(fromByteOffset: 4 * IndexLayout.passageFields * index, as: UInt32.self))
            guard document < header.documentCount else {
                throw .corrupt("passage \(index) names document \(document) of \(header.documentCount)")
            }
        }
    }

    /// Maps and checks the file at `path`.
    public convenience init(path: String, verified: Bool = false) throws {
        try self.init(storage: IndexStorage(mapping: path), verified: verified)
    }

    /// Checks an index held in memory (built in memory, or read some other way).
    public convenience init(bytes: [UInt8]) throws(IndexError) {
        try self.init(storage: IndexStorage(copying: bytes))
    }

    // MARK: Documents and passages

    public var root: String { name(header.root) }

    /// The sum of its passages' lengths in terms.
    var totalLength: UInt64 { header.totalLength }

    /// The passages of a range of documents: a document's passages are contiguous and in
    /// document order, so two binary searches find them.
    func passages(ofDocuments documents: Range<Int>) -> Range<Int> {
        func first(atLeast document: Int) -> Int {
            var low = 0, high = passageCount
            while low < high {
                let mid = (low + high) / 2
                if documentOfPassage(mid) < document { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return first(atLeast: documents.lowerBound)..<first(atLeast: documents.upperBound)
    }

    func passages(ofDocument document: Int) -> Range<Int> { passages(ofDocuments: document..<document + 1) }

    /// Where the document starts in its file (see `Document.position`).
    func documentPosition(_ index: Int) -> UInt64 { documentField(index, 3) }

    /// A document's path as UTF-8 bytes, valid while this reader lives.
    func documentPathBytes(_ index: Int) -> UnsafeRawBufferPointer { bytes(documentField(index, 2), in: names) }

    public func document(_ index: Int) -> Document {
        Document(id: name(documentField(index, 0)), title: name(documentField(index, 1)), path: name(documentField(index, 2)),
                 blocks: [], position: Int(clamping: documentField(index, 3)), format: name(documentField(index, 4)),
                 pages: Int(clamping: documentField(index, 5)))
    }

    /// A document's id alone, as UTF-8 bytes valid while this reader lives: run files list
    /// thousands of ids and need nothing else.
    public func documentIDBytes(_ index: Int) -> UnsafeRawBufferPointer { bytes(documentField(index, 0), in: names) }

    public func passage(_ index: Int) -> Passage {
        let hasSection = passageField(index, 3) & IndexLayout.passageHasSection != 0
        let first = Int(passageField(index, 4)), last = Int(passageField(index, 5))
        return Passage(id: index, document: documentOfPassage(index), ordinal: Int(passageField(index, 1)),
                       section: hasSection ? string(u64(passageStrings, 2 * index), in: text) : nil,
                       text: string(u64(passageStrings, 2 * index + 1), in: text),
                       pages: first > 0 && last >= first ? first...last : nil)
    }

    @inline(__always)
    public func documentOfPassage(_ index: Int) -> Int { Int(passageField(index, 0)) }

    /// A passage's analysed length in terms, title and section terms included.
    @inline(__always)
    public func length(ofPassage index: Int) -> Int { Int(passageField(index, 2)) }

    public var sources: [SourceFile] { IndexBytes.sources(sourceRecords, names: names) }

    /// Whether the sources recorded are exactly `files` (see `IndexBytes.records`).
    func recordsSources(_ files: [SourceFile]) -> Bool { IndexBytes.records(sourceRecords, names: names, match: files) }

    // MARK: Vectors

    /// A passage's sentence vector, when the segment has vectors.
    public func vector(ofPassage index: Int) -> QuantizedVector? {
        guard vectorDimension > 0, index >= 0, index < passageCount else { return nil }
        return QuantizedVector(scale: vectorScales[index],
                               codes: Array(UnsafeBufferPointer(rebasing: vectorCodes[index * vectorDimension..<(index + 1) * vectorDimension])))
    }

    /// `query` · every passage's vector, into `scores` (one a passage).
    func dotProducts(_ query: [Float], into scores: UnsafeMutableBufferPointer<Float>) {
        guard vectorDimension > 0, query.count == vectorDimension, scores.count >= passageCount else { return }
        query.withUnsafeBufferPointer { query in
            kq_scaled_dots_i8(vectorCodes.baseAddress, vectorScales.baseAddress, passageCount, vectorDimension, query.baseAddress, scores.baseAddress)
        }
    }

    // MARK: Terms

    /// The id of `term`, by binary search of the sorted vocabulary; nil when the index lacks it.
    public func termID(_ term: String) -> Int? {
        var term = term
        return term.withUTF8 { IndexBytes.position(of: $0, in: terms, count: termCount, names: names) }
    }

    public func term(_ id: Int) -> String { name(u64(terms, id)) }

    /// The term's UTF-8 bytes, valid while this reader lives: the spelling corrector compares
    /// the whole vocabulary without building a string for each term.
    public func termBytes(_ id: Int) -> UnsafeRawBufferPointer { bytes(u64(terms, id), in: names) }

    public func documentFrequency(_ id: Int) -> Int { Int(u32(termInfo, 4 * id + 2)) }

    public func isTitleTerm(_ id: Int) -> Bool { titleDocuments(id) > 0 }

    /// How many documents have the term in their title.
    func titleDocuments(_ id: Int) -> Int { Int(u32(termInfo, 4 * id + 3)) }

    public func postings(_ id: Int) -> Postings {
        let first = Int(clamping: u64(termInfo, 2 * id))
        let count = documentFrequency(id)
        guard first <= postingPassages.count, count <= postingPassages.count - first else { return Postings() }
        return Postings(passages: UnsafeBufferPointer(rebasing: postingPassages[first..<first + count]),
                        frequencies: UnsafeBufferPointer(rebasing: postingFrequencies[first..<first + count]))
    }

    public func documentFrequency(of term: String) -> Int {
        termID(term).map(documentFrequency) ?? 0
    }

    /// How often `term` occurs in `passage`, by binary search of its postings.
    public func frequency(of term: String, in passage: Int) -> Int {
        guard let id = termID(term), passage >= 0 else { return 0 }
        let list = postings(id)
        let found = list.firstIndex(atLeast: UInt32(clamping: passage), from: 0)
        return found < list.count && Int(list.passages[found]) == passage ? Int(list.frequencies[found]) : 0
    }

    // MARK: Reading

    @inline(__always)
    private func u32(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
    }

    @inline(__always)
    private func documentField(_ index: Int, _ field: Int) -> UInt64 { u64(documents, IndexLayout.documentFields * index + field) }

    @inline(__always)
    private func passageField(_ index: Int, _ field: Int) -> UInt32 { u32(passages, IndexLayout.passageFields * index + field) }

    @inline(__always)
    private func u64(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt64 { IndexBytes.u64(section, index) }

    private func bytes(_ ref: UInt64, in blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer { IndexBytes.bytes(ref, in: blob) }

    private func string(_ ref: UInt64, in blob: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes(ref, in: blob), as: UTF8.self)
    }

    private func name(_ ref: UInt64) -> String { string(ref, in: names) }
}

/// One term's postings: the passages holding it, ascending, and how often each does.
public struct Postings: Sequence {
    public let passages: UnsafeBufferPointer<UInt32>
    public let frequencies: UnsafeBufferPointer<UInt16>

    init(passages: UnsafeBufferPointer<UInt32>, frequencies: UnsafeBufferPointer<UInt16>) {
        self.passages = passages
        self.frequencies = frequencies
    }

    init() {
        self.init(passages: UnsafeBufferPointer(start: nil, count: 0), frequencies: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// The number of postings (the term's document frequency).
    public var count: Int { passages.count }
    public var isEmpty: Bool { passages.isEmpty }

    /// The first position at or after `start` whose passage is at least `passage`: galloping,
    /// then binary search, so stepping through a long list to a few targets skips most of it.
    @inline(__always)
    public func firstIndex(atLeast passage: UInt32, from start: Int) -> Int {
        var low = start, step = 1, high = start
        while high < passages.count, passages[high] < passage {
            low = high + 1
            high += step
            step <<= 1
        }
        high = Swift.min(high, passages.count)
        while low < high {
            let mid = (low + high) >> 1
            if passages[mid] < passage { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public func makeIterator() -> Iterator { Iterator(postings: self) }

    public struct Iterator: IteratorProtocol {
        let postings: Postings
        var index = 0

        public mutating func next() -> Posting? {
            guard index < postings.count else { return nil }
            defer { index += 1 }
            return Posting(passage: Int32(truncatingIfNeeded: postings.passages[index]),
                           frequency: Int32(postings.frequencies[index]))
        }
    }
}
