import Core

/// Routing problems a pack's cues would cause, found from example questions: its own examples
/// that its cues do not bring to it, and other answerers' examples that its cues would take.
public enum PackOverlap {
    static let threshold = Router.defaultThreshold

    public static func problems(of pack: AnswererPack, against others: [AnswererPack], analyzer: Analyzer) -> [PackProblem] {
        let mine = pack.answerer(analyzer: analyzer)
        var problems: [PackProblem] = []
        for example in pack.examples {
            let confidence = mine.confidence(for: question(example, analyzer)) ?? 0
            if confidence < threshold {
                problems.append(PackProblem(file: pack.file, line: nil, message: String(
                    format: "examples: “%@” scores %.2f by the pack's cues, under the router's %.1f: it would not reach this answerer",
                    example, confidence, threshold)))
            }
        }
        for other in others where other.name != pack.name && !other.examples.isEmpty {
            let theirs = other.answerer(analyzer: analyzer)
            let taken = other.examples.filter { example in
                let asked = question(example, analyzer)
                let mineScore = mine.confidence(for: asked) ?? 0, theirScore = theirs.confidence(for: asked) ?? 0
                return mineScore >= threshold && (mineScore > theirScore || (mineScore == theirScore && pack.priority > other.priority))
            }
            if taken.count * 2 > other.examples.count {
                problems.append(PackProblem(file: pack.file, line: nil, message:
                    "cues: they take \(taken.count) of the \(other.examples.count) example questions of \(other.name) (“\(taken[0])”); make them narrower or lower their weights"))
            }
        }
        return problems
    }

    private static func question(_ text: String, _ analyzer: Analyzer) -> Question {
        Question(text: text, tokens: analyzer.tokens(text), words: analyzer.keepingStopwords.tokens(text))
    }
}
