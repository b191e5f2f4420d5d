/// Picks the sentences of the top passages that best answer a question.
///
/// A sentence scores the idf of the distinct query terms it holds, so rare, specific words
/// outweigh common ones, plus a little for its passage's rank, which breaks ties toward the
/// better passage. Questions in the text (an FAQ's "Who is a candidate…?") are never chosen:
/// they repeat the asker's words but answer nothing. A second sentence joins the first only if it
/// adds query terms the first lacks and scores at least half as well.
public struct SentenceSelector {
    public struct Choice: Sendable {
        public let hit: Int
        public let sentence: Substring
        public let score: Double
        let terms: Set<String>
    }

    public var splitter: SentenceSplitter
    public var maximumSentences: Int

    public init(splitter: SentenceSplitter = SentenceSplitter(), maximumSentences: Int = 2) {
        self.splitter = splitter
        self.maximumSentences = maximumSentences
    }

    public func select(for question: Question, from hits: [PassageHit], retriever: Retriever) -> [Choice] {
        guard let best = hits.first?.score, best > 0 else { return [] }
        let wanted = Set(question.terms)
        var candidates: [Choice] = []
        for (rank, hit) in hits.enumerated() {
            for line in splitter.sentences(in: hit.passage.text) where !line.hasSuffix("?") {
                let sentence = ListLine.content(line)
                let terms = Set(retriever.analyzer.terms(String(sentence))).intersection(wanted)
                guard !terms.isEmpty else { continue }
                let weight = terms.reduce(0) { $0 + retriever.idf($1) }
                candidates.append(Choice(hit: rank, sentence: sentence, score: weight + 0.5 * hit.score / best, terms: terms))
            }
        }
        // Stable order on equal scores: earlier passage, then earlier sentence.
        let ranked = candidates.enumerated().sorted {
            $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset
        }.map(\.element)
        guard let first = ranked.first else { return [] }
        var chosen = [first]
        var covered = first.terms
        for candidate in ranked.dropFirst() where chosen.count < maximumSentences {
            guard candidate.score >= first.score / 2, !candidate.terms.isSubset(of: covered) else { continue }
            chosen.append(candidate)
            covered.formUnion(candidate.terms)
        }
        // Read in document order when both come from one passage.
        return chosen.sorted { ($0.hit, $0.sentence.startIndex) < ($1.hit, $1.sentence.startIndex) }
    }
}
