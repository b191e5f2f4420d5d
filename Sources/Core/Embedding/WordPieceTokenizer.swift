import Foundation

/// BERT's tokenizer, as Hugging Face `tokenizers` runs it for all-MiniLM-L6-v2 (its
/// `tokenizer.json`: BertNormalizer, BertPreTokenizer, WordPiece), so that the encoder sees the
/// word pieces it was trained on. Written here because no package on this machine's list
/// tokenizes for BERT; `Tests/CoreTests/WordPieceTests.swift` checks it against the reference
/// on a thousand varied strings.
///
/// - Normalizing: NUL, U+FFFD and control, format, private-use and surrogate characters (but
///   tab and newlines; unassigned ones stay, as the reference keeps them) are dropped and whitespace becomes a space; CJK ideographs get spaces around
///   them; accents are stripped (NFD, then nonspacing marks dropped); then lower case.
/// - Splitting: on whitespace, and each punctuation character (ASCII punctuation or Unicode P*)
///   is a word of its own.
/// - Word pieces: longest match first from the vocabulary, later pieces with a `##` prefix; a
///   word with no full cover, or longer than 100 characters, is `[UNK]`.
public struct WordPieceTokenizer: Sendable {
    /// Piece → id, keyed by UTF-8 bytes: built at every cold start, where a `[String: Int32]` of
    /// its 30,522 pieces cost a sixth of a hybrid `kq ask`.
    private let vocabulary: ByteTable
    public let classifier: Int32
    public let separator: Int32
    public let unknown: Int32
    public let padding: Int32
    private static let longestWord = 100

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads `vocab.txt`: one piece a line, its line number its id.
    public init(vocabularyAt path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read the model's vocabulary at \(path)")
        }
        // Split as bytes: Foundation's line enumeration took two thirds of a cold ask's time.
        var vocabulary = ByteTable()
        var id: Int32 = 0
        data.withUnsafeBytes { bytes in
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let piece = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
                // The first line with a piece gives its id.
                _ = UnsafeRawBufferPointer(rebasing: piece).withMemoryRebound(to: UInt8.self) { vocabulary.value(for: $0) { id } }
                id += 1
            }
        }
        self.vocabulary = vocabulary
        func special(_ token: String) throws -> Int32 {
            guard let id = Self.id(of: token, in: vocabulary) else { throw Failure(description: "the model's vocabulary has no \(token)") }
            return id
        }
        classifier = try special("[CLS]")
        separator = try special("[SEP]")
        unknown = try special("[UNK]")
        padding = try special("[PAD]")
    }

    /// `[CLS]`, the word pieces of `text` (at most `maximumLength - 2` of them), `[SEP]`.
    public func ids(_ text: String, maximumLength: Int) -> [Int32] {
        var ids = [classifier]
        let room = max(0, maximumLength - 2)
        for word in words(of: text) {
            for piece in pieces(of: word) {
                guard ids.count - 1 < room else { break }
                ids.append(piece)
            }
            if ids.count - 1 >= room { break }
        }
        ids.append(separator)
        return ids
    }

    /// The word pieces of `text`, without `[CLS]` and `[SEP]`.
    public func pieces(_ text: String) -> [Int32] {
        words(of: text).flatMap(pieces(of:))
    }

    // MARK: Normalizing and splitting

    /// The normalized text cut into words, each a run of scalars.
    func words(of text: String) -> [[Unicode.Scalar]] {
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        func end() {
            if !current.isEmpty { words.append(current) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in normalized(text) {
            if scalar.properties.isWhitespace {
                end()
            } else if Self.isPunctuation(scalar) {
                end()
                words.append([scalar])
            } else {
                current.append(scalar)
            }
        }
        end()
        return words
    }

    func normalized(_ text: String) -> [Unicode.Scalar] {
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(text.unicodeScalars.count)
        var ascii = true
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isOther(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if Self.isCJK(scalar) {
                cleaned += [" ", scalar, " "]
                ascii = false  // compatibility ideographs change under NFD
            } else {
                cleaned.append(scalar)
                if !scalar.isASCII { ascii = false }
            }
        }
        if ascii { return cleaned.map(Self.asciiLowercased) }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: cleaned)
        let decomposed = String(text).decomposedStringWithCanonicalMapping.unicodeScalars
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(decomposed.count)
        for scalar in decomposed where scalar.properties.generalCategory != .nonspacingMark {
            if scalar.isASCII || !scalar.properties.changesWhenLowercased {
                result.append(Self.asciiLowercased(scalar))
            } else {
                result += scalar.properties.lowercaseMapping.unicodeScalars
            }
        }
        return result
    }

    private static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar
    }

    /// Tab, newline and carriage return count as whitespace though they are controls.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    private static func isOther(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate: return true
        default: return false
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// The CJK ideograph blocks BERT's tokenizer isolates.
    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: return true
        default: return false
        }
    }

    // MARK: Word pieces

    private static func id(of piece: String, in vocabulary: ByteTable) -> Int32? {
        var piece = piece
        return piece.withUTF8 { vocabulary.value(for: $0) }
    }

    func pieces(of word: [Unicode.Scalar]) -> [Int32] {
        guard word.count <= Self.longestWord else { return [unknown] }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var candidate = start > 0 ? "##" : ""
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = Self.id(of: candidate, in: vocabulary) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else { return [unknown] }
            pieces.append(id)
            start = end
        }
        return pieces
    }
}
