/// Why an answer is what it is, carried with it so `--explain` and `:explain` show the answer's
/// own reasons and never search again: how the question was read, and the first cited passage's
/// score taken apart (BM25: tf in the passage, df in the index, idf, contribution).
public struct Explanation: Sendable {
    /// The question's analysed terms, after corrections.
    public var terms: [String] = []
    /// What it asked for (`Asked` names), its subjects and the names the Knowledge lacks.
    public var asked: [String] = []
    public var subjects: [String] = []
    public var missing: [String] = []
    /// The first cited passage: where it stands, the BM25 parts of the question's terms in it,
    /// and how much of the question it covers with its heading and title (the general answerer
    /// decides on the whole section, so its own figure is the answer's confidence).
    public var passage: Passage?

    public struct Passage: Sendable {
        public var document: String
        public var ordinal: Int
        public var section: String?
        public var length: Int
        public var averageLength: Double
        public var coverage: Double
        public var parts: [TermContribution]
        /// With dense or hybrid retrieval: where each retriever ranked the passage.
        public var ranks: Retriever.Ranks?
    }

    public init() {}

    /// The explanation of `answer` to `question`, read off the index.
    public init(_ answer: Answer, for question: Question, retriever: Retriever) {
        terms = question.uniqueTerms
        asked = question.asked.map(\.name)
        subjects = question.subjects.named.map { $0.words.joined(separator: " ") }
        missing = question.subjects.missing
        guard let cited = answer.citations.first, let id = cited.id else { return }
        let passage = retriever.knowledge.passages[id]
        let texts = [cited.section ?? "", cited.document, cited.text]
        self.passage = Passage(document: cited.path, ordinal: cited.passage, section: cited.section,
                               length: retriever.index.length(ofPassage: id), averageLength: retriever.index.averageLength,
                               coverage: retriever.coverage(of: question, by: texts, asked: question.asked, cues: question.cueTerms),
                               parts: retriever.explain(question, passage: passage),
                               ranks: retriever.ranks(of: id, for: question))
    }
}
