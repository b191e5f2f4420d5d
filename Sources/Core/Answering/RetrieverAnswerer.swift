/// The general answerer: ranks passages by BM25 and quotes the sentences that answer best.
///
/// It declines, with a plain statement and no citation, when the question has no searchable
/// words, when nothing matches, or when the best passage covers less than `minimumCoverage` of
/// the question's weight (see `Retriever.coverage`): then the Knowledge does not speak to what
/// was asked, and quoting the nearest words would be a guess.
public struct RetrieverAnswerer: Answerer {
    public let name = "retriever"
    public let summary = "Finds the passages that best match the question (BM25) and quotes the sentences that answer it."
    public let examples = ["How does ketamine work in the brain?", "Who is a candidate for ketamine therapy?"]

    public var minimumCoverage: Double
    public var selector: SentenceSelector

    public init(minimumCoverage: Double = 0.5, selector: SentenceSelector = SentenceSelector()) {
        self.minimumCoverage = minimumCoverage
        self.selector = selector
    }

    public func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
        let terms = question.uniqueTerms
        guard !terms.isEmpty else {
            return .notCovered(question.text, reason: "There is nothing to look up in that question: it has no words the Knowledge could match.")
        }
        let hits = retriever.search(question, limit: max(1, limit))
        let missing = retriever.unknownWords(in: question)
        guard let top = hits.first else {
            return .notCovered(question.text, reason: "The Knowledge does not cover this: nothing in it mentions \(Self.list(missing)).")
        }
        let coverage = retriever.coverage(of: question, by: top.passage)
        guard coverage >= minimumCoverage else {
            let reason = missing.isEmpty
                ? "The Knowledge does not cover this: no passage speaks to \(Self.list(terms.map(question.surfaceForm), joiner: "and")) together."
                : "The Knowledge does not cover this: nothing in it mentions \(Self.list(missing))."
            return .notCovered(question.text, reason: reason)
        }
        let choices = selector.select(for: question, from: hits, retriever: retriever)
        guard !choices.isEmpty else {
            return .notCovered(question.text, reason: "The Knowledge does not cover this: no sentence in it answers the question.")
        }
        var cited: [Int] = []
        for choice in choices where !cited.contains(choice.hit) { cited.append(choice.hit) }
        return Answer(
            question: question.text,
            text: choices.map { String($0.sentence) }.joined(separator: " "),
            answeredBy: name,
            confidence: coverage,
            citations: cited.map { Citation(hits[$0]) },
            matchedTerms: terms
        )
    }

    /// “a”, “b” or “c”: quoted words for a sentence; the caller ends the sentence. Past
    /// `shown` words the rest are counted, not listed: a pasted page must not come back whole.
    static func list(_ words: [String], joiner: String = "or", shown: Int = 6) -> String {
        let quoted = words.prefix(shown).map { "“\($0)”" }
        if words.count > shown {
            return quoted.joined(separator: ", ") + " \(joiner) other words"
        }
        switch quoted.count {
        case 0: return "its words"
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " \(joiner) " + quoted.last!
        }
    }
}
