/// Something that can answer questions: the core retriever, or a specialised plugin.
///
/// An answerer returns nil when the question is not its own; otherwise an answer whose
/// `confidence` says how sure it is. The router picks among them (see `Router`).
public protocol Answerer {
    /// Short, unique, lowercase: what `answeredBy` reports and `--plugin` selects.
    var name: String { get }
    /// One line on what it answers.
    var summary: String { get }
    /// Questions it is meant for, shown by `kq plugins`.
    var examples: [String] { get }

    func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer?

    /// How sure the answerer is, from the question alone (its cue words), that the question is
    /// its own, 0…1; nil when it cannot tell without answering. The router asks this of every
    /// answerer and only the most confident answers: it must be cheap.
    func confidence(for question: Question) -> Double?

    var vocabulary: Set<String> { get }
}

extension Answerer {
    /// Analysed words this answerer recognises in questions (its cues). The retriever treats
    /// them as known words: never “corrected” away (`routes` is not a misspelling of `root`),
    /// and offered as corrections (`lenght` → `length`).
    public var vocabulary: Set<String> { [] }

    public func confidence(for question: Question) -> Double? { nil }
}
