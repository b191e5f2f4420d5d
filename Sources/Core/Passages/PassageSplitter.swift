/// Cuts documents into passages of about `minimumWords`…`maximumWords` words.
///
/// Passages never cross a section heading. Within a section, a piece shorter than the minimum
/// absorbs the pieces after it while the total stays under the maximum, a list stays with the
/// line that announces it and with its other items (under the maximum), and a short tail joins
/// the passage before it; a block over the maximum is cut at sentence ends (and a sentence over
/// it, at words). Short passages stay short only where a section is short.
public struct PassageSplitter: Sendable, Equatable {
    public var minimumWords: Int
    public var maximumWords: Int
    public var sentenceSplitter: SentenceSplitter

    public init(minimumWords: Int = 40, maximumWords: Int = 200, sentenceSplitter: SentenceSplitter = SentenceSplitter()) {
        precondition(minimumWords > 0 && maximumWords >= minimumWords)
        self.minimumWords = minimumWords
        self.maximumWords = maximumWords
        self.sentenceSplitter = sentenceSplitter
    }

    private struct Piece {
        var lines: [String]
        var words: Int
    }

    public func passages(of document: Document, documentIndex: Int, firstID: Int) -> [Passage] {
        var passages: [Passage] = []
        var blockIndex = document.blocks.startIndex
        while blockIndex < document.blocks.endIndex {
            let section = document.blocks[blockIndex].section
            var pieces: [Piece] = []
            while blockIndex < document.blocks.endIndex, document.blocks[blockIndex].section == section {
                pieces += cut(document.blocks[blockIndex].text)
                blockIndex += 1
            }
            for piece in merge(pieces) {
                passages.append(Passage(id: firstID + passages.count, document: documentIndex,
                                        ordinal: passages.count, section: section,
                                        text: piece.lines.joined(separator: "\n")))
            }
        }
        return passages
    }

    private func merge(_ pieces: [Piece]) -> [Piece] {
        var merged: [Piece] = []
        var current: Piece?
        for piece in pieces {
            if var open = current, open.words + piece.words <= maximumWords,
               open.words < minimumWords || Self.continuesList(open, with: piece) {
                open.lines += piece.lines
                open.words += piece.words
                current = open
            } else {
                if let open = current { merged.append(open) }
                current = piece
            }
        }
        if let tail = current {
            if tail.words < minimumWords, var last = merged.last, last.words + tail.words <= maximumWords {
                last.lines += tail.lines
                last.words += tail.words
                merged[merged.count - 1] = last
            } else {
                merged.append(tail)
            }
        }
        return merged
    }

    /// Cutting a list in two would leave an answerer quoting half of it.
    private static func continuesList(_ open: Piece, with next: Piece) -> Bool {
        guard let last = open.lines.last, let first = next.lines.first, ListLine.isItem(first) else { return false }
        return ListLine.isItem(last) || ListLine.introducesList(last)
    }

    private func cut(_ text: String) -> [Piece] {
        let words = Self.wordCount(text)
        guard words > maximumWords else { return [Piece(lines: [text], words: words)] }
        var pieces: [Piece] = []
        var sentences: [Substring] = []
        var count = 0
        func flush() {
            if !sentences.isEmpty { pieces.append(Piece(lines: [sentences.joined(separator: " ")], words: count)) }
            sentences.removeAll()
            count = 0
        }
        for sentence in sentenceSplitter.sentences(in: text) {
            let n = Self.wordCount(sentence)
            if n > maximumWords {
                flush()
                let all = sentence.split(whereSeparator: \.isWhitespace)
                for start in stride(from: 0, to: all.count, by: maximumWords) {
                    let chunk = all[start..<min(start + maximumWords, all.count)]
                    pieces.append(Piece(lines: [chunk.joined(separator: " ")], words: chunk.count))
                }
                continue
            }
            if count + n > maximumWords { flush() }
            sentences.append(sentence)
            count += n
        }
        flush()
        return pieces
    }

    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        if let count = text.utf8.withContiguousStorageIfAvailable(countWords) { return count }
        return Array(text.utf8).withUnsafeBufferPointer(countWords)
    }

    private static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        var index = 0
        while index < bytes.count {
            let isSpace: Bool
            if bytes[index] < 0x80 {
                isSpace = isASCIISpace(UInt32(bytes[index]))
                index += 1
            } else {
                let (scalar, length) = UTF8Scalar.decode(at: index, in: bytes)
                isSpace = scalar.properties.isWhitespace
                index += length
            }
            if isSpace {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    @inline(__always)
    static func isASCIISpace(_ value: UInt32) -> Bool {
        value == 0x20 || (value >= 0x09 && value <= 0x0D)
    }
}
