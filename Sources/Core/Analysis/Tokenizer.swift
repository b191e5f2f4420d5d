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
public struct StandardTokenizer: Sendable {
    public init() {}

    public func tokens(in text: String) -> [Token] {
        var tokens: [Token] = []
        var position = 0
        let scalars = text.unicodeScalars
        var index = scalars.startIndex

        // Parts of the hyphenated compound being read, for catenation.
        var compound: [Token] = []

        func flushCompound() {
            guard compound.count > 1,
                  compound.allSatisfy({ $0.term.unicodeScalars.allSatisfy(\.properties.isAlphabetic) })
            else { compound.removeAll(); return }
            let joined = compound.map(\.term).joined()
            tokens.append(Token(term: joined, position: compound[0].position,
                                range: compound[0].range.lowerBound..<compound[compound.count - 1].range.upperBound,
                                catenated: true))
            compound.removeAll()
        }

        while index < scalars.endIndex {
            guard Self.isWordScalar(scalars[index]) else {
                index = scalars.index(after: index)
                continue
            }
            let start = index
            var term = String.UnicodeScalarView()
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if Self.isWordScalar(scalar) {
                    term.append(scalar)
                    index = scalars.index(after: index)
                    continue
                }
                let next = scalars.index(after: index)
                guard next < scalars.endIndex, let last = term.last else { break }
                let following = scalars[next]
                if Self.isApostrophe(scalar), last.properties.isAlphabetic, following.properties.isAlphabetic {
                    term.append("'")
                    index = next
                } else if (scalar == "." || scalar == ","), Self.isDigit(last), Self.isDigit(following) {
                    if scalar == "." { term.append(scalar) }
                    index = next
                } else {
                    break
                }
            }
            let token = Token(term: String(term), position: position, range: start..<index)
            position += 1
            tokens.append(token)

            let joinsNext = index < scalars.endIndex && Self.isHyphen(scalars[index])
                && scalars.index(after: index) < scalars.endIndex
                && Self.isWordScalar(scalars[scalars.index(after: index)])
            compound.append(token)
            if !joinsNext { flushCompound() }
        }
        flushCompound()
        return tokens
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        switch properties.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark: return true
        default: return false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .decimalNumber
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}"
    }

    static func isHyphen(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "\u{2010}" || scalar == "\u{2011}"
    }
}
