/// Sends a question to the answerer that should take it: REPL / command → router → plugins or
/// the retriever → answer.
///
/// Routing decides from cheap signals before any answerer searches: a question about a subject
/// the Knowledge never names is declined by name; one that names a subject of the Knowledge
/// goes to the general answerer, scoped to that subject's documents, and so does one asking a
/// kind of fact no plugin states (`Asked.domain` nil), unless a plugin that catalogue does not
/// know is sure of it; otherwise the plugin whose cues are most confident (at or above
/// `threshold`; on a tie, the one earlier in `plugins`, which kq lists by priority) answers, and
/// the fallback (the retriever) when none does. Whoever answers, the same decline
/// rule holds, and a question that signals a crisis gets `crisis`'s resources first. The
/// outcome keeps every plugin's confidence so `:explain` can show why.
public struct Router {
    public var plugins: [any Answerer]
    public var fallback: any Answerer
    public var threshold: Double
    public var crisis: CrisisPolicy?

    /// The confidence a plugin needs to answer, unless a router is made with another.
    public static let defaultThreshold = 0.5

    public init(plugins: [any Answerer], fallback: any Answerer = RetrieverAnswerer(), threshold: Double = Router.defaultThreshold,
                crisis: CrisisPolicy? = nil) {
        self.plugins = plugins
        self.fallback = fallback
        self.threshold = threshold
        self.crisis = crisis
    }

    public struct Outcome {
        public let answer: Answer
        /// Each plugin's name and confidence (0 when it declined), in the order of `plugins`.
        public let candidates: [(name: String, confidence: Double)]
    }

    public func route(_ question: Question, retriever: Retriever, limit: Int) -> Outcome {
        let cheap = plugins.map { $0.confidence(for: question) }
        var candidates = zip(plugins, cheap).map { ($0.name, $1 ?? 0) }
        if let declined = RetrieverAnswerer.declined(question) {
            return Outcome(answer: finish(declined, for: question, retriever: retriever), candidates: candidates)
        }
        // A question naming one of several subjects in the Knowledge is answered from that
        // subject's documents, which the domain answerers' aspects do not scope.
        // So is one asking a kind of fact that is no plugin's domain (where to get it, how it
        // works, what a word means): no plugin's aspects state it. That catalogue knows kq's
        // own answerers only, so an answerer it does not know (a user's pack), sure the
        // question is its own, is let answer.
        let unknownDomainClaims = zip(plugins, candidates).contains { plugin, candidate in
            candidate.1 >= threshold && !Asked.domains.contains(plugin.name)
        }
        let asksNoDomain = question.asked.first.map({ $0.domain == nil }) == true
        if !question.subjects.isEmpty || (asksNoDomain && !unknownDomainClaims) {
            return Outcome(answer: finish(general(question, retriever: retriever, limit: limit), for: question, retriever: retriever),
                           candidates: candidates)
        }
        // A plugin that cannot tell its confidence without answering answers now.
        var answers: [Int: Answer] = [:]
        for (position, plugin) in plugins.enumerated() where cheap[position] == nil {
            answers[position] = plugin.answer(question, retriever: retriever, limit: limit)
            candidates[position].1 = answers[position]?.confidence ?? 0
        }
        // The most confident plugin by its cues answers; only when it has nothing does the next
        // try.
        let confidences = candidates.map(\.1)
        let order = plugins.indices.sorted { (confidences[$0], -$0) > (confidences[$1], -$1) }
        for position in order where confidences[position] >= threshold {
            let plugin = plugins[position]
            // Let in for a kind of fact no domain of kq's own covers, only those answerers may answer.
            if asksNoDomain && Asked.domains.contains(plugin.name) { continue }
            guard let answer = answers[position] ?? plugin.answer(question, retriever: retriever, limit: limit) else { continue }
            candidates[position].1 = answer.confidence
            guard answer.confidence >= threshold else { continue }
            // One decline rule for every answerer: a plugin's answer stands only if the passages it
            // cites name what the question names.
            guard Self.covers(answer, question, cues: question.cueTerms.union(plugin.vocabulary), retriever: retriever) else { break }
            return Outcome(answer: finish(answer, for: question, retriever: retriever), candidates: candidates)
        }
        return Outcome(answer: finish(general(question, retriever: retriever, limit: limit), for: question, retriever: retriever),
                       candidates: candidates)
    }

    /// The fallback's answer. It names a plugin's domain as its source only when that plugin
    /// is among the router's: under `--no-plugins` everything is the retriever's.
    private func general(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
        guard var answer = fallback.answer(question, retriever: retriever, limit: limit) else { return nil }
        if answer.answeredBy != Answer.noneName, !plugins.contains(where: { $0.name == answer.answeredBy }) {
            answer.answeredBy = fallback.name
        }
        return answer
    }

    /// `--plugin NAME`: that answerer alone, whatever its confidence. Crisis resources still
    /// come first.
    public func route(_ question: Question, to answerer: any Answerer, retriever: Retriever, limit: Int) -> Outcome {
        let answer = answerer.answer(question, retriever: retriever, limit: limit)
        let confidence = answer?.confidence ?? 0
        let answered = answer ?? .notCovered(question.text, reason: "The \(answerer.name) answerer has nothing to say to this question.")
        return Outcome(answer: finish(answered, for: question, retriever: retriever), candidates: [(answerer.name, confidence)])
    }

    /// The coverage below which no answerer's answer stands (see `Retriever.coverage`).
    /// A plugin's answer is found by its cues, not by the question's words, so it is held to
    /// the rule that matters for it: every rare word of the question (a name, a drug) that is
    /// no cue must stand in a passage it cites, or the answer is about something else.
    static func covers(_ answer: Answer, _ question: Question, cues: Set<String>, retriever: Retriever) -> Bool {
        guard answer.isAnswered else { return true }
        let cited = Set(answer.citations.flatMap { retriever.analyzer.terms([$0.section ?? "", $0.document, $0.text].joined(separator: "\n")) })
        return question.tokens.allSatisfy { token in
            cues.contains(token.term) || cited.contains(token.term) || token.term.allSatisfy(\.isNumber)
                || question.subjects.context.contains(token.term)
                || !(WordFrequencies.shared?.isRare(question.meaning(of: question.typed(token))) ?? true)
        }
    }

    /// Every answer leaves the router carrying what its renderers need: how the question's
    /// words were read, what a follow-up inherited, why it answered, and crisis resources.
    private func finish(_ answer: Answer?, for question: Question, retriever: Retriever) -> Answer {
        var answer = answer ?? .notCovered(question.text, reason: "The Knowledge does not cover this.")
        answer.readAs = question.corrections.map { correction in
            switch correction.kind {
            case .split(let parts): (correction.typed, parts.joined(separator: " "))
            case .spelling, .typo, .derived: (correction.typed, correction.replacements.map(retriever.surfaceForm).joined(separator: " "))
            }
        }
        // A name declined as missing is not shown as searched for as another.
        if !answer.isAnswered { answer.readAs.removeAll { question.subjects.missing.contains($0.typed) } }
        answer.about = question.inheritedSubject
        answer.explanation = Explanation(answer, for: question, retriever: retriever)
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
