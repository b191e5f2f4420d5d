/// A question as typed, and as the analyzer sees it.
public struct Question: Sendable {
    public let text: String
    /// Analysed tokens, with any spelling corrections already applied to their terms.
    public let tokens: [Token]
    /// Terms the Knowledge does not use, and the vocabulary terms searched for instead.
    public let corrections: [Correction]

    public init(text: String, tokens: [Token], corrections: [Correction] = []) {
        self.text = text
        self.tokens = tokens
        self.corrections = corrections
    }

    public struct Correction: Sendable, Equatable {
        /// The word as typed.
        public let typed: String
        /// The analysed term it became, and the vocabulary term used instead.
        public let term: String
        public let replacement: String
    }

    public var terms: [String] { tokens.map(\.term) }

    public var uniqueTerms: [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }

    /// The words of the question that produced `term`, as the user wrote them.
    public func surfaceForm(of term: String) -> String {
        guard let token = tokens.first(where: { $0.term == term }) else { return term }
        return String(text[token.range])
    }
}
