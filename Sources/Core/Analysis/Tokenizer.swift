/// Splits text into word tokens on Unicode letter and digit boundaries.
///
/// Deliberate choices, each tested:
/// - Apostrophes inside words stay (`you’re`, `patient's`) so stopwords and the stemmer see them.
/// - `.` and `,` between digits stay (`0.5`, `17,908`); the comma is dropped so both spellings
///   of a number index alike. A number and its scale word (`4 million`) stay two tokens, so the
///   query `4 million` matches them as written.
/// - Hyphenated words emit their parts (`twice-weekly` → `twice`, `weekly`) so either word
///   matches on its own, and, when every part is alphabetic, the parts run together as well
///   (`twiceweekly`), like Lucene's word-delimiter filter with catenated words, so that
///   `sideeffects` and `side-effects` meet.
///
/// It reads UTF-8 bytes: ASCII, nearly all of most corpora, is classified by table, and only
/// other scalars consult Unicode properties. Indexing spends most of its time here.
public struct StandardTokenizer: Sendable {
    public init() {}

    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        let utf8 = text.utf8
        forEachWord(in: text) { word in
            let range = utf8.index(utf8.startIndex, offsetBy: word.start)..<utf8.index(utf8.startIndex, offsetBy: word.end)
            tokens.append(Token(term: String(decoding: word.bytes, as: UTF8.self), position: word.position,
                                range: range, catenated: word.catenated))
        }
        return tokens
    }

    /// One word as the scanner finds it: its bytes as indexed (`’` written `'`, digit commas
    /// dropped), where it stands in the text's UTF-8, and its ordinal.
    public struct Word {
        public let bytes: UnsafeBufferPointer<UInt8>
        public let start: Int
        public let end: Int
        public let position: Int
        public let catenated: Bool
    }

    /// Calls `body` for every word in order, without building a `String` for any of them:
    /// the indexer turns bytes into terms through its own cache.
    public func forEachWord(in text: String, _ body: (Word) -> Void) {
        var text = text
        text.withUTF8 { scan($0, body) }
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Word) -> Void) {
        var term: [UInt8] = []
        term.reserveCapacity(32)
        // The hyphenated compound being read: its parts run together, where it started, and
        // whether every part is alphabetic so far.
        var compound: [UInt8] = []
        var compoundParts = 0
        var compoundStart = 0
        var compoundPosition = 0
        var compoundAlphabetic = true
        var position = 0
        var index = 0
        let count = bytes.count

        func flushCompound(end: Int) {
            if compoundParts > 1, compoundAlphabetic {
                compound.withUnsafeBufferPointer {
                    body(Word(bytes: $0, start: compoundStart, end: end, position: compoundPosition, catenated: true))
                }
            }
            compound.removeAll(keepingCapacity: true)
            compoundParts = 0
            compoundAlphabetic = true
        }

        while index < count {
            let first = Self.scalar(at: index, in: bytes)
            guard first.kind.isWord else {
                index += first.length
                continue
            }
            let start = index
            term.removeAll(keepingCapacity: true)
            var alphabetic = true
            var last = first.kind
            while index < count {
                let current = Self.scalar(at: index, in: bytes)
                if current.kind.isWord {
                    term.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + current.length]))
                    if current.kind != .letter { alphabetic = false }
                    last = current.kind
                    index += current.length
                    continue
                }
                let next = index + current.length
                guard next < count else { break }
                let following = Self.scalar(at: next, in: bytes).kind
                if current.isApostrophe, last == .letter, following == .letter {
                    term.append(UInt8(ascii: "'"))
                    alphabetic = false
                    index = next
                } else if current.value == 0x2E || current.value == 0x2C, last == .digit, following == .digit {
                    if current.value == 0x2E { term.append(UInt8(ascii: ".")) }
                    index = next
                } else {
                    break
                }
            }
            if compoundParts == 0 {
                compoundStart = start
                compoundPosition = position
            }
            compound.append(contentsOf: term)
            compoundParts += 1
            compoundAlphabetic = compoundAlphabetic && alphabetic
            term.withUnsafeBufferPointer {
                body(Word(bytes: $0, start: start, end: index, position: position, catenated: false))
            }
            position += 1

            var joinsNext = false
            if index < count {
                let separator = Self.scalar(at: index, in: bytes)
                let after = index + separator.length
                joinsNext = separator.isHyphen && after < count && Self.scalar(at: after, in: bytes).kind.isWord
            }
            if !joinsNext { flushCompound(end: index) }
        }
        flushCompound(end: index)
    }

    enum Kind: UInt8 {
        case other, letter, digit, mark

        var isWord: Bool { self != .other }
    }

    struct Scalar {
        let value: UInt32
        let length: Int
        let kind: Kind

        var isApostrophe: Bool { value == 0x27 || value == 0x2019 }
        var isHyphen: Bool { value == 0x2D || value == 0x2010 || value == 0x2011 }
    }

    private static let asciiKinds: [Kind] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): .digit
        default: .other
        }
    }

    /// The scalar starting at `index`. Swift strings hold valid UTF-8, so the lead byte gives the
    /// length.
    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Scalar {
        let lead = bytes[index]
        if lead < 0x80 { return Scalar(value: UInt32(lead), length: 1, kind: asciiKinds[Int(lead)]) }
        var value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F); length = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F); length = 3
        } else {
            value = UInt32(lead & 0x07); length = 4
        }
        for offset in 1..<length where index + offset < bytes.count {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return Scalar(value: value, length: length, kind: kind(of: Unicode.Scalar(value) ?? " "))
    }

    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let properties = scalar.properties
        if properties.isAlphabetic { return .letter }
        switch properties.generalCategory {
        case .decimalNumber: return .digit
        case .nonspacingMark, .spacingMark: return .mark
        default: return .other
        }
    }
}
