import Core

/// One thing a domain answerer can report, such as a session's length or insurance cover: the
/// words in a question that ask for it, the words to search the Knowledge with, and how to tell
/// a sentence that states it. Aspects hold patterns, never facts: what they report is always a
/// sentence found in the Knowledge.
public struct Aspect {
    /// How strongly a sentence states the aspect, and which facets of it (the routes it names,
    /// the currency of a price): a second sentence is reported only if it adds a facet.
    public struct Evidence {
        public var strength: Double
        public var facets: Set<String>

        public init(_ strength: Double, facets: Set<String> = []) {
            self.strength = strength
            self.facets = facets
        }
    }

    public let name: String
    /// Starts each line it reports: “Session length: …”.
    public let label: String
    /// Cue phrases in a question that ask for this aspect; empty for one that is only ever
    /// reported in place of another (see `related`).
    public var askedBy: [String]
    /// Words added to the question's topic when searching for statements of it.
    public var searchWords: String
    /// Reported when a question in the domain asks for no aspect in particular.
    public var general = false
    /// Aspects this one makes redundant when both are asked (“maintenance” over “how often”).
    public var supersedes: [String] = []
    /// Aspects reported instead when the Knowledge states nothing for this one, so a question it
    /// cannot answer still learns what the Knowledge does say.
    public var related: [String] = []
    /// Nil or zero strength: the sentence does not state it.
    public var states: (EvidenceSentence, AspectRequest) -> Evidence?
    /// What to say when nothing states it; nil says nothing.
    public var absent: (AspectRequest) -> String?
    /// The words reported for a sentence: the sentence itself, and when it announces a list, the
    /// list's items after it (“…include: Hallucinations; Dissociation; …”).
    public var render: (EvidenceSentence) -> String = { sentence in
        guard !sentence.items.isEmpty else { return String(sentence.text) }
        // Items that are sentences keep their own stops; bare items are joined by semicolons.
        var text = String(sentence.text)
        for (number, item) in sentence.items.enumerated() {
            let previous = number == 0 ? nil : sentence.items[number - 1].last
            text += (number == 0 || previous.map { ".!?".contains($0) } == true ? " " : "; ") + item
        }
        return text + (text.last.map { ".!?".contains($0) } == true ? "" : ".")
    }

    public init(name: String, label: String, askedBy: [String], searchWords: String,
                states: @escaping (EvidenceSentence, AspectRequest) -> Evidence?) {
        self.name = name
        self.label = label
        self.askedBy = askedBy
        self.searchWords = searchWords
        self.states = states
        self.absent = { _ in "The Knowledge does not state the \(label.lowercased())." }
    }

    /// An aspect that any sentence matching `pattern` states, more strongly (1.5 rather than 1)
    /// when it also matches `boostedBy`, with a fixed statement for when none does.
    public init(name: String, label: String, askedBy: [String], searchWords: String, pattern: Pattern,
                boostedBy boost: Pattern? = nil, general: Bool = false, related: [String] = [], absent: String) {
        self.init(name: name, label: label, askedBy: askedBy, searchWords: searchWords) { sentence, _ in
            guard pattern.matches(sentence.text) else { return nil }
            return Evidence(boost?.matches(sentence.text) == true ? 1.5 : 1, facets: [name])
        }
        self.general = general
        self.related = related
        self.absent = { _ in absent }
    }
}

/// What an aspect is asked for: the question, its topic (its known words that are not cues, such
/// as “ketamine” or “infusion”) and its words, for aspects whose evidence depends on the asking
/// (a dose “in mg”, a price “in euros”).
public struct AspectRequest {
    public let question: Question
    /// The question's subject words: known terms that are no answerer's cue, that some document
    /// title uses and that fewer than half the documents use (see `AspectExtractor`).
    public let topic: [String]
    /// Every known term of the question, for ranking statements.
    public let focus: [String]
    /// The question's analysed words, stopwords kept.
    public let words: Set<String>
    /// The question's words, as typed, that the Knowledge never uses.
    public let unknownWords: [String]

    /// Whether the question's own text matches, for symbols analysis drops (“$”, “€”).
    public func says(_ pattern: Pattern) -> Bool {
        pattern.matches(question.text)
    }
}
