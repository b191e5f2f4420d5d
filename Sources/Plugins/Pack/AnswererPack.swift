import Core

/// An answerer declared as data: its cues, which route questions to it, and its aspects, each
/// with the words that ask for it, the words to search with, the rules that tell a sentence
/// stating it and what to say when none does. The engine that answers with them is
/// `AspectExtractor`; a pack holds words and patterns, never facts.
public struct AnswererPack {
    public var name: String
    public var summary: String
    /// Routing's tie-break: of answerers equally confident, the one of higher priority answers.
    public var priority = 0
    /// Whether its answers carry the medical notice.
    public var medical = true
    public var examples: [String] = []
    public var cues: [(String, Double)] = []
    public var aspects: [AspectDeclaration] = []
    /// The file it was read from.
    public var file: String

    init(name: String, summary: String, file: String) {
        self.name = name
        self.summary = summary
        self.file = file
    }

    public struct AspectDeclaration {
        public var name: String
        public var label: String
        public var askedBy: [String] = []
        /// When set, each `askedBy` phrase is also a cue of the pack at this weight.
        public var cueWeight: Double?
        public var search = ""
        public var general = false
        public var supersedes: [String] = []
        public var related: [String] = []
        var states: [StatementRule] = []
        /// Nil: the engine's plain “does not state” line; empty: nothing is said.
        var absent: [AbsentRule]?

        init(name: String, label: String) {
            self.name = name
            self.label = label
        }
    }

    /// An answerer's name, what `--plugin` selects and `answeredBy` reports: lowercase ASCII
    /// letters, digits and hyphens.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Regular expressions run on a sentence's first this many characters at most: a pack's
    /// patterns come from anyone, and a pattern has no time limit.
    static let longestSentence = 2_000

    /// The answerer this pack declares.
    public func answerer(analyzer: Analyzer) -> PackAnswerer {
        let cueWeights = cues + aspects.flatMap { aspect in aspect.cueWeight.map { weight in aspect.askedBy.map { ($0, weight) } } ?? [] }
        let extractor = AspectExtractor(domain: cueWeights, aspects: aspects.map(\.aspect), isMedical: medical, analyzer: analyzer)
        return PackAnswerer(name: name, summary: summary, examples: examples, priority: priority, file: file, extractor: extractor)
    }
}

extension AnswererPack.AspectDeclaration {
    var aspect: Aspect {
        let rules = states, name = self.name
        var aspect = Aspect(name: name, label: label, askedBy: askedBy, searchWords: search) { sentence, request in
            let bounded = EvidenceSentence(text: sentence.text.prefix(AnswererPack.longestSentence), terms: sentence.terms,
                                           items: sentence.items, hit: sentence.hit)
            for rule in rules {
                switch rule.evaluate(bounded, request, aspect: name) {
                case .skip: continue
                case .stated(let evidence): return evidence
                case .notStated: return nil
                }
            }
            return nil
        }
        aspect.general = general
        aspect.supersedes = supersedes
        aspect.related = related
        if let absent {
            aspect.absent = { request in absent.lazy.compactMap { $0.text(for: request) }.first }
        }
        return aspect
    }
}

/// An answerer made from a pack.
public struct PackAnswerer: AspectAnswerer {
    public let name: String
    public let summary: String
    public let examples: [String]
    public let priority: Int
    /// The pack file it came from.
    public let file: String
    public let extractor: AspectExtractor
}
