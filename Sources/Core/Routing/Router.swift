/// Sends a question to the answerer that should take it: REPL / command → router → plugins or
/// the retriever → answer.
///
/// Every plugin is asked. The most confident answer at or above `threshold` wins; on equal
/// confidence the plugin registered first wins. When none qualifies the fallback (the retriever)
/// answers. The outcome keeps every plugin's confidence so `:explain` can show why.
public struct Router {
    public var plugins: [any Answerer]
    public var fallback: any Answerer
    public var threshold: Double

    public init(plugins: [any Answerer], fallback: any Answerer = RetrieverAnswerer(), threshold: Double = 0.5) {
        self.plugins = plugins
        self.fallback = fallback
        self.threshold = threshold
    }

    public struct Outcome {
        public let answer: Answer
        /// Each plugin's name and confidence (0 when it declined), in registration order.
        public let candidates: [(name: String, confidence: Double)]
    }

    public func route(_ question: Question, retriever: Retriever, limit: Int) -> Outcome {
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
        let answer = best ?? fallback.answer(question, retriever: retriever, limit: limit)
            ?? .notCovered(question.text, reason: "The Knowledge does not cover this.")
        return Outcome(answer: answer, candidates: candidates)
    }

    /// The answerer called `name` alone, for `--plugin NAME`.
    public func answerer(named name: String) -> (any Answerer)? {
        ([fallback] + plugins).first { $0.name == name }
    }
}
