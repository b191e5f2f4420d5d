import Core

/// The engine behind the domain answerers: recognises a question by its cues, works out which
/// aspects it asks for, searches the Knowledge for sentences that state each one, and composes
/// one line per aspect with its citation. When the Knowledge states an asked aspect nowhere it
/// says so plainly and reports the related aspects it does state.
///
/// Confidence is the sum of the matched domain cues' weights, at most 1. A question whose topic
/// words are all unknown to the Knowledge (“How much does a Tesla cost?”) is declined, so the
/// retriever can say the Knowledge does not cover it. A statement counts only if its passage
/// shares the question's subject words, so in a folder about many drugs “how often should I
/// take metformin” is never answered with another drug's schedule. A subject word is one some
/// document is titled with (“metformin”, not “cause” or “high”) that fewer than half the
/// documents use: a word most documents use (“ketamine” in the bundled Knowledge) is the
/// folder's own subject, which a document may take for granted (“Each infusion costs $450.”).
/// `fillers`, verbs any question may use, never count as topic.
public struct AspectExtractor {
    public let domain: CueSet
    public let aspects: [Aspect]
    public let isMedical: Bool
    /// How many passages each aspect's search reads.
    public var searchDepth = 20
    /// At most this many sentences for one aspect, each adding facets the others lack.
    public var sentencesPerAspect = 3

    /// A population fit at or below this rules a statement out (see `Population.fit`).
    static let excluded = -3.0

    /// Words of asking that name no subject.
    public static let fillers = ["use", "used", "need", "get", "make", "know", "tell", "want", "help", "work",
                                 "give", "happen", "say", "expect", "like", "thing", "things", "anything"]

    private let analyzer: Analyzer
    private let askedCues: [CueSet]
    private let fillerTerms: Set<String>
    private let splitter = SentenceSplitter()

    public init(domain: [(String, Double)], aspects: [Aspect], isMedical: Bool, analyzer: Analyzer) {
        self.domain = CueSet(domain, analyzer: analyzer)
        self.aspects = aspects
        self.isMedical = isMedical
        self.analyzer = analyzer
        self.askedCues = aspects.map { CueSet($0.askedBy, analyzer: analyzer) }
        self.fillerTerms = Set(Self.fillers.compactMap(analyzer.apply))
    }

    /// Every word of every cue, and the fillers, so none is “corrected” into another word.
    public var vocabulary: Set<String> {
        Set(domain.cues.flatMap(\.words) + askedCues.flatMap { $0.cues.flatMap(\.words) }).union(fillerTerms)
    }

    /// The aspects a question asks for and the words of the cues that asked. When it names none,
    /// the general aspects, flagged so that only what is found is reported.
    public func askedAspects(in question: Question) -> (aspects: [Aspect], cueWords: Set<String>, named: Bool) {
        var asked: [Aspect] = []
        var words = Set(domain.matches(in: question).flatMap(\.words))
        for (aspect, cues) in zip(aspects, askedCues) {
            let matched = cues.matches(in: question)
            guard !matched.isEmpty else { continue }
            asked.append(aspect)
            words.formUnion(matched.flatMap(\.words))
        }
        if asked.isEmpty { return (aspects.filter(\.general), words, false) }
        let superseded = Set(asked.flatMap(\.supersedes))
        return (asked.filter { !superseded.contains($0.name) }, words, true)
    }

    public func answer(_ question: Question, retriever: Retriever, answeredBy name: String) -> Answer? {
        let confidence = domain.score(question)
        guard confidence > 0 else { return nil }
        let (asked, cueWords, named) = askedAspects(in: question)
        let guessed = question.guessedTerms
        let topic = question.topicTerms.filter { !cueWords.contains($0) && !fillerTerms.contains($0) && !guessed.contains($0) }
        let known = topic.filter { retriever.index.documentFrequency(of: $0) > 0 }
        guard topic.isEmpty || !known.isEmpty else { return nil }
        let focus = question.uniqueTerms.filter { !guessed.contains($0) && retriever.index.documentFrequency(of: $0) > 0 }
        let distinguishing = known.filter { retriever.isTitleTerm($0) && retriever.documentShare(of: $0) < 0.5 }
        let request = AspectRequest(question: question, topic: distinguishing, focus: focus,
                                    words: Set(question.words.map(\.term)), unknownWords: retriever.unknownWords(in: question))

        var composer = Composer()
        let sentences = EvidenceSentences(analyzer: analyzer, splitter: splitter)
        let askedNames = Set(asked.map(\.name))
        for aspect in asked {
            if composer.report(aspect, evidence(for: aspect, request, retriever, sentences)) || !named { continue }
            if let statement = aspect.absent(request) { composer.answer.statements.append(statement) }
            for name in aspect.related where !askedNames.contains(name) && !composer.reported.contains(name) {
                guard let related = aspects.first(where: { $0.name == name }) else { continue }
                composer.report(related, evidence(for: related, request, retriever, sentences))
            }
        }
        if composer.answer.statements.isEmpty && composer.answer.lines.isEmpty {
            composer.answer.statements.append("The Knowledge does not say.")
        }
        return composer.answer.answer(to: question, answeredBy: name, confidence: confidence, isMedical: isMedical)
    }

    /// The sentences that best state `aspect`: the strongest statement, weighted toward the
    /// question's words (those in the sentence count fully, those elsewhere in its passage half)
    /// and the better-ranked passage, then any that add facets it lacks. When the question has a
    /// topic, a sentence whose passage shares none of it does not count.
    func evidence(for aspect: Aspect, _ request: AspectRequest, _ retriever: Retriever,
                  _ sentences: EvidenceSentences) -> [EvidenceSentence] {
        let hits = retriever.search(terms: request.focus + analyzer.terms(aspect.searchWords), limit: searchDepth)
        guard let best = hits.first?.score, best > 0 else { return [] }
        func overlap(_ terms: [String], _ sentence: EvidenceSentence) -> Double {
            let total = terms.reduce(0) { $0 + retriever.idf($1) }
            guard total > 0 else { return 0 }
            return terms.reduce(0) { sum, term in
                if sentence.terms.contains(term) { return sum + retriever.idf(term) }
                let inPassage = retriever.index.frequency(of: term, in: sentence.hit.passage.id) > 0
                return inPassage ? sum + retriever.idf(term) / 2 : sum
            } / total
        }
        var candidates: [(sentence: EvidenceSentence, evidence: Aspect.Evidence, score: Double)] = []
        for hit in hits {
            for sentence in sentences.of(hit) {
                guard let evidence = aspect.states(sentence, request), evidence.strength > 0 else { continue }
                guard request.topic.isEmpty || overlap(request.topic, sentence) > 0 else { continue }
                // A statement for people the question excludes (another age, those insured) is
                // not theirs.
                let fit = request.question.population.fit(statement: String(sentence.text))
                guard fit > Self.excluded else { continue }
                let score = evidence.strength + overlap(request.focus, sentence) + 0.25 * hit.score / best + fit / 4
                candidates.append((sentence, evidence, score))
            }
        }
        let ranked = candidates.enumerated().sorted {
            $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset
        }.map(\.element)
        guard let first = ranked.first else { return [] }
        var chosen = [first.sentence]
        var facets = first.evidence.facets
        for candidate in ranked.dropFirst() where chosen.count < sentencesPerAspect {
            guard candidate.score >= first.score * 0.6, !candidate.evidence.facets.isSubset(of: facets) else { continue }
            chosen.append(candidate.sentence)
            facets.formUnion(candidate.evidence.facets)
        }
        return chosen
    }
}

/// An answer's lines by aspect: which aspects were reported, over the shared `AnswerComposer`.
private struct Composer {
    var answer = AnswerComposer()
    var reported: Set<String> = []

    @discardableResult
    mutating func report(_ aspect: Aspect, _ sentences: [EvidenceSentence]) -> Bool {
        guard !sentences.isEmpty else { return false }
        reported.insert(aspect.name)
        for sentence in sentences {
            answer.add(aspect.render(sentence), from: sentence.hit, label: aspect.label)
        }
        return true
    }
}

/// A domain answerer built on an `AspectExtractor`: conforming types supply the extractor and
/// their name; answering is shared.
public protocol AspectAnswerer: Answerer {
    var extractor: AspectExtractor { get }
}

extension AspectAnswerer {
    public var vocabulary: Set<String> { extractor.vocabulary }

    public func confidence(for question: Question) -> Double? { extractor.domain.score(question) }

    public func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
        extractor.answer(question, retriever: retriever, answeredBy: name)
    }
}
