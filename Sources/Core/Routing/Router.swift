/// Sends a question to the answerer that should take it: REPL / command → router → plugins or
/// the retriever → answer.
///
/// Every plugin is asked. The most confident answer at or above `threshold` wins; on equal
/// confidence the plugin registered first wins. When none qualifies the fallback (the retriever)
/// answers. Whoever answers, a question that signals a crisis gets `crisis`'s resources first.
/// The outcome keeps every plugin's confidence so `:explain` can show why.
public struct Router {
    public var plugins: [any Answerer]
    public var fallback: any Answerer
    public var threshold: Double
    public var crisis: CrisisPolicy?

    public init(plugins: [any Answerer], fallback: any Answerer = EvidenceAnswerer(), threshold: Double = 0.5,
                crisis: CrisisPolicy? = nil) {
        self.plugins = plugins
        self.fallback = fallback
        self.threshold = threshold
        self.crisis = crisis
    }

    public struct Outcome {
        public let answer: Answer
        /// Each plugin's name and confidence (0 when it declined), in registration order.
        public let candidates: [(name: String, confidence: Double)]
    }

    public func route(_ question: Question, retriever: Retriever, limit: Int) -> Outcome {
        if let declined = EvidenceAnswerer.declined(question) {
            return Outcome(answer: finish(declined, for: question), candidates: plugins.map { ($0.name, 0) })
        }
        // A question naming one of several subjects in the Knowledge is answered from that
        // subject's documents, which the domain answerers' aspects do not scope.
        if !question.subjects.isEmpty, let answer = fallback.answer(question, retriever: retriever, limit: limit), answer.isAnswered {
            return Outcome(answer: finish(answer, for: question), candidates: plugins.map { ($0.name, 0) })
        }
        var candidates: [(name: String, confidence: Double)] = []
        var best: Answer?
        for plugin in plugins {
            let answer = plugin.answer(question, retriever: retriever, limit: limit)
            let confidence = answer?.confidence ?? 0
            candidates.append((plugin.name, confidence))
            if let answer, confidence >= threshold, confidence > (best?.confidence ?? -1) {
                best = answer
            }
        }
        // One decline rule for every answerer: a plugin's answer stands only if one of the
        // passages it cites covers the question as the retriever's must.
        if let answer = best, let winner = plugins.first(where: { $0.name == answer.answeredBy }),
           !Self.covers(answer, question, cues: winner.vocabulary, retriever: retriever, minimum: minimumCoverage) {
            best = nil
        }
        let answer = best ?? fallback.answer(question, retriever: retriever, limit: limit)
        return Outcome(answer: finish(answer, for: question), candidates: candidates)
    }

    /// `--plugin NAME`: that answerer alone, whatever its confidence. Crisis resources still
    /// come first.
    public func route(_ question: Question, to answerer: any Answerer, retriever: Retriever, limit: Int) -> Outcome {
        let answer = answerer.answer(question, retriever: retriever, limit: limit)
        let confidence = answer?.confidence ?? 0
        let answered = answer ?? .notCovered(question.text, reason: "The \(answerer.name) answerer has nothing to say to this question.")
        return Outcome(answer: finish(answered, for: question), candidates: [(answerer.name, confidence)])
    }

    /// The coverage below which no answerer's answer stands (see `Retriever.coverage`).
    public var minimumCoverage = 0.5

    /// The answerer's own cue words count as matched: it found the aspect they ask for.
    static func covers(_ answer: Answer, _ question: Question, cues: Set<String>, retriever: Retriever, minimum: Double) -> Bool {
        guard answer.isAnswered else { return true }
        return answer.citations.contains { citation in
            let texts = [citation.section ?? "", citation.document, citation.text]
            return retriever.coverage(of: question, by: texts, asked: question.asked, cues: cues) >= minimum
        }
    }

    private func finish(_ answer: Answer?, for question: Question) -> Answer {
        let answer = answer ?? .notCovered(question.text, reason: "The Knowledge does not cover this.")
        guard let crisis else { return answer }
        return crisis.apply(crisis.assess(question), to: answer)
    }

    /// The words the answerers recognise, for `Retriever.question(_:lexicon:)`.
    public var vocabulary: Set<String> {
        answerers.reduce(into: Set<String>()) { $0.formUnion($1.vocabulary) }
    }

    /// Every answerer by name, plugins first, for `--plugin NAME` and `kq plugins`.
    public var answerers: [any Answerer] { plugins + [fallback] }

    public func answerer(named name: String) -> (any Answerer)? {
        answerers.first { $0.name == name }
    }
}
