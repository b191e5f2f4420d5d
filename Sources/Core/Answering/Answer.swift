/// What kq says to a question, and the passages that say it.
public struct Answer: Sendable {
    public var question: String
    public var text: String
    /// The answerer's name, "retriever", or "none" when nothing in the Knowledge answers.
    public var answeredBy: String
    /// How sure the answerer is that this answers the question, 0…1.
    public var confidence: Double
    public var citations: [Citation]
    /// Analysed query terms, for highlighting the words that matched.
    public var matchedTerms: [String]

    public init(question: String, text: String, answeredBy: String, confidence: Double,
                citations: [Citation], matchedTerms: [String] = []) {
        self.question = question
        self.text = text
        self.answeredBy = answeredBy
        self.confidence = confidence
        self.citations = citations
        self.matchedTerms = matchedTerms
    }

    public static let noneName = "none"

    public var isAnswered: Bool { answeredBy != Self.noneName }

    /// A plain statement that the Knowledge has no answer; it cites nothing, because nothing
    /// supports it.
    public static func notCovered(_ question: String, reason: String) -> Answer {
        Answer(question: question, text: reason, answeredBy: noneName, confidence: 0, citations: [])
    }
}

/// A passage an answer rests on.
public struct Citation: Sendable, Equatable {
    /// The document's title.
    public var document: String
    /// The document's id: its path relative to the Knowledge root, or its JSONL `_id`.
    public var path: String
    /// The passage's position within its document, from 0.
    public var passage: Int
    public var section: String?
    public var text: String
    public var score: Double

    public init(_ hit: PassageHit) {
        document = hit.document.title
        path = hit.document.id
        passage = hit.passage.ordinal
        section = hit.passage.section
        text = hit.passage.text
        score = hit.score
    }
}
