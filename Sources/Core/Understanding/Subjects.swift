/// What a question is about: the named things in it, found against the Knowledge.
///
/// A subject is a word of the question that names some documents in their titles and only a
/// few of them (“warfarin”, “Rogaine”): a word most titles share (“tablets”, “information”)
/// names no one document. Words naming the same documents are one subject (“amoxicillin
/// suspension”); words naming different documents are different subjects (“ibuprofen or
/// aspirin”). A missing subject is a word the Knowledge never uses that is a name or rare in
/// English (“metformin”, “Tesla”): then the Knowledge does not cover the question, whatever
/// else it shares with it. Beside subjects the Knowledge names, an unknown word is a missing
/// subject only where it stands as one of them (“warfarin with metformin”, “ibuprofen or
/// naproxen”); in brackets after one it is another name for it (“warfarin (coumadin)”), and
/// beside two, after a word saying why, it is why they are taken (“on warfarin for afib”).
public struct Subjects: Sendable {
    public struct Subject: Sendable, Hashable {
        /// As typed in the question.
        public let words: [String]
        public let terms: [String]
        /// The documents whose titles name it.
        public let documents: Set<Int>
    }

    public let named: [Subject]
    /// Words the Knowledge never uses that name what was asked about.
    public let missing: [String]
    /// Terms of unknown words that only say something of the subjects: another name for one,
    /// or why two are taken. No statement need hold them.
    public var context: Set<String> = []

    public static let none = Subjects(named: [], missing: [])

    /// A subject's documents are at most this share of the Knowledge's (and at least two).
    static let maximumShare = 0.2

    public init(named: [Subject], missing: [String]) {
        self.named = named
        self.missing = missing
    }

    public init(of question: Question, in retriever: Retriever) {
        let index = retriever.index
        let documentCount = retriever.knowledge.documents.count
        let limit = max(2, Int(Double(documentCount) * Self.maximumShare))
        var candidates: [(word: String, term: String, documents: Set<Int>)] = []
        var seen = Set<String>()
        for token in question.tokens where !token.catenated && token.term.contains(where: \.isLetter)
            && seen.insert(token.term).inserted {
            guard let id = index.termID(token.term), index.isTitleTerm(id) else { continue }
            // Titles of articles hold topic words too (“treatment-resistant depression”); names
            // are not everyday English.
            guard (WordFrequencies.shared?.zipf(question.surfaceForm(of: token.term)) ?? 0) < WordFrequencies.everyday else { continue }
            let documents = retriever.documents(titled: token.term, atMost: limit)
            // A word most titles share is the folder's own subject, which names no part of it.
            guard !documents.isEmpty, documents.count <= limit, 2 * documents.count < documentCount else { continue }
            candidates.append((question.surfaceForm(of: token.term), token.term, documents))
        }
        // The most specific first: “aspirin” (one title) before “tablets” (four).
        candidates.sort { $0.documents.count < $1.documents.count }
        var subjects: [Subject] = []
        for candidate in candidates {
            // Words naming the very same documents are one subject; a word naming others too
            // (the “aspirin” of a combination product's title) is a subject of its own.
            if let same = subjects.firstIndex(where: { $0.documents == candidate.documents }) {
                let subject = subjects[same]
                subjects[same] = Subject(words: subject.words + [candidate.word], terms: subject.terms + [candidate.term],
                                         documents: subject.documents)
            } else {
                subjects.append(Subject(words: [candidate.word], terms: [candidate.term], documents: candidate.documents))
            }
        }
        // Back in the order the question names them.
        let order = question.tokens.map(\.term)
        named = subjects.sorted { (order.firstIndex(of: $0.terms[0]) ?? 0) < (order.firstIndex(of: $1.terms[0]) ?? 0) }
        let unknown = Self.missingNames(in: question, index: index, unnamed: named.isEmpty)
        let subjectTerms = Set(named.flatMap(\.terms))
        var missing: [String] = []
        for (typed, term) in unknown {
            if Self.isAlias(term, of: subjectTerms, in: question)
                || (named.count >= 2 && Self.saysWhy(term, in: question) && !Self.standsAsSubject(term, beside: subjectTerms, in: question)) {
                context.insert(term)
            } else {
                missing.append(typed)
            }
        }
        self.missing = missing
    }

    static let animals: Set<String> = ["dog", "dogs", "puppy", "puppies", "cat", "cats", "kitten", "kittens", "pet", "pets",
                                       "horse", "horses", "rabbit", "rabbits", "bird", "birds", "ferret", "hamster", "parrot"]

    /// Words that join names in a list of them.
    private static let joiners: Set<String> = ["and", "or", "with", "vs", "versus", "plus", "nor", "&"]

    /// Words that say why a drug is taken (“for afib”, “because of gout”).
    private static let purposes: Set<String> = ["for", "because", "from", "since", "after"]

    /// Whether the word of `term` follows a word saying why (“on warfarin for afib”).
    static func saysWhy(_ term: String, in question: Question) -> Bool {
        guard let position = question.words.firstIndex(where: { $0.term == term }), position > 0 else { return false }
        return purposes.contains(question.words[position - 1].term)
    }

    /// Whether the word of `term` stands next to a subject's word, or is joined to one.
    static func standsAsSubject(_ term: String, beside subjects: Set<String>, in question: Question) -> Bool {
        let words = question.words
        guard let position = words.firstIndex(where: { $0.term == term }) else { return true }
        for step in [-1, 1] {
            var index = position + step
            while words.indices.contains(index), joiners.contains(words[index].term) { index += step }
            if words.indices.contains(index), subjects.contains(words[index].term), abs(index - position) <= 2 { return true }
        }
        return false
    }

    /// Whether the word of `term` is bracketed straight after a subject's word: “warfarin
    /// (coumadin)”.
    static func isAlias(_ term: String, of subjects: Set<String>, in question: Question) -> Bool {
        guard let token = question.tokens.first(where: { $0.term == term }),
              let position = question.words.firstIndex(where: { $0.range == token.range }), position > 0,
              subjects.contains(question.words[position - 1].term) else { return false }
        let between = question.analysedText[question.words[position - 1].range.upperBound..<token.range.lowerBound]
        return between.trimmingCharacters(in: .whitespaces) == "("
    }

    /// Unknown words (not corrected into Knowledge terms) that are rare in English, or written
    /// with a capital inside the question and not everyday words. In a question that asks for
    /// a kind of fact (side effects, a price) and names no subject of the Knowledge, an unknown
    /// word that is neither everyday nor a word of the asking is what it asks about (“the side
    /// effects of insulin”, “how much does a tesla cost”).
    static func missingNames(in question: Question, index: IndexReader, unnamed: Bool) -> [(typed: String, term: String)] {
        var missing: [(typed: String, term: String)] = []
        // A word read with confidence as another (a slip, a derived form) is not a name; a
        // guessed one still may be, as typed.
        let corrected = Set(question.corrections.filter { $0.kind != .spelling }.flatMap(\.replacements))
        let guessed = Dictionary(question.corrections.filter { $0.kind == .spelling }.flatMap { correction in
            correction.replacements.map { ($0, correction.typed) } }, uniquingKeysWith: { first, _ in first })
        for token in question.tokens where !corrected.contains(token.term) && token.term.contains(where: \.isLetter)
            && (index.documentFrequency(of: token.term) == 0 || guessed[token.term] != nil) {
            let typed = guessed[token.term] ?? question.typed(token)
            let zipf = WordFrequencies.shared?.zipf(question.meaning(of: typed)) ?? 0
            let capitalised = token.range.lowerBound != question.analysedText.startIndex && typed.first?.isUppercase == true
            let asksAbout = unnamed && !question.asked.isEmpty && zipf < WordFrequencies.everyday && !question.cueTerms.contains(token.term)
                && !question.asked.contains { $0.isCue(typed.lowercased()) }
            // An animal the Knowledge never mentions is whom the question is about, however
            // everyday the word: a label for people does not answer for a dog.
            let animal = animals.contains(typed.lowercased())
            if zipf < WordFrequencies.common || (capitalised && zipf < WordFrequencies.frequent) || asksAbout || animal,
               !missing.contains(where: { $0.typed == typed }) {
                missing.append((typed, token.term))
            }
        }
        return missing
    }

    public var isEmpty: Bool { named.isEmpty }
}

extension Retriever {
    /// The documents whose titles use `term`, if there are at most `limit` (else those found
    /// before the limit was passed).
    func documents(titled term: String, atMost limit: Int) -> Set<Int> {
        guard let id = index.termID(term) else { return [] }
        var documents = Set<Int>()
        var checked = Set<Int>()
        for posting in index.postings(id) {
            let document = index.documentOfPassage(Int(posting.passage))
            guard checked.insert(document).inserted else { continue }
            if analyzer.terms(knowledge.documents[document].title).contains(term) {
                documents.insert(document)
                if documents.count > limit { break }
            }
        }
        return documents
    }
}
