/// What a run of questions is about, so a follow-up that names nothing (“and how much does it
/// cost?”) is read as being about what the question before it was about. The REPL and piped
/// input keep one; `:new` starts another. One-shot commands have none.
public struct Conversation: Sendable {
    /// The words the last question was about, as typed.
    public private(set) var about: [String]?

    public init() {}

    /// The words a question inherits, or nil when it stands on its own: it names a subject or
    /// a topic of its own (“what about stomach bleeding?”), or does not read as a follow-up.
    public func inherited(by question: Question, retriever: Retriever) -> [String]? {
        guard let about, question.subjects.isEmpty, question.subjects.missing.isEmpty,
              Self.followUp.matches(question.text), Self.topic(of: question, retriever: retriever).isEmpty else { return nil }
        return about
    }

    /// Remembers what `question` was about: its subjects' words, or else its topic words. A
    /// question about a name the Knowledge lacks is about that name: a follow-up to it must not
    /// fall back on the subject before.
    public mutating func record(_ question: Question, retriever: Retriever) {
        if let inherited = question.inheritedSubject {
            about = inherited
            return
        }
        if !question.subjects.missing.isEmpty {
            about = question.subjects.missing
            return
        }
        let words = question.subjects.isEmpty ? Self.topic(of: question, retriever: retriever)
                                              : question.subjects.named.flatMap(\.words)
        if !words.isEmpty { about = words }
    }

    public mutating func forget() {
        about = nil
    }

    /// A question that begins as a continuation or leans on a pronoun for its subject.
    static let followUp = Pattern(#"^\s*(and|also|so|then|but|what about|how about)\b|\b(it|its|it's|they|them|their|this|that|these|those|one)\b"#)

    /// Known words of the question that are neither everyday English nor what it asked for (a
    /// kind's cue): “nasal spray” in “how long does the nasal spray take?”.
    static func topic(of question: Question, retriever: Retriever) -> [String] {
        var words: [String] = []
        for token in question.tokens where !token.catenated && retriever.index.documentFrequency(of: token.term) > 0 {
            let typed = question.typed(token)
            let lower = typed.lowercased()
            guard (WordFrequencies.shared?.zipf(lower) ?? 0) < WordFrequencies.frequent, !question.asked.contains(where: { $0.isCue(lower) }),
                  !words.contains(typed) else { continue }
            words.append(typed)
        }
        return words
    }

}
