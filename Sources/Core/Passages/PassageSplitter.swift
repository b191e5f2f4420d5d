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
        var pages: ClosedRange<Int>? = nil

        mutating func append(_ other: Piece) {
            lines += other.lines
            words += other.words
            if let theirs = other.pages {
                pages = pages.map { min($0.lowerBound, theirs.lowerBound)...max($0.upperBound, theirs.upperBound) } ?? theirs
            }
        }
    }

    public func passages(of document: Document, documentIndex: Int, firstID: Int) -> [Passage] {
        var passages: [Passage] = []
        var blockIndex = document.blocks.startIndex
        while blockIndex < document.blocks.endIndex {
            let section = document.blocks[blockIndex].section
            var pieces: [Piece] = []
            while blockIndex < document.blocks.endIndex, document.blocks[blockIndex].section == section {
                let block = document.blocks[blockIndex]
                pieces += cut(block.text).map { piece in
                    var piece = piece
                    if block.page > 0 { piece.pages = block.page...block.lastPage }
                    return piece
                }
                blockIndex += 1
            }
            for piece in merge(pieces) {
                passages.append(Passage(id: firstID + passages.count, document: documentIndex,
                                        ordinal: passages.count, section: section,
                                        text: piece.lines.joined(separator: "\n"), pages: piece.pages))
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
                open.append(piece)
                current = open
            } else {
                if let open = current { merged.append(open) }
                current = piece
            }
        }
        if let tail = current {
            if tail.words < minimumWords, var last = merged.last, last.words + tail.words <= maximumWords {
                last.append(tail)
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

    /// Works on the text's bytes: sentence ends and word counts are found in one walk each,
    /// and pieces are joined from byte ranges rather than from substrings.
    private func cut(_ text: String) -> [Piece] {
        var bytesOf = text
        return bytesOf.withUTF8 { bytes -> [Piece] in
            // Fewer bytes than twice the maximum cannot hold more words than the maximum.
            guard bytes.count >= 2 * maximumWords else { return [Piece(lines: [text], words: Self.countWords(bytes))] }
            let found = sentenceSplitter.sentences(in: bytes)
            let sentences = found.map(\.range), counts = found.map(\.words)
            let total = counts.reduce(0, +)
            guard total > maximumWords else { return [Piece(lines: [text], words: total)] }
            var pieces: [Piece] = []
            var group: [Range<Int>] = []
            var count = 0
            func flush() {
                if !group.isEmpty { pieces.append(Piece(lines: [Self.joined(group, in: bytes)], words: count)) }
                group.removeAll()
                count = 0
            }
            for (range, words) in zip(sentences, counts) {
                if words > maximumWords {
                    flush()
                    let all = Self.wordRanges(UnsafeBufferPointer(rebasing: bytes[range]), offset: range.lowerBound)
                    for start in stride(from: 0, to: all.count, by: maximumWords) {
                        let chunk = Array(all[start..<min(start + maximumWords, all.count)])
                        pieces.append(Piece(lines: [Self.joined(chunk, in: bytes)], words: chunk.count))
                    }
                    continue
                }
                if count + words > maximumWords { flush() }
                group.append(range)
                count += words
            }
            flush()
            return pieces
        }
    }

    /// Where each word of `bytes` lies, shifted by `offset`: the same white space as
    /// `countWords`, so a sentence cut into chunks has exactly the words it was counted with.
    private static func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int?
        var index = 0
        while index < bytes.count {
            let (scalar, length) = UTF8Scalar.decode(at: index, in: bytes)
            let isSpace = UTF8Scalar.isWhitespace(scalar)
            if isSpace, let open = start {
                ranges.append(offset + open..<offset + index)
                start = nil
            } else if !isSpace, start == nil {
                start = index
            }
            index += length
        }
        if let open = start { ranges.append(offset + open..<offset + bytes.count) }
        return ranges
    }

    private static func joined(_ ranges: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(ranges.reduce(ranges.count) { $0 + $1.count })
        for (index, range) in ranges.enumerated() {
            if index > 0 { out.append(UInt8(ascii: " ")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        if let count = text.utf8.withContiguousStorageIfAvailable(countWords) { return count }
        return Array(text.utf8).withUnsafeBufferPointer(countWords)
    }

    private static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var afterSpace = true
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = base[index]
            var isSpace = byte == 0x20 || byte &- 0x09 < 5
            // Unicode's other spaces all start with one of these lead bytes (U+0085, U+00A0,
            // U+1680, U+2000…U+205F, U+3000); any other byte of 0x80 and up is part of a word.
            if byte >= 0xC2, byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3 {
                let (scalar, length) = UTF8Scalar.decode(at: index, in: bytes)
                isSpace = scalar.properties.isWhitespace
                index += length - 1
            }
            if afterSpace && !isSpace { count += 1 }
            afterSpace = isSpace
            index += 1
        }
        return count
    }
}
