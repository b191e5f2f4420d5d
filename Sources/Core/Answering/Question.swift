/// A question as typed, and as the analyzer sees it.
public struct Question: Sendable {
    public let text: String
    /// Analysed tokens, with any spelling corrections already applied to their terms.
    public let tokens: [Token]
    /// Every word analysed, stopwords kept and corrections applied: what intent cues such as
    /// “how long” match against (see `CueSet`).
    public let words: [Token]
    /// Terms the Knowledge does not use, and the vocabulary terms searched for instead.
    public let corrections: [Correction]
    /// Its terms that some answerer reads as a cue (“dose”, “safe”, “how long”) rather than
    /// as what the question is about.
    public let cueTerms: Set<String>

    /// The named things it is about, and those the Knowledge lacks (see `Subjects`).
    public var subjects: Subjects = .none
    /// What it asks for: a dose, how often, side effects… (see `Asked`).
    public var asked: [Asked] = []
    /// Who it is about: an age, a weight, a child or an adult (see `Population`).
    public var population: Population
    /// Set when a follow-up took its subject from the question before (“and how much does it
    /// cost?”): the words it took, shown as “about: …”.
    public var inheritedSubject: [String]?

    /// What was analysed: `text`, followed for a follow-up by the words it inherited.
    public let analysedText: String
    /// Words the Knowledge lacks, typed as slips of everyday words (“tomorow”, “isnt”), with
    /// the word meant: weighed as that word, never taken for a name.
    public var meant: [String: String] = [:]

    public init(text: String, tokens: [Token], words: [Token]? = nil, corrections: [Correction] = [],
                cueTerms: Set<String> = [], analysedText: String? = nil) {
        self.text = text
        self.analysedText = analysedText ?? text
        self.tokens = tokens
        self.words = words ?? tokens
        self.corrections = corrections
        self.cueTerms = cueTerms
        self.asked = Asked.recognised(in: text.lowercased())
        self.population = Population(question: text)
    }

    /// How the question relates two or more subjects: each asked about (“ibuprofen or
    /// aspirin”), or together (“ibuprofen with warfarin”).
    public enum Relation: Sendable { case single, comparison, interaction }

    /// Two subjects are compared when the question says so (“which”, “vs”, “each”, “compare”);
    /// otherwise they are taken together (“can I take X with Y, or is it risky”).
    public var relation: Relation {
        guard subjects.named.count >= 2 else { return .single }
        return Self.comparing.matches(text) ? .comparison : .interaction
    }

    static let comparing = Pattern(#"\b(compar\w*|vs|versus|differen\w*|which|each|better|safer|stronger|longer|weaker)\b"#)

    /// What the question is about: its terms that are not cues, such as “ketamine” or
    /// “metformin”.
    public var topicTerms: [String] {
        uniqueTerms.filter { !cueTerms.contains($0) }
    }

    public struct Correction: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// The nearest vocabulary term by edit distance to a short non-word: a guess.
            case spelling
            /// The nearest vocabulary term to a longer non-word (`ibuprofin`): read as meant.
            case typo
            /// A vocabulary term derived from the word (`copay` → `copayment`): read as meant.
            case derived
            /// A run-together word cut into two vocabulary terms (`sideeffects`): the words.
            case split([String])
        }

        /// The word as typed.
        public let typed: String
        /// The analysed term it became, and the vocabulary terms used instead.
        public let term: String
        public let replacements: [String]
        public let kind: Kind

        public init(typed: String, term: String, replacements: [String], kind: Kind) {
            self.typed = typed
            self.term = term
            self.replacements = replacements
            self.kind = kind
        }
    }

    public var terms: [String] { tokens.map(\.term) }

    /// The terms of what the question's people lack (“no insurance”): a statement need not
    /// hold them, and one that takes them for granted is about other people (`Population`).
    public var lackedTerms: Set<String> {
        guard !population.lacking.isEmpty else { return [] }
        return Set(tokens.filter { token in population.lacking.contains { typed(token).lowercased().hasPrefix($0) } }.map(\.term))
    }

    /// Vocabulary terms a spelling guess put in. A run-together word cut into its parts is not
    /// a guess: its parts are what was typed.
    public var guessedTerms: Set<String> {
        Set(corrections.filter { $0.kind == .spelling }.flatMap(\.replacements))
    }

    public var uniqueTerms: [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }

    /// The words of the question that produced `term`, as the user wrote them.
    public func surfaceForm(of term: String) -> String {
        guard let token = tokens.first(where: { $0.term == term }) else { return term }
        return typed(token)
    }

    /// A word as it was meant (see `meant`), in lower case.
    public func meaning(of typed: String) -> String {
        let lower = typed.lowercased()
        return meant[lower] ?? lower
    }

    /// A token's words as typed. Tokens point into `analysedText`: the question, and for a
    /// follow-up the words it inherited.
    public func typed(_ token: Token) -> String {
        String(analysedText[token.range])
    }
}
