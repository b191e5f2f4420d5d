/// Splits text into sentences. A line break always ends one (list items and table rows carry no
/// full stop). `.`, `!`, `?` and `…` end one when followed by space and then a capital, a digit
/// or an opening quote or bracket, except after an abbreviation (`Dr.`, `et al.`, `e.g.`) or a
/// single initial (`C. A. Zarate`). Decimals never qualify: no space follows their point.
public struct SentenceSplitter: Sendable, Equatable {
    public let abbreviations: Set<String>
    /// In bytes: a longer word before a full stop is no abbreviation, without a lookup.
    private let longestAbbreviation: Int

    public static let englishAbbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "al", "e.g", "i.e", "cf", "fig",
        "approx", "inc", "ltd", "co", "no", "vol", "u.s", "ph.d", "m.d", "b.a", "m.a", "dept", "est",
    ]

    public init(abbreviations: Set<String> = SentenceSplitter.englishAbbreviations) {
        self.abbreviations = abbreviations
        longestAbbreviation = abbreviations.map(\.utf8.count).max() ?? 0
    }

    public func sentences(in text: String) -> [Substring] {
        var copy = text
        let ranges = copy.withUTF8 { self.ranges(in: $0) }
        let utf8 = text.utf8
        return ranges.map { text[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)] }
    }

    /// The sentences of UTF-8 text as byte ranges, each trimmed of white space, none empty.
    public func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        sentences(in: bytes).map(\.range)
    }

    /// The sentences of UTF-8 text as trimmed, non-empty byte ranges, with how many words
    /// (runs of non-space) each holds: counted in the same walk that finds the ends.
    public func sentences(in bytes: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, words: Int)] {
        var result: [(range: Range<Int>, words: Int)] = []
        var start = 0
        var wordsBefore = 0
        let (ends, total) = boundaries(bytes)
        for (end, next, words) in ends + [(bytes.count, bytes.count, total)] {
            let trimmed = Self.trimmed(start..<end, in: bytes)
            if !trimmed.isEmpty { result.append((trimmed, words - wordsBefore)) }
            start = next
            wordsBefore = words
        }
        return result
    }

    static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper {
            let (scalar, length) = UTF8Scalar.decode(at: lower, in: bytes)
            guard UTF8Scalar.isWhitespace(scalar) else { break }
            lower += length
        }
        while upper > lower {
            var last = upper - 1
            while last > lower, bytes[last] & 0xC0 == 0x80 { last -= 1 }
            guard UTF8Scalar.isWhitespace(UTF8Scalar.decode(at: last, in: bytes).scalar) else { break }
            upper = last
        }
        return lower..<upper
    }

    /// Where sentences end (byte offsets), where the next one starts, and how many words the
    /// text holds up to there; and the text's total words.
    private func boundaries(_ bytes: UnsafeBufferPointer<UInt8>) -> (ends: [(end: Int, next: Int, words: Int)], words: Int) {
        var result: [(end: Int, next: Int, words: Int)] = []
        var index = 0
        var words = 0
        // 1 inside a word, else 0: arithmetic rather than a Bool keeps the count branch-free.
        var inWord = 0
        let count = bytes.count
        func scalar(_ at: Int) -> (scalar: Unicode.Scalar, length: Int) { UTF8Scalar.decode(at: at, in: bytes) }
        while index < count {
            Self.countWords(in: bytes, from: &index, words: &words, inWord: &inWord)
            guard index < count else { break }
            let (current, length) = scalar(index)
            let isWord = UTF8Scalar.isWhitespace(current) ? 0 : 1
            words += isWord & ~inWord
            inWord = isWord
            if current == "\n" {
                result.append((index, index + 1, words))
                index += 1
                continue
            }
            guard current == "." || current == "!" || current == "?" || current == "…" else {
                index += length
                continue
            }
            var end = index + length
            while end < count, Self.closers.contains(scalar(end).scalar) { end += scalar(end).length }
            guard end < count else { break }
            guard bytes[end] == 0x20 || bytes[end] == 0x09 else {
                index += length
                continue
            }
            var next = end
            while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            // A label's section reference after a full stop (“…fatal bleeding. ( 5.1)”) ends
            // the sentence it follows, not the next one.
            if let close = Self.reference(at: next, in: bytes) {
                end = close
                next = close
                while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                guard next < count else { break }
            }
            inWord = 0
            let opensSentence = next < count && Self.opensSentence(scalar(next).scalar)
            if opensSentence && !(current == "." && isAbbreviation(endingAt: index, in: bytes)) {
                result.append((end, next, words))
            }
            index = next
        }
        return (result, words)
    }

    /// Counts words from `index` up to the next byte that is a mark, a newline or not ASCII,
    /// as nearly all bytes are, by table and without decoding. Its own function, so that its
    /// counters stay in registers, and without a branch on where words start, which no
    /// predictor guesses.
    @inline(never)
    private static func countWords(in bytes: UnsafeBufferPointer<UInt8>, from start: inout Int, words: inout Int, inWord: inout Int) {
        var index = start, count = words, inside = inWord
        byteClasses.withUnsafeBufferPointer { classes in
            while index < bytes.count {
                let byteClass = classes[Int(bytes[index])]
                if byteClass == special { break }
                let isWord = Int(byteClass)
                count += isWord & ~inside
                inside = isWord
                index += 1
            }
        }
        start = index
        words = count
        inWord = inside
    }

    /// The end of a section reference starting at `start`: “(5.1)”, “( 7)”, “(2.1, 7)”, at
    /// most 24 bytes of digits, dots, commas and spaces in brackets, with a dot, a comma or a
    /// leading space: a list's “(1)” or a year's “(2019)” opens the next sentence.
    private static func reference(at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard start < bytes.count, bytes[start] == 0x28 else { return nil }
        var index = start + 1, digits = 0, marked = false
        while index < bytes.count, index - start <= 24 {
            switch bytes[index] {
            case 0x29: return digits > 0 && marked ? index + 1 : nil
            case 0x30...0x39: digits += 1
            case 0x2E, 0x2C, 0x20: marked = true
            default: return nil
            }
            index += 1
        }
        return nil
    }

    private static let spaceByte: UInt8 = 0, wordByte: UInt8 = 1, special: UInt8 = 2
    /// Each byte's part in the walk: ASCII white space, a sentence mark or newline or any
    /// non-ASCII byte (decoded and looked at), or part of a word; a plain byte's class is
    /// whether it is in a word, 0 or 1.
    private static let byteClasses: [UInt8] = (0..<256).map { byte in
        switch byte {
        case 0x0A, 0x2E, 0x21, 0x3F, 0x80...: special
        case 0x20, 0x09...0x0D: spaceByte
        default: wordByte
        }
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]"]
    private static let openers: Set<Unicode.Scalar> = ["\"", "“", "‘", "(", "["]

    private static func opensSentence(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x30 && scalar.value <= 0x39)
                || scalar == "\"" || scalar == "(" || scalar == "["
        }
        return scalar.properties.isUppercase || scalar.properties.numericType != nil || openers.contains(scalar)
    }

    private func isAbbreviation(endingAt dot: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var wordStart = dot
        var letters = 0
        var first: Unicode.Scalar = " "
        while wordStart > 0 {
            var previous = wordStart - 1
            while previous > 0, bytes[previous] & 0xC0 == 0x80 { previous -= 1 }
            let scalar = UTF8Scalar.decode(at: previous, in: bytes).scalar
            let isLetter = scalar.value < 0x80
                ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
            guard isLetter || scalar == "." else { break }
            wordStart = previous
            letters += 1
            first = scalar
        }
        if letters == 1, first.properties.isUppercase { return true }
        guard dot - wordStart <= longestAbbreviation else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<dot]), as: UTF8.self)
        return abbreviations.contains(word.lowercased())
    }
}
