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
    /// A plugin's structured answer, one line per aspect; `text` is these lines joined.
    public var lines: [Line]
    /// Shown before everything else: crisis resources (see `CrisisPolicy`).
    public var preface: String?
    /// Shown after the answer: one resources line for a question that names suicide or
    /// self-harm as a topic.
    public var postscript: String?
    /// What the crisis detector made of the question (`.none` until the router asks it).
    public var crisis: CrisisAssessment = .none
    /// Medical information: ends with the reminder that the Knowledge is not medical advice.
    public var isMedical: Bool
    /// Words of the question read as others (“ibuprofin” → “ibuprofen”), as shown to the user.
    public var readAs: [(typed: String, searched: String)] = []
    /// For a follow-up, the words it took from the question before (“nasal spray”).
    public var about: [String]?
    /// Why: how the question was read and what the first citation scored (see `Explanation`).
    public var explanation = Explanation()

    public init(question: String, text: String, answeredBy: String, confidence: Double,
                citations: [Citation], matchedTerms: [String] = [], lines: [Line] = [],
                isMedical: Bool = false) {
        self.question = question
        self.text = text
        self.answeredBy = answeredBy
        self.confidence = confidence
        self.citations = citations
        self.matchedTerms = matchedTerms
        self.lines = lines
        self.isMedical = isMedical
    }

    /// One statement of a structured answer: an optional label (“Session length”), the words,
    /// and the positions in `citations` of the passages they come from (none for a statement
    /// of what the Knowledge does not say).
    public struct Line: Sendable, Equatable {
        public var label: String?
        public var text: String
        public var citations: [Int]

        public init(label: String? = nil, text: String, citations: [Int] = []) {
            self.label = label
            self.text = text
            self.citations = citations
        }

        public var labelled: String { label.map { "\($0): \(text)" } ?? text }
    }

    public static let noneName = "none"

    /// Something in the Knowledge answers it: a statement that cites nothing says only what the
    /// Knowledge does not cover.
    public var isAnswered: Bool { !citations.isEmpty }

    /// The preface, the answer and the postscript: what a script reading `--json` gets as
    /// `answer`.
    public var fullText: String {
        [preface, text, postscript].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

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
    /// The passage's id in the index it came from (nil for a citation made elsewhere).
    public var id: Int?
    public var section: String?
    /// The pages the passage is on, when its document has pages.
    public var pages: ClosedRange<Int>?
    public var text: String
    public var score: Double

    public init(_ hit: PassageHit) {
        document = hit.document.title
        path = hit.document.id
        passage = hit.passage.ordinal
        id = hit.passage.id
        section = hit.passage.section
        pages = hit.passage.pages
        text = hit.passage.text
        score = hit.score
    }
}
