/// Gathers an answer's lines and the passages they cite: each passage cited once, each unit
/// said once under a label (two subjects of a comparison may share a label's wording).
public struct AnswerComposer {
    /// Statements of what the Knowledge does not say; they cite nothing.
    public var statements: [String] = []
    public private(set) var lines: [Answer.Line] = []
    public private(set) var citations: [Citation] = []
    private var citationOfPassage: [Int: Int] = [:]
    private var said: Set<String> = []

    public init() {}

    /// Adds a line quoting `text` from `hit`; false when the same words were already said.
    @discardableResult
    public mutating func add(_ text: String, from hit: PassageHit, label: String?) -> Bool {
        guard said.insert((label ?? "") + "\u{0}" + text).inserted else { return false }
        let passage = hit.passage.id
        let citation = citationOfPassage[passage] ?? {
            citations.append(Citation(hit))
            citationOfPassage[passage] = citations.count - 1
            return citations.count - 1
        }()
        lines.append(Answer.Line(label: label, text: text, citations: [citation]))
        return true
    }

    @discardableResult
    public mutating func add(_ unit: QuotedUnit, label: String?) -> Bool {
        add(unit.text, from: unit.hit, label: label)
    }

    public func answer(to question: Question, answeredBy name: String, confidence: Double, isMedical: Bool = false) -> Answer {
        let all = statements.map { Answer.Line(text: $0) } + lines
        return Answer(question: question.text, text: all.map(\.labelled).joined(separator: "\n"), answeredBy: name,
                      confidence: confidence, citations: citations, matchedTerms: question.uniqueTerms, lines: all,
                      isMedical: isMedical)
    }
}
