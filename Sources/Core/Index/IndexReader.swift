/// Read access to one index file, straight from its bytes: nothing is decoded up front, so
/// opening costs a checksum and a few bounds checks whatever the Knowledge's size. Strings,
/// passages and postings are decoded when asked for. Every offset read from the file is
/// checked against its section, so even a damaged file that passes the checksum cannot make a
/// read go astray.
public final class IndexReader: @unchecked Sendable {
    public let documentCount: Int
    public let passageCount: Int
    public let termCount: Int
    public let averageLength: Double
    /// Hash of the `IndexSettings` the index was built with.
    public let fingerprint: UInt64

    private let storage: IndexStorage
    private let header: IndexHeader
    private let strings: UnsafeRawBufferPointer
    private let documents: UnsafeRawBufferPointer
    private let passages: UnsafeRawBufferPointer
    private let passageStrings: UnsafeRawBufferPointer
    private let terms: UnsafeRawBufferPointer
    private let termInfo: UnsafeRawBufferPointer
    private let postingsBytes: UnsafeRawBufferPointer
    private let sourceRecords: UnsafeRawBufferPointer

    init(storage: IndexStorage) throws(IndexError) {
        self.storage = storage
        let bytes = storage.bytes
        let header = try IndexHeader(decoding: bytes)
        self.header = header
        guard UInt64(bytes.count) >= header.fileLength else { throw .truncated }
        guard UInt64(bytes.count) == header.fileLength else { throw .corrupt("longer than its header says") }
        let checksum = Checksum()
        defer { checksum.free() }
        let chunk = 16 << 20
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            let end = min(start + chunk, bytes.count)
            checksum.update(UnsafeRawBufferPointer(rebasing: bytes[max(start, IndexLayout.headerSize)..<end]))
            storage.release(start..<end)
        }
        guard checksum.value == header.checksum else { throw .checksumMismatch }

        let sections = header.sections
        func section(_ section: IndexLayout.Section, stride: Int, count: UInt32) throws(IndexError) -> UnsafeRawBufferPointer {
            let range = sections[section.rawValue]
            guard stride == 0 || range.count == stride * Int(count) else {
                throw .corrupt("section \(section) holds \(range.count) bytes, not \(stride) × \(count)")
            }
            return UnsafeRawBufferPointer(rebasing: bytes[range])
        }
        strings = try section(.strings, stride: 0, count: 0)
        documents = try section(.documents, stride: 24, count: header.documentCount)
        passages = try section(.passages, stride: 16, count: header.passageCount)
        passageStrings = try section(.passageStrings, stride: 16, count: header.passageCount)
        terms = try section(.terms, stride: 8, count: header.termCount)
        termInfo = try section(.termInfo, stride: 16, count: header.termCount)
        postingsBytes = try section(.postings, stride: 0, count: 0)
        sourceRecords = try section(.sources, stride: 24, count: header.sourceCount)
        documentCount = Int(header.documentCount)
        passageCount = Int(header.passageCount)
        termCount = Int(header.termCount)
        averageLength = passageCount == 0 ? 0 : Double(header.totalLength) / Double(passageCount)
        fingerprint = header.fingerprint
    }

    /// Maps and checks the file at `path`.
    public convenience init(path: String) throws {
        try self.init(storage: IndexStorage(mapping: path))
    }

    convenience init(bytes: [UInt8]) throws(IndexError) {
        try self.init(storage: IndexStorage(copying: bytes))
    }

    // MARK: Documents and passages

    public var root: String { string(header.root) }

    public func document(_ index: Int) -> Document {
        Document(id: string(u64(documents, 3 * index)), title: string(u64(documents, 3 * index + 1)),
                 path: string(u64(documents, 3 * index + 2)), blocks: [])
    }

    /// A document's id alone, as UTF-8 bytes valid while this reader lives: run files list
    /// thousands of ids and need nothing else.
    public func documentIDBytes(_ index: Int) -> UnsafeRawBufferPointer { stringBytes(u64(documents, 3 * index)) }

    public func passage(_ index: Int) -> Passage {
        let hasSection = u32(passages, 4 * index + 3) & IndexLayout.passageHasSection != 0
        return Passage(id: index, document: documentOfPassage(index), ordinal: Int(u32(passages, 4 * index + 1)),
                       section: hasSection ? string(u64(passageStrings, 2 * index)) : nil,
                       text: string(u64(passageStrings, 2 * index + 1)))
    }

    @inline(__always)
    public func documentOfPassage(_ index: Int) -> Int { Int(u32(passages, 4 * index)) }

    /// A passage's analysed length in terms, title and section terms included.
    @inline(__always)
    public func length(ofPassage index: Int) -> Int { Int(u32(passages, 4 * index + 2)) }

    public var sources: [SourceFile] {
        (0..<Int(header.sourceCount)).map { index in
            SourceFile(path: string(u64(sourceRecords, 3 * index)), size: Int64(bitPattern: u64(sourceRecords, 3 * index + 1)),
                       modified: Int64(bitPattern: u64(sourceRecords, 3 * index + 2)))
        }
    }

    // MARK: Terms

    /// The id of `term`, by binary search of the sorted vocabulary; nil when the index lacks it.
    public func termID(_ term: String) -> Int? {
        var term = term
        return term.withUTF8 { wanted in
            var low = 0, high = termCount
            while low < high {
                let mid = (low + high) / 2
                let candidate = stringBytes(u64(terms, mid))
                if candidate.lexicographicallyPrecedes(wanted) { low = mid + 1 } else { high = mid }
            }
            return low < termCount && stringBytes(u64(terms, low)).elementsEqual(wanted) ? low : nil
        }
    }

    public func term(_ id: Int) -> String { string(u64(terms, id)) }

    /// The term's UTF-8 bytes, valid while this reader lives: the spelling corrector compares
    /// the whole vocabulary without building a string for each term.
    public func termBytes(_ id: Int) -> UnsafeRawBufferPointer { stringBytes(u64(terms, id)) }

    public func documentFrequency(_ id: Int) -> Int { Int(u32(termInfo, 4 * id + 2)) }

    public func isTitleTerm(_ id: Int) -> Bool { u32(termInfo, 4 * id + 3) & IndexLayout.termInTitle != 0 }

    public func postings(_ id: Int) -> Postings {
        let start = Int(clamping: u64(termInfo, 2 * id))
        let end = id + 1 < termCount ? Int(clamping: u64(termInfo, 2 * (id + 1))) : postingsBytes.count
        guard start <= end, end <= postingsBytes.count else { return Postings(bytes: UnsafeRawBufferPointer(start: nil, count: 0), count: 0) }
        return Postings(bytes: UnsafeRawBufferPointer(rebasing: postingsBytes[start..<end]), count: documentFrequency(id))
    }

    public func documentFrequency(of term: String) -> Int {
        termID(term).map(documentFrequency) ?? 0
    }

    /// How often `term` occurs in `passage`: a walk of its postings, which are short for the
    /// rare terms this is asked about.
    public func frequency(of term: String, in passage: Int) -> Int {
        guard let id = termID(term) else { return 0 }
        for posting in postings(id) {
            if Int(posting.passage) == passage { return Int(posting.frequency) }
            if Int(posting.passage) > passage { break }
        }
        return 0
    }

    // MARK: Reading

    @inline(__always)
    private func u32(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt32 {
        UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
    }

    @inline(__always)
    private func u64(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
        UInt64(littleEndian: section.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
    }

    private func stringBytes(_ ref: UInt64) -> UnsafeRawBufferPointer {
        let offset = Int(ref & (1 << 40 - 1)), length = Int(ref >> 40)
        guard offset <= strings.count, length <= strings.count - offset else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: strings[offset..<offset + length])
    }

    private func string(_ ref: UInt64) -> String {
        String(decoding: stringBytes(ref), as: UTF8.self)
    }
}

/// One term's postings in passage order, decoded as they are read.
public struct Postings: Sequence {
    let bytes: UnsafeRawBufferPointer
    /// The number of postings (the term's document frequency).
    public let count: Int

    public var isEmpty: Bool { count == 0 }

    public func makeIterator() -> Iterator { Iterator(bytes: bytes) }

    public struct Iterator: IteratorProtocol {
        let bytes: UnsafeRawBufferPointer
        var offset = 0
        var passage = -1

        @inline(__always)
        public mutating func next() -> Posting? {
            guard offset < bytes.count, let gap = VarInt.read(bytes, at: &offset),
                  let frequency = VarInt.read(bytes, at: &offset) else { return nil }
            passage += Int(gap)
            return Posting(passage: Int32(truncatingIfNeeded: passage), frequency: Int32(truncatingIfNeeded: frequency))
        }
    }
}
