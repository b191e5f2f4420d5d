/// The on-disk segment format, version 8. All integers are little-endian, and fixed-width arrays
/// start on 8-byte boundaries so they can be read in place.
///
///     header (264 bytes)
///       0  magic "KQINDEX\0"          8  version u32      12  reserved u32
///      16  XXH3-64 of bytes 264… u64
///      24  file length u64           32  settings fingerprint u64
///      40  documents u32  44 passages u32  48 terms u32  52 source files u32
///      56  total passage length u64  64  Knowledge root (string ref) u64
///      72  12 sections × (offset u64, length u64)
///     text            passage texts and sections, UTF-8, referenced as u64: offset | length << 40
///     names           document ids, titles and paths, terms, source paths, the root: UTF-8,
///                     referenced the same way
///     documents       per document: id, title, path (3 string refs), position in its file u64,
///                     format name (string ref), pages u64 (0: a format without pages)
///     passages        per passage: document, ordinal, length in terms, flags, first and last
///                     page (0 without pages) (6 × u32)
///     passageStrings  per passage: section, text (2 string refs)
///     terms           per term, in byte order: its string ref
///     termInfo        per term: first posting u64, document frequency u32, documents with it
///                     in their title u32
///     postingPassages per posting, grouped by term in term order: passage u32, ascending
///     postingFrequencies  per posting: frequency u16 (saturating)
///     sources         per source file: path ref u64, size u64, modification time ns i64
///     vectorScales    per passage, when the segment has passage vectors: its scale f32
///     vectors         per passage: its sentence vector as i8 × dimension (value = i8 × scale);
///                     both empty in a segment built without the sentence encoder
///
/// Text comes first so that a build can stream it to disk as it reads documents and keep only
/// postings and names in memory. Postings are fixed-width rather than compressed: a
/// searcher can then jump within a long list (see `Searcher`) instead of decoding all of it.
public enum IndexLayout {
    public static let version: UInt32 = 8
    static let magic: [UInt8] = Array("KQINDEX\0".utf8)
    public static let headerSize = 264

    /// Makes a header's length and checksum fields agree with the bytes that follow, as a
    /// build does. Tests and the index fuzzer use it to craft damage the checksum cannot see,
    /// which the reader's own bounds checks must then survive.
    public static func sealHeader(of bytes: inout [UInt8]) {
        guard bytes.count >= headerSize else { return }
        let checksum = Checksum()
        bytes.withUnsafeBytes { checksum.update(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        withUnsafeBytes(of: checksum.value.littleEndian) { bytes.replaceSubrange(16..<24, with: $0) }
        withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { bytes.replaceSubrange(24..<32, with: $0) }
    }

    enum Section: Int, CaseIterable {
        case text, names, documents, passages, passageStrings, terms, termInfo, postingPassages, postingFrequencies, sources,
             vectorScales, vectors
    }

    static let passageHasSection: UInt32 = 1
    /// u64s a document's record holds, u32s a passage's.
    static let documentFields = 6
    static let passageFields = 6

    static func stringRef(offset: Int, length: Int) -> UInt64 {
        UInt64(offset) | UInt64(min(length, maximumStringLength)) << 40
    }

    /// 16 MiB: a passage is at most a few hundred words, and longer ids or titles are cut.
    static let maximumStringLength = (1 << 24) - 1
}

/// The fixed-size start of an index file.
struct IndexHeader: Equatable {
    var version = IndexLayout.version
    var checksum: UInt64 = 0
    var fileLength: UInt64 = 0
    var fingerprint: UInt64 = 0
    var documentCount: UInt32 = 0
    var passageCount: UInt32 = 0
    var termCount: UInt32 = 0
    var sourceCount: UInt32 = 0
    var totalLength: UInt64 = 0
    var root: UInt64 = 0
    var sections = [Range<Int>](repeating: 0..<0, count: IndexLayout.Section.allCases.count)

    func section(_ section: IndexLayout.Section) -> Range<Int> { sections[section.rawValue] }

    func encoded() -> [UInt8] {
        var bytes = IndexLayout.magic
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        put(version); put(UInt32(0)); put(checksum); put(fileLength); put(fingerprint)
        put(documentCount); put(passageCount); put(termCount); put(sourceCount)
        put(totalLength); put(root)
        for range in sections {
            put(UInt64(range.lowerBound)); put(UInt64(range.count))
        }
        return bytes
    }

    /// Reads and checks the header's own consistency; the body is checked by the reader.
    init(decoding bytes: UnsafeRawBufferPointer) throws(IndexError) {
        guard bytes.prefix(8).elementsEqual(IndexLayout.magic.prefix(bytes.count)) else { throw .notAnIndex }
        guard bytes.count >= IndexLayout.headerSize else { throw .truncated }
        func get<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        version = get(8, UInt32.self)
        guard version == IndexLayout.version else { throw .version(found: version) }
        checksum = get(16, UInt64.self)
        fileLength = get(24, UInt64.self)
        fingerprint = get(32, UInt64.self)
        // Sections are checked against the length, so the length must be one the bytes have.
        guard fileLength <= UInt64(bytes.count) else { throw .truncated }
        documentCount = get(40, UInt32.self)
        passageCount = get(44, UInt32.self)
        termCount = get(48, UInt32.self)
        sourceCount = get(52, UInt32.self)
        totalLength = get(56, UInt64.self)
        root = get(64, UInt64.self)
        for section in IndexLayout.Section.allCases {
            let offset = get(72 + 16 * section.rawValue, UInt64.self)
            let length = get(80 + 16 * section.rawValue, UInt64.self)
            guard offset >= UInt64(IndexLayout.headerSize), offset <= fileLength, length <= fileLength - offset else {
                throw .corrupt("section \(section) lies outside the file")
            }
            sections[section.rawValue] = Int(offset)..<Int(offset + length)
        }
    }

    init() {}
}

/// Why an index file cannot be used. Every case leads to a rebuild, never to a crash.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    case notAnIndex
    case version(found: UInt32)
    case truncated
    case checksumMismatch
    case corrupt(String)

    public var description: String {
        switch self {
        case .notAnIndex: "not a kq index"
        case .version(let found): "written by index format \(found), this kq reads \(IndexLayout.version)"
        case .truncated: "truncated"
        case .checksumMismatch: "checksum mismatch (damaged)"
        case .corrupt(let why): "damaged: \(why)"
        }
    }
}
