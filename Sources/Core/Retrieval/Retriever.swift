/// The core search engine over a Knowledge: analyses passages into an inverted index and ranks
/// them by BM25 for a question. Answerers receive it to run searches of their own.
public final class Retriever {
    public struct Settings: Sendable, Equatable {
        public var similarity: BM25
        /// Replace query terms the Knowledge never uses by their closest vocabulary term.
        public var correctSpelling: Bool
        /// Spelling is corrected only in a question with at most this many distinct unknown
        /// terms. More are not typos but another language, a paste or noise, and “correcting”
        /// each to its nearest term would answer a question nobody asked (and take seconds).
        public var maximumCorrections: Int
        /// Which retrievers rank (`--retriever`); dense and hybrid need an encoder.
        public var mode: RetrievalMode

        public init(similarity: BM25 = BM25(), correctSpelling: Bool = true, maximumCorrections: Int = 8,
                    mode: RetrievalMode = .lexical) {
            self.similarity = similarity
            self.correctSpelling = correctSpelling
            self.maximumCorrections = maximumCorrections
            self.mode = mode
        }
    }

    public let knowledge: Knowledge
    public let analyzer: Analyzer
    public let searcher: Searcher
    public let settings: Settings
    private let corrector = SpellingCorrector()
    private let wordAnalyzer: Analyzer
    /// What the Knowledge's documents abbreviate, read as answers need them.
    let abbreviations = Abbreviations()

    /// The sentence encoder, when dense or hybrid retrieval is on and the index has vectors.
    public let encoder: SentenceEncoder?
    public let dense: DenseSearcher?
    /// Candidates each retriever gives a fusion: enough that a document the other ranks first
    /// is not lost below one's cut.
    public static let fusionDepth = 100

    /// `analyzer` must be the one the Knowledge's index was built with. `encoder` is used only
    /// when `settings.mode` asks for it and every passage of the index has a vector.
    public init(knowledge: Knowledge, analyzer: Analyzer, settings: Settings = Settings(), encoder: SentenceEncoder? = nil) {
        self.knowledge = knowledge
        self.analyzer = analyzer
        self.wordAnalyzer = analyzer.keepingStopwords
        self.searcher = Searcher(index: knowledge.index, similarity: settings.similarity)
        var settings = settings
        if settings.mode != .lexical, let encoder, knowledge.index.hasVectors {
            let dense = DenseSearcher(index: knowledge.index)
            if dense.covers(dimension: encoder.dimension) {
                self.encoder = encoder
                self.dense = dense
                self.settings = settings
                return
            }
        }
        settings.mode = .lexical
        self.encoder = nil
        self.dense = nil
        self.settings = settings
    }

    /// The retrievers in use: lexical when no encoder or no vectors were at hand.
    public var mode: RetrievalMode { settings.mode }

    /// The question text's sentence vector, when dense retrieval is on.
    public func queryVector(_ text: String) -> [Float]? {
        guard mode != .lexical else { return nil }
        return encoder?.encode([text]).first
    }

    /// The sentence vectors of many questions, or nils when dense retrieval is off: encoded in
    /// batches of like length on `threads` threads.
    public func queryVectors(_ texts: [String], threads: Int) -> [[Float]?] {
        guard mode != .lexical, let encoder else { return texts.map { _ in nil } }
        let ids = texts.map { encoder.tokenizer.ids($0, maximumLength: encoder.maximumLength) }
        let order = ids.indices.sorted { ids[$0].count < ids[$1].count }
        let batches = stride(from: 0, to: order.count, by: 16).map { Array(order[$0..<min(order.count, $0 + 16)]) }
        let vectors = Slots<[[Float]]>(batches.count)
        concurrently(items: batches.count, threads: threads) { _, batch in
            vectors[batch] = encoder.encode(ids: batches[batch].map { ids[$0] })
        }
        var result = [[Float]?](repeating: nil, count: texts.count)
        for (batch, members) in batches.enumerated() {
            for (member, vector) in zip(members, vectors[batch]!) { result[member] = vector }
        }
        return result
    }

    /// Documents for analysed `terms` and the question's `vector`, by the retrievers of `mode`.
    /// `searcher` and `denseSearcher` default to this retriever's; threads pass their own.
    public func rankDocuments(terms: [String], vector: [Float]?, limit: Int, searcher: Searcher? = nil,
                              denseSearcher: DenseSearcher? = nil) -> [Hit] {
        let lexical = searcher ?? self.searcher
        return rank(vector: vector, limit: limit, lexical: { lexical.searchDocuments(terms, limit: $0) },
                    dense: (denseSearcher ?? dense).map { dense in { dense.searchDocuments($0, limit: $1) } })
    }

    /// Passages, as `rankDocuments` ranks documents.
    func rankPassages(terms: [String], vector: [Float]?, limit: Int) -> [Hit] {
        rank(vector: vector, limit: limit, lexical: { searcher.search(terms, limit: $0) },
             dense: dense.map { dense in { dense.search($0, limit: $1) } })
    }

    /// One retriever's list, or with both, each one's top `fusionDepth` (at least `limit`) fused.
    private func rank(vector: [Float]?, limit: Int, lexical: (Int) -> [Hit], dense: (([Float], Int) -> [Hit])?) -> [Hit] {
        guard mode != .lexical, let dense, let vector else { return lexical(limit) }
        if mode == .dense { return dense(vector, limit) }
        let depth = max(limit, Self.fusionDepth)
        return Fusion.reciprocalRank([lexical(depth), dense(vector, depth)], limit: limit)
    }

    /// Where a passage stands in each retriever's ranking of a question's passages (nil past
    /// the fusion's depth), and its fused score.
    public struct Ranks: Sendable {
        public let lexical: Int?
        public let dense: Int?
        public let fused: Double
    }

    public func ranks(of passage: Int, for question: Question) -> Ranks? {
        guard mode != .lexical, let dense, let vector = queryVector(question.text) else { return nil }
        let lexicalHits = searcher.search(question.terms, limit: Self.fusionDepth), denseHits = dense.search(vector, limit: Self.fusionDepth)
        let lexicalRank = lexicalHits.firstIndex { $0.id == passage }.map { $0 + 1 }
        let denseRank = denseHits.firstIndex { $0.id == passage }.map { $0 + 1 }
        let fused = [lexicalRank, denseRank].compactMap { $0 }.reduce(0) { $0 + Fusion.share(ofRank: $1) }
        return Ranks(lexical: lexicalRank, dense: denseRank, fused: fused)
    }

    public var index: IndexReader { knowledge.index }

    /// Analyses a question: its terms, with a word the Knowledge never uses replaced when there
    /// is a replacement (see `correction(for:in:lexicon:)`: only non-words are corrected, a
    /// hyphenated compound's run-together form is dropped, a run-together word is cut in two,
    /// an English word the Knowledge writes only in a derived form is read as that form), each
    /// replacement recorded so it can be shown; then its subjects (`Subjects`), what it asks for
    /// (`Asked`) and whom it is about (`Population`). Terms in `lexicon` (the answerers' cue
    /// words) count as known and may be offered as corrections.
    public func question(_ text: String, lexicon: Set<String> = [], conversation: Conversation? = nil) -> Question {
        let question = analysedQuestion(text, analysing: text, lexicon: lexicon)
        guard let conversation, let about = conversation.inherited(by: question, retriever: self) else { return question }
        var followUp = analysedQuestion(text, analysing: text + "\n" + about.joined(separator: " "), lexicon: lexicon)
        followUp.inheritedSubject = about
        return followUp
    }

    private func analysedQuestion(_ text: String, analysing analysed: String, lexicon: Set<String>) -> Question {
        let (tokens, corrections) = self.analysed(analysed, lexicon: lexicon)
        var words: [Token] = []
        for word in wordAnalyzer.tokens(analysed) where !(word.catenated && index.termID(word.term) == nil) {
            words += Self.replacing(word, by: corrections.first { $0.term == word.term })
        }
        var question = Question(text: text, tokens: tokens, words: words, corrections: corrections,
                                cueTerms: Set(tokens.map(\.term)).intersection(lexicon), analysedText: analysed)
        // Slips of everyday words are read as those words, in a question with few unknown
        // words (as spelling is corrected: more are noise, not slips).
        let unknown = question.tokens.filter { !$0.catenated && index.documentFrequency(of: $0.term) == 0 }
        if settings.correctSpelling, Set(unknown.map(\.term)).count <= settings.maximumCorrections, let frequencies = WordFrequencies.shared {
            for token in unknown {
                let typed = question.typed(token).lowercased()
                if question.meant[typed] == nil, let word = frequencies.everydayWord(near: typed) { question.meant[typed] = word }
            }
        }
        question.subjects = Subjects(of: question, in: self)
        // Two subjects taken together ask how they go together, whatever the words.
        if question.relation == .interaction, !question.asked.contains(where: { $0.name == "interaction" }),
           let together = Asked.named("interaction") {
            question.asked.append(together)
        }
        return question
    }

    /// A query's search terms alone, read as `question` reads them, for batch runs that rank
    /// and show nothing else (`kq search --queries`, `kq eval`).
    public func queryTerms(_ text: String, lexicon: Set<String> = []) -> [String] {
        analysed(text, lexicon: lexicon).tokens.map(\.term)
    }

    private func analysed(_ text: String, lexicon: Set<String>) -> (tokens: [Token], corrections: [Question.Correction]) {
        var tokens: [Token] = []
        var corrections: [Question.Correction] = []
        var decided: [String: Question.Correction?] = [:]
        let analysed = analyzer.tokens(text)
        let known = analysed.map { index.termID($0.term) != nil || lexicon.contains($0.term) }
        let unknown = Set(zip(analysed, known).lazy.filter { !$1 && !$0.catenated }.map(\.0.term))
        let correcting = settings.correctSpelling && unknown.count <= settings.maximumCorrections
        for (token, isKnown) in zip(analysed, known) {
            guard !isKnown else { tokens.append(token); continue }
            if token.catenated { continue }
            let correction: Question.Correction?
            if let known = decided[token.term] {
                correction = known
            } else {
                correction = correcting ? self.correction(for: token, in: text, lexicon: lexicon) : nil
                decided[token.term] = correction
                if let correction { corrections.append(correction) }
            }
            tokens += Self.replacing(token, by: correction)
        }
        return (tokens, corrections)
    }

    /// Only a word that is not English is corrected: one the Knowledge lacks but English has
    /// (“walk”, “metformin”) is what the person meant, and is left for coverage to weigh. A
    /// non-word of `confidentLength` letters or more that is one edit from a Knowledge term
    /// (“alopurinol”, “ibuprofin”) is read as that term with confidence; a shorter one, or one
    /// two edits away (“esketamine”), is a guess that may steer ranking but never counts toward
    /// coverage, and may still be a missing name.
    private func correction(for token: Token, in text: String, lexicon: Set<String>) -> Question.Correction? {
        let typed = String(text[token.range])
        if Self.isEnglish(typed) {
            // An English word the Knowledge writes only in a derived form (“drive” → driver,
            // “copay” → copayment), which the stemmer does not conflate, is read as that form.
            guard let derived = corrector.derivedForm(of: token.term, in: index) else { return nil }
            return .init(typed: typed, term: token.term, replacements: [derived], kind: .derived)
        }
        if let split = corrector.split(typed.lowercased(), analyzer: analyzer, in: index) {
            return .init(typed: typed, term: token.term, replacements: split.terms, kind: .split(split.words))
        }
        if let nearest = corrector.nearest(to: token.term, in: index, lexicon: lexicon) {
            // One slip in a long word is a typo; two edits may be another word (“esketamine” is
            // two from “ketamine”), so that is only a guess.
            let kind: Question.Correction.Kind = typed.count >= Self.confidentLength && nearest.distance <= 1 ? .typo : .spelling
            return .init(typed: typed, term: token.term, replacements: [nearest.term], kind: kind)
        }
        return nil
    }

    static let confidentLength = 6

    /// Common words are taken from the frequency table without loading Hunspell, and a word
    /// outside the table's 100,000 is no English word it could vouch for either (“ibuprofin”);
    /// the rare words in the table (“metformin”, and common slips such as “lenght”) are asked
    /// of Hunspell. Without the table or a dictionary, every unknown word may be corrected.
    static func isEnglish(_ word: String) -> Bool {
        guard let frequencies = WordFrequencies.shared else { return Speller.shared?.isWord(word) ?? false }
        guard let zipf = frequencies.zipf(word) else { return false }
        if zipf >= WordFrequencies.common { return true }
        guard word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0 == "'" || $0 == "-" }) else { return false }
        return Speller.shared?.isWord(word) ?? false
    }

    private static func replacing(_ token: Token, by correction: Question.Correction?) -> [Token] {
        guard let correction else { return [token] }
        return correction.replacements.map { term in
            var replaced = token
            replaced.term = term
            return replaced
        }
    }

    /// How a vocabulary term is written in the Knowledge, for showing a correction in words a
    /// person reads rather than as a stem: the first occurrence in the first passage holding it.
    public func surfaceForm(of term: String) -> String {
        guard let id = index.termID(term), let first = index.postings(id).first(where: { _ in true })?.passage else { return term }
        let passage = knowledge.passages[Int(first)]
        let document = knowledge.documents[passage.document]
        for text in [passage.text, document.title, passage.section ?? ""] {
            if let token = analyzer.tokens(text).first(where: { $0.term == term }) {
                return text[token.range].lowercased()
            }
        }
        return term
    }

    public func search(_ question: Question, limit: Int) -> [PassageHit] {
        rankPassages(terms: question.terms, vector: queryVector(question.text), limit: limit).map(passageHit)
    }

    private func passageHit(_ hit: Hit) -> PassageHit {
        let passage = knowledge.passages[hit.id]
        return PassageHit(passage: passage, document: knowledge.documents[passage.document], score: hit.score)
    }

    /// A search of an answerer's own: analysed terms, such as a question's plus an aspect's,
    /// and, when dense retrieval is on, a `sentence` whose meaning ranks passages too (the
    /// question as typed). The hits come in the retrievers' fused order but carry their BM25
    /// scores for `terms` (0 for a passage holding none of them): answerers weigh a passage by
    /// how much of the question's wording it holds, which a fused rank does not say.
    public func search(terms: [String], like sentence: String? = nil, limit: Int) -> [PassageHit] {
        let hits = rankPassages(terms: terms, vector: sentence.flatMap(queryVector), limit: limit)
        guard mode != .lexical, sentence != nil else { return hits.map(passageHit) }
        return hits.map { hit in passageHit(Hit(id: hit.id, score: searcher.explain(terms, passage: hit.id).reduce(0) { $0 + $1.score })) }
    }

    public func searchDocuments(_ question: Question, limit: Int) -> [DocumentHit] {
        rankDocuments(terms: question.terms, vector: queryVector(question.text), limit: limit).map { hit in
            DocumentHit(document: knowledge.documents[hit.id], score: hit.score)
        }
    }

    public func explain(_ question: Question, passage: Passage) -> [TermContribution] {
        searcher.explain(question.terms, passage: passage.id)
    }

    /// The question's words the Knowledge never uses, as typed: those left as they were and
    /// those replaced by a spelling guess.
    public func unknownWords(in question: Question) -> [String] {
        question.uniqueTerms.filter { index.documentFrequency(of: $0) == 0 }.map(question.surfaceForm)
            + question.corrections.filter { $0.kind == .spelling }.map(\.typed)
    }

    /// Whether some document's title uses `term`: titles name what documents are about.
    public func isTitleTerm(_ term: String) -> Bool {
        index.termID(term).map(index.isTitleTerm) ?? false
    }

    /// The share of the Knowledge's documents that use `term`, 0…1.
    public func documentShare(of term: String) -> Double {
        guard !knowledge.documents.isEmpty else { return 0 }
        guard let id = index.termID(term) else { return 0 }
        let documents = Set(index.postings(id).map { index.documentOfPassage(Int($0.passage)) })
        return Double(documents.count) / Double(knowledge.documents.count)
    }

    public func idf(_ term: String) -> Double {
        searcher.idf(of: term)
    }

    /// A term's weight in `coverage`: its idf, or for a term the Knowledge lacks, the rarest
    /// term's idf times the typed word's rarity in English. A known everyday word (“go”,
    /// “call”, “using”) or a figure weighs a tenth of its idf at least and its full idf only when
    /// rare in English: in a small Knowledge its idf is high, yet it is how a question asks, not
    /// what.
    public func weight(of term: String, in question: Question) -> Double {
        let frequency = index.documentFrequency(of: term)
        let idf = searcher.similarity.idf(documentFrequency: max(1, frequency), passageCount: index.passageCount)
        // A word read as another is weighed as the word it became.
        let replaced = question.corrections.contains { $0.replacements.contains(term) }
        let typed = replaced ? term : question.meaning(of: question.surfaceForm(of: term))
        // A figure is how a question says an age, a weight or a count, never what it is about.
        let rarity = typed.allSatisfy(\.isNumber) ? 0 : WordFrequencies.shared?.rarity(typed) ?? 1
        return frequency == 0 ? idf * rarity : idf * (0.1 + 0.9 * rarity)
    }

    /// The share of the question's weight (`weight(of:in:)`) that `texts` (a passage, its
    /// heading and its document's title) speak to. A word that only asked for one of `asked`
    /// counts as matched: the kind was found. The decline rule every answer goes through.
    public func coverage(of question: Question, by texts: [String], asked: [Asked], cues: Set<String> = [],
                         ignoring: Set<String> = []) -> Double {
        let present = Set(texts.flatMap { analyzer.terms($0) })
        let guessed = question.guessedTerms
        var total = 0.0, matched = 0.0
        var seen = Set<String>()
        // A hyphenated word counts by its parts, which stand beside it: “treatment resistant”
        // covers “treatment-resistant”.
        for token in question.tokens where !token.catenated && !ignoring.contains(token.term) && seen.insert(token.term).inserted {
            let weight = weight(of: token.term, in: question)
            total += weight
            guard !guessed.contains(token.term) else { continue }
            let typed = question.typed(token).lowercased()
            if present.contains(token.term) || cues.contains(token.term) || asked.contains(where: { $0.isCue(typed) }) {
                matched += weight
            }
        }
        return total > 0 ? matched / total : 0
    }
}

public struct PassageHit: Sendable {
    public let passage: Passage
    public let document: Document
    public let score: Double
}

public struct DocumentHit: Sendable {
    public let document: Document
    public let score: Double
}
