/// Which segment files make an index, what of them is still live, and what the Knowledge held
/// when it was written: the one file an update replaces (by rename) to change the index.
///
/// Segments are immutable. A file that changes or goes is not rewritten in its segment: its
/// documents are listed as deleted (ranges of document ids, which are contiguous because a
/// segment holds its files in path order) until a merge rewrites the segment without them.
/// So that BM25 sees exactly the live documents, as a fresh build would, the manifest carries
/// the vocabulary of all segments with each term's live document frequency and title flag;
/// with one segment and nothing deleted it carries none and the segment's own is used.
///
///     header (160 bytes)
///       0  magic "KQMANIF\0"      8  version u32      12  segments u32
///      16  XXH3-64 of bytes 160… u64                  24  file length u64
///      32  settings fingerprint u64                   40  Knowledge root (string ref) u64
///      48  sources u32  52 terms u32  56 next segment number u32  60 deleted ranges u32
///      64  6 sections × (offset u64, length u64)
///     names      source paths, terms, the root: UTF-8, referenced as offset | length << 40
///     segments   per segment: number u32, first deleted range u32, deleted ranges u32, 0 u32,
///                then the file's device, inode, size and modification time ns (4 × i64)
///     deleted    per range: first document u32, documents u32
///     sources    per live source file: path ref u64, size u64, modification time ns i64
///     terms      per term of the union vocabulary, in byte order: its string ref
///     termInfo   per term: live document frequency u32, live documents with it in their title u32
struct Manifest {
    struct Segment: Equatable {
        var number: Int
        /// Deleted documents, as ranges of the segment's document ids, ascending.
        var deleted: [Range<Int>]
        /// The file as it was written: device, inode, size and modification time. While the
        /// file is still that one, kq wrote it and it is not hashed again (see `SegmentCache`).
        var identity: [Int64]
    }

    var fingerprint: UInt64
    var root: String
    var segments: [Segment]
    var sources: [SourceFile]
    var nextNumber: Int
    /// The union vocabulary, sorted by bytes, with live document frequencies and title counts;
    /// empty when the single segment's own vocabulary holds.
    var terms: [(term: [UInt8], frequency: UInt32, titleDocuments: UInt32)]

    static let version: UInt32 = 2
    static let magic: [UInt8] = Array("KQMANIF\0".utf8)
    static let headerSize = 160

    /// The file's bytes, checksummed.
    func encoded() -> [UInt8] {
        var names: [UInt8] = []
        func name(_ bytes: some Collection<UInt8>) -> UInt64 {
            let offset = names.count
            let length = min(bytes.count, IndexLayout.maximumStringLength)
            names += bytes.prefix(length)
            return IndexLayout.stringRef(offset: offset, length: length)
        }
        let rootRef = name(Array(root.utf8))
        var segmentWords: [UInt32] = [], rangeWords: [UInt32] = []
        for segment in segments {
            segmentWords += [UInt32(segment.number), UInt32(rangeWords.count / 2), UInt32(segment.deleted.count), 0]
            for value in segment.identity.prefix(4) + Array(repeating: 0, count: max(0, 4 - segment.identity.count)) {
                segmentWords += [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
            }
            for range in segment.deleted { rangeWords += [UInt32(range.lowerBound), UInt32(range.count)] }
        }
        var sourceWords: [UInt64] = []
        for source in sources { sourceWords += [name(Array(source.path.utf8)), UInt64(source.size), UInt64(bitPattern: source.modified)] }
        var termWords: [UInt64] = [], infoWords: [UInt32] = []
        for entry in terms {
            termWords.append(name(entry.term))
            infoWords += [entry.frequency, entry.titleDocuments]
        }
        var body: [UInt8] = []
        var sections: [Range<Int>] = []
        func section(_ bytes: [UInt8]) {
            while (Self.headerSize + body.count) % 8 != 0 { body.append(0) }
            let start = Self.headerSize + body.count
            body += bytes
            sections.append(start..<start + bytes.count)
        }
        section(names)
        section(Self.bytes(segmentWords))
        section(Self.bytes(rangeWords))
        section(Self.bytes(sourceWords))
        section(Self.bytes(termWords))
        section(Self.bytes(infoWords))
        var header = Self.magic
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) } }
        let checksum = Checksum()
        body.withUnsafeBytes { checksum.update($0) }
        put(Self.version); put(UInt32(segments.count)); put(checksum.value); put(UInt64(Self.headerSize + body.count))
        put(fingerprint); put(rootRef)
        put(UInt32(sources.count)); put(UInt32(terms.count)); put(UInt32(nextNumber)); put(UInt32(rangeWords.count / 2))
        for range in sections { put(UInt64(range.lowerBound)); put(UInt64(range.count)) }
        return header + body
    }

    private static func bytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }
}

/// A manifest read in place from its bytes, checked as a segment is: checksum, then every
/// reference against its section.
final class ManifestReader: @unchecked Sendable {
    let fingerprint: UInt64
    private(set) var root = ""
    let segments: [Manifest.Segment]
    let nextNumber: Int
    let sourceCount: Int
    let termCount: Int

    private let storage: IndexStorage
    private let names: UnsafeRawBufferPointer
    private let sourceRecords: UnsafeRawBufferPointer
    private let terms: UnsafeRawBufferPointer
    private let termInfo: UnsafeRawBufferPointer

    init(storage: IndexStorage) throws(IndexError) {
        self.storage = storage
        let bytes = storage.bytes
        guard bytes.prefix(8).elementsEqual(Manifest.magic.prefix(bytes.count)) else { throw .notAnIndex }
        guard bytes.count >= Manifest.headerSize else { throw .truncated }
        func get<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let version = get(8, UInt32.self)
        guard version == Manifest.version else { throw .version(found: version) }
        guard get(24, UInt64.self) == UInt64(bytes.count) else { throw bytes.count < get(24, UInt64.self) ? .truncated : .corrupt("longer than its header says") }
        let checksum = Checksum()
        checksum.update(UnsafeRawBufferPointer(rebasing: bytes[Manifest.headerSize...]))
        guard checksum.value == get(16, UInt64.self) else { throw .checksumMismatch }
        var sections: [UnsafeRawBufferPointer] = []
        for index in 0..<6 {
            let offset = get(64 + 16 * index, UInt64.self), length = get(72 + 16 * index, UInt64.self)
            guard offset >= UInt64(Manifest.headerSize), offset <= UInt64(bytes.count), length <= UInt64(bytes.count) - offset else {
                throw .corrupt("manifest section \(index) lies outside the file")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset + length)]))
        }
        let segmentCount = Int(get(12, UInt32.self)), rangeCount = Int(get(60, UInt32.self))
        sourceCount = Int(get(48, UInt32.self))
        termCount = Int(get(52, UInt32.self))
        guard sections[1].count == 48 * segmentCount, sections[2].count == 8 * rangeCount,
              sections[3].count == 24 * sourceCount, sections[4].count == 8 * termCount, sections[5].count == 8 * termCount else {
            throw .corrupt("manifest sections disagree with its counts")
        }
        names = sections[0]
        sourceRecords = sections[3]
        terms = sections[4]
        termInfo = sections[5]
        fingerprint = get(32, UInt64.self)
        nextNumber = Int(get(56, UInt32.self))
        func word(_ section: UnsafeRawBufferPointer, _ index: Int) -> Int {
            Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
        }
        var segments: [Manifest.Segment] = []
        for index in 0..<segmentCount {
            let first = word(sections[1], 12 * index + 1), count = word(sections[1], 12 * index + 2)
            guard first <= rangeCount, count <= rangeCount - first else { throw .corrupt("segment \(index) names ranges past the end") }
            let ranges = (first..<first + count).map { range in
                word(sections[2], 2 * range)..<word(sections[2], 2 * range) + word(sections[2], 2 * range + 1)
            }
            let identity = (0..<4).map { Int64(bitPattern: UInt64(word(sections[1], 12 * index + 4 + 2 * $0)) | UInt64(word(sections[1], 12 * index + 5 + 2 * $0)) << 32) }
            segments.append(Manifest.Segment(number: word(sections[1], 12 * index), deleted: ranges, identity: identity))
        }
        self.segments = segments
        root = string(get(40, UInt64.self))
    }

    convenience init(path: String) throws {
        try self.init(storage: IndexStorage(mapping: path))
    }

    var sources: [SourceFile] { IndexBytes.sources(sourceRecords, names: names) }

    /// Whether the live sources are exactly `files` (see `IndexBytes.records`).
    func recordsSources(_ files: [SourceFile]) -> Bool { IndexBytes.records(sourceRecords, names: names, match: files) }

    func termBytes(_ id: Int) -> UnsafeRawBufferPointer { IndexBytes.bytes(IndexBytes.u64(terms, id), in: names) }

    func documentFrequency(_ id: Int) -> Int {
        Int(UInt32(littleEndian: termInfo.loadUnaligned(fromByteOffset: 8 * id, as: UInt32.self)))
    }

    func isTitleTerm(_ id: Int) -> Bool {
        UInt32(littleEndian: termInfo.loadUnaligned(fromByteOffset: 8 * id + 4, as: UInt32.self)) > 0
    }

    /// The id of `term` in the union vocabulary, by binary search.
    func termID(_ wanted: UnsafeBufferPointer<UInt8>) -> Int? {
        IndexBytes.position(of: wanted, in: terms, count: termCount, names: names)
    }

    private func string(_ ref: UInt64) -> String { String(decoding: IndexBytes.bytes(ref, in: names), as: UTF8.self) }
}
