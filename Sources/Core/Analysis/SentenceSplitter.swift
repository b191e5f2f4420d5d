/// Splits text into sentences. A line break always ends one (list items and table rows carry no
/// full stop). `.`, `!`, `?` and `…` end one when followed by space and then a capital, a digit
/// or an opening quote or bracket, except after an abbreviation (`Dr.`, `et al.`, `e.g.`) or a
/// single initial (`C. A. Zarate`). Decimals never qualify: no space follows their point.
public struct SentenceSplitter: Sendable, Equatable {
    public var abbreviations: Set<String>

    public static let englishAbbreviations: Set<String> = [
        "dr", "mr", "mrs", "ms", "prof", "sr", "jr", "st", "vs", "al", "e.g", "i.e", "cf", "fig",
        "approx", "inc", "ltd", "co", "no", "vol", "u.s", "ph.d", "m.d", "b.a", "m.a", "dept", "est",
    ]

    public init(abbreviations: Set<String> = SentenceSplitter.englishAbbreviations) {
        self.abbreviations = abbreviations
    }

    public func sentences(in text: String) -> [Substring] {
        // Scalars, not Characters: every mark tested here is one scalar, and grapheme breaking
        // made this the slowest step of indexing.
        let scalars = text.unicodeScalars
        var result: [Substring] = []
        var start = scalars.startIndex
        var index = scalars.startIndex
        func emit(upTo end: String.Index) {
            let piece = text[start..<end].trimmingWhitespace()
            if !piece.isEmpty { result.append(piece) }
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" {
                emit(upTo: index)
                index = scalars.index(after: index)
                start = index
                continue
            }
            guard scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" else {
                index = scalars.index(after: index)
                continue
            }
            var end = scalars.index(after: index)
            while end < scalars.endIndex, Self.closers.contains(scalars[end]) { end = scalars.index(after: end) }
            guard end < scalars.endIndex else { break }
            guard scalars[end] == " " || scalars[end] == "\t" else {
                index = scalars.index(after: index)
                continue
            }
            var next = end
            while next < scalars.endIndex, scalars[next] == " " || scalars[next] == "\t" { next = scalars.index(after: next) }
            let opensSentence = next < scalars.endIndex && Self.opensSentence(scalars[next])
            if opensSentence && !(scalar == "." && isAbbreviation(endingAt: index, in: text)) {
                emit(upTo: end)
                start = next
            }
            index = next
        }
        emit(upTo: scalars.endIndex)
        return result
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", ")", "]"]
    private static let openers: Set<Unicode.Scalar> = ["\"", "“", "‘", "(", "["]

    private static func opensSentence(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isUppercase || scalar.properties.numericType != nil || openers.contains(scalar)
    }

    private func isAbbreviation(endingAt dot: String.Index, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        var wordStart = dot
        while wordStart > scalars.startIndex {
            let previous = scalars.index(before: wordStart)
            guard scalars[previous].properties.isAlphabetic || scalars[previous] == "." else { break }
            wordStart = previous
        }
        let word = text.unicodeScalars[wordStart..<dot]
        if word.count == 1, word.first?.properties.isUppercase == true { return true }
        return abbreviations.contains(String(word).lowercased())
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return self[first...last]
    }
}
