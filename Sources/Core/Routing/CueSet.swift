/// Words and phrases that mark what a question is about, each with a weight: how answerers
/// recognise their questions, written so a reader can see and test them.
///
/// Cues are analysed by the question's analyzer with stopwords kept (see
/// `Analyzer.keepingStopwords`), so “how long” stays two words, `doses` meets `dose`, and a
/// corrected spelling (`lenght` → `length`) or a split word (`sideeffects`) matches like the
/// word itself. A phrase matches where its words stand next to each other in the question; a
/// `*` in it stands for up to three words of any kind (“how * given” matches “how is ketamine
/// given”).
public struct CueSet: Sendable {
    public struct Cue: Sendable, Equatable {
        public let phrase: String
        public let words: [String]
        public let weight: Double
    }

    public let cues: [Cue]

    public static let wildcard = "*"
    public static let wildcardSpan = 3

    /// `weighted`: phrase → weight. Phrases that analyse to nothing are dropped.
    public init(_ weighted: [(String, Double)], analyzer: Analyzer) {
        let words = analyzer.keepingStopwords
        cues = weighted.compactMap { phrase, weight in
            let parts = phrase.split(separator: " ", omittingEmptySubsequences: true)
            let terms = parts.flatMap { $0 == Self.wildcard ? [Self.wildcard] : words.terms(String($0)) }
            return terms.allSatisfy { $0 == Self.wildcard } ? nil : Cue(phrase: phrase, words: terms, weight: weight)
        }
    }

    /// Every phrase with the same weight.
    public init(_ phrases: [String], weight: Double = 1, analyzer: Analyzer) {
        self.init(phrases.map { ($0, weight) }, analyzer: analyzer)
    }

    public func matches(in question: Question) -> [Cue] {
        let words = question.words.map(\.term)
        return cues.filter { cue in
            words.indices.contains { Self.matches(cue.words[...], words, at: $0) }
        }
    }

    private static func matches(_ cue: ArraySlice<String>, _ words: [String], at start: Int) -> Bool {
        guard let first = cue.first else { return true }
        if first == wildcard {
            return (0...wildcardSpan).contains { skip in
                start + skip <= words.count && matches(cue.dropFirst(), words, at: start + skip)
            }
        }
        return start < words.count && words[start] == first && matches(cue.dropFirst(), words, at: start + 1)
    }

    /// The matched cues' weights added up, at most 1.
    public func score(_ question: Question) -> Double {
        min(1, matches(in: question).reduce(0) { $0 + $1.weight })
    }
}
