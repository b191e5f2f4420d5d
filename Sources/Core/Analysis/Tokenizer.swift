/// Splits text into word tokens on Unicode letter and digit boundaries.
///
/// Deliberate choices, each tested:
/// - Apostrophes inside words stay (`you’re`, `patient's`) so stopwords and the stemmer see them.
/// - `.` and `,` between digits stay (`0.5`, `17,908`); the comma is dropped so both spellings
///   of a number index alike. A number and its scale word (`4 million`) stay two tokens, so the
///   query `4 million` matches them as written, and a number written against its unit is two
///   (`200mg` → `200`, `mg`), as labels and questions write it either way; one letter after a
///   number stays with it (`1970s`), and a word that starts with letters keeps its digits
///   (`B12`, `H1N1`).
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
        // A word's bytes are the text's own unless a curly apostrophe or a digit comma had to
        // be rewritten; only then are they copied into `term`.
        var term: [UInt8] = []
        term.reserveCapacity(32)
        var compound = Compound()
        var position = 0
        var index = 0
        let count = bytes.count

        while index < count {
            if bytes[index] < 0x80, Self.asciiKind(bytes[index]) == .other {
                index += 1
                continue
            }
            let first = Self.scalar(at: index, in: bytes)
            guard first.kind.isWord else {
                index += first.length
                continue
            }
            let start = index
            var rewritten = false
            var alphabetic = true
            var last = first.kind
            // Whether the word so far is a number: letters straight after one are its unit.
            var number = first.kind == .digit
            word: while index < count {
                // The common case first: a run of ASCII letters and digits, in a tight loop.
                var run = index
                var digits = false
                while run < count {
                    let byte = bytes[run]
                    if (byte | 0x20) &- UInt8(ascii: "a") < 26 {
                        if number {
                            // A unit is two letters or more: “1970s” stays a decade, and “3rd”,
                            // “21st” or “10am” stay whole.
                            if run > start, bytes[run - 1] &- UInt8(ascii: "0") < 10, Self.startsUnit(at: run, in: bytes) {
                                if rewritten { term.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<run])) }
                                alphabetic = false
                                index = run
                                break word
                            }
                            number = false
                        }
                        run += 1
                    } else if byte &- UInt8(ascii: "0") < 10 {
                        digits = true
                        run += 1
                    } else {
                        break
                    }
                }
                if run > index {
                    if rewritten { term.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<run])) }
                    if digits { alphabetic = false }
                    last = Self.asciiKind(bytes[run - 1])
                    index = run
                    continue
                }
                let current = Self.scalar(at: index, in: bytes)
                if current.kind.isWord {
                    if current.kind != .digit { number = false }
                    if rewritten {
                        for offset in 0..<current.length { term.append(bytes[index + offset]) }
                    }
                    if current.kind != .letter { alphabetic = false }
                    last = current.kind
                    index += current.length
                    continue
                }
                let next = index + current.length
                guard next < count else { break }
                let following = Self.scalar(at: next, in: bytes).kind
                if current.isApostrophe, last == .letter, following == .letter {
                    if current.value != 0x27, !rewritten {
                        Self.startRewrite(&term, from: bytes, start..<index)
                        rewritten = true
                    }
                    if rewritten { term.append(UInt8(ascii: "'")) }
                    alphabetic = false
                    index = next
                } else if current.value == 0x2E || current.value == 0x2C, last == .digit, following == .digit {
                    if current.value == 0x2C, !rewritten {
                        Self.startRewrite(&term, from: bytes, start..<index)
                        rewritten = true
                    } else if current.value == 0x2E, rewritten {
                        term.append(UInt8(ascii: "."))
                    }
                    index = next
                } else {
                    break
                }
            }
            let end = index
            var joinsNext = false
            // Hyphens are `-` or start with 0xE2 (U+2010, U+2011).
            if index < count, bytes[index] == 0x2D || bytes[index] == 0xE2 {
                let separator = Self.scalar(at: index, in: bytes)
                let after = index + separator.length
                joinsNext = separator.isHyphen && after < count && Self.scalar(at: after, in: bytes).kind.isWord
            }
            if !rewritten && !joinsNext && compound.parts == 0 {
                body(Word(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]), start: start, end: end,
                          position: position, catenated: false))
                position += 1
                continue
            }
            term.withUnsafeBufferPointer { rewrittenBytes in
                let word = rewritten ? rewrittenBytes : UnsafeBufferPointer(rebasing: bytes[start..<end])
                compound.add(word, start: start, position: position, alphabetic: alphabetic)
                body(Word(bytes: word, start: start, end: end, position: position, catenated: false))
            }
            position += 1
            if !joinsNext { compound.flush(end: end, body) }
        }
        compound.flush(end: index, body)
    }

    /// Whether the ASCII letters at `start` are a unit after a number: two or more, and not an
    /// ordinal's or a clock time's ending.
    private static func startsUnit(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = start
        while end < bytes.count, (bytes[end] | 0x20) &- UInt8(ascii: "a") < 26 { end += 1 }
        guard end - start >= 2 else { return false }
        guard end - start == 2 else { return true }
        let suffix = (UInt16(bytes[start] | 0x20) << 8) | UInt16(bytes[start + 1] | 0x20)
        return !notUnits.contains(suffix)
    }

    /// “st”, “nd”, “rd”, “th”, “am”, “pm”, as two lower-case ASCII bytes.
    private static let notUnits: Set<UInt16> = Set(["st", "nd", "rd", "th", "am", "pm"].map { word in
        let bytes = Array(word.utf8)
        return (UInt16(bytes[0]) << 8) | UInt16(bytes[1])
    })

    private static func startRewrite(_ term: inout [UInt8], from bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        term.removeAll(keepingCapacity: true)
        term.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    /// The hyphenated compound being read: its parts run together, where it started, and
    /// whether every part is alphabetic so far.
    private struct Compound {
        var bytes: [UInt8] = []
        var parts = 0
        var start = 0
        var position = 0
        var alphabetic = true

        mutating func add(_ part: UnsafeBufferPointer<UInt8>, start: Int, position: Int, alphabetic: Bool) {
            if parts == 0 {
                self.start = start
                self.position = position
            }
            bytes.append(contentsOf: part)
            parts += 1
            self.alphabetic = self.alphabetic && alphabetic
        }

        mutating func flush(end: Int, _ body: (Word) -> Void) {
            guard parts > 0 else { return }
            if parts > 1, alphabetic {
                bytes.withUnsafeBufferPointer {
                    body(Word(bytes: $0, start: start, end: end, position: position, catenated: true))
                }
            }
            bytes.removeAll(keepingCapacity: true)
            parts = 0
            alphabetic = true
        }
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

    @inline(__always)
    private static func asciiKind(_ byte: UInt8) -> Kind {
        if (byte | 0x20) &- UInt8(ascii: "a") < 26 { return .letter }
        if byte &- UInt8(ascii: "0") < 10 { return .digit }
        return .other
    }

    @inline(__always)
    static func scalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Scalar {
        let lead = bytes[index]
        if lead < 0x80 { return Scalar(value: UInt32(lead), length: 1, kind: asciiKind(lead)) }
        let (scalar, length) = UTF8Scalar.decode(at: index, in: bytes)
        return Scalar(value: scalar.value, length: length, kind: kind(of: scalar))
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
