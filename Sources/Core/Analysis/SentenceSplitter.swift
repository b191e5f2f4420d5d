/// Splits text into sentences. A line break always ends one (list items and table rows carry no
/// full stop). `.`, `!`, `?` and `…` end one when followed by space and then a capital, a digit
/// or an opening quote or bracket, except after an abbreviation (`Dr.`, `et al.`, `e.g.`) or a
/// single initial (`C. A. Zarate`). Decimals never qualify: no space follows their point.
public struct SentenceSplitter: Sendable {
    public var abbreviations: Set<String>

    public static let englishAbbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "al", "e.g", "i.e", "cf", "fig",
        "approx", "inc", "ltd", "co", "no", "vol", "u.s", "ph.d", "m.d", "b.a", "m.a", "dept", "est",
    ]

    public init(abbreviations: Set<String> = SentenceSplitter.englishAbbreviations) {
        self.abbreviations = abbreviations
    }

    public func sentences(in text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex

        func emit(upTo end: String.Index) {
            let piece = text[start..<end].trimmingWhitespace()
            if !piece.isEmpty { result.append(piece) }
        }

        while index < text.endIndex {
            let character = text[index]
            if character == "\n" {
                emit(upTo: index)
                index = text.index(after: index)
                start = index
                continue
            }
            guard ".!?…".contains(character) else {
                index = text.index(after: index)
                continue
            }
            var end = text.index(after: index)
            while end < text.endIndex, "\"'”’)]".contains(text[end]) { end = text.index(after: end) }
            guard end < text.endIndex else { break }
            guard text[end] == " " || text[end] == "\t" else {
                index = text.index(after: index)
                continue
            }
            var next = end
            while next < text.endIndex, text[next] == " " || text[next] == "\t" { next = text.index(after: next) }
            let opensSentence = next < text.endIndex
                && (text[next].isUppercase || text[next].isNumber || "\"“‘([".contains(text[next]))
            if opensSentence && !(character == "." && isAbbreviation(endingAt: index, in: text)) {
                emit(upTo: end)
                start = next
            }
            index = next
        }
        emit(upTo: text.endIndex)
        return result
    }

    private func isAbbreviation(endingAt dot: String.Index, in text: String) -> Bool {
        var wordStart = dot
        while wordStart > text.startIndex {
            let previous = text.index(before: wordStart)
            guard text[previous].isLetter || text[previous] == "." else { break }
            wordStart = previous
        }
        let word = text[wordStart..<dot]
        if word.count == 1, word.first?.isUppercase == true { return true }
        return abbreviations.contains(word.lowercased())
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}
