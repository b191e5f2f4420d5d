/// The general answerer: finds, among the passages about the question's subject, the units
/// that state what the question asks for, and quotes the best for each thing asked.
///
/// - **Subject.** When the question names a subject, only passages of the documents titled
///   with it count (`Subjects`); a comparison gets a part per subject, an interaction reads both
///   subjects' documents for statements naming the other.
/// - **What is asked.** Each kind recognised (`Asked`) wants a unit that states it: under a
///   heading that files it, or in a sentence of its shape. Without a kind, the unit that shares
///   most of the question's rare words answers.
/// - **Who.** A unit whose qualifiers exclude the question's population (`Population`) loses to
///   one that fits.
/// - **Decline.** One rule, for every answerer: a missing subject, or a best unit whose passage,
///   heading and title cover less than `minimumCoverage` of the question's weight, means the
///   Knowledge does not cover it.
public struct RetrieverAnswerer: Answerer {
    public let name = "retriever"
    public let summary = "Finds the passages about the question's subject that state what it asks, and quotes them."
    public let examples = ["How does ketamine work in the brain?", "Who is a candidate for ketamine therapy?"]

    public var minimumCoverage: Double
    /// The coverage a unit needs when it states a kind asked in the subject's own documents.
    public var scopedCoverage = 0.3
    public var splitter = SentenceSplitter()
    /// Passages read for each part of an answer.
    public var searchDepth = 30

    public init(minimumCoverage: Double = 0.5) {
        self.minimumCoverage = minimumCoverage
    }

    public func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
        if let declined = Self.declined(question) { return declined }
        guard !question.uniqueTerms.isEmpty else {
            return .notCovered(question.text, reason: "There is nothing to look up in that question: it has no words the Knowledge could match.")
        }
        let subjects = question.subjects.named
        let parts: [(label: String?, subject: Subjects.Subject?)] = question.relation == .comparison
            ? subjects.map { ($0.words.joined(separator: " "), $0) }
            : [(nil, subjects.first)]
        var composer = AnswerComposer()
        var coverage = 0.0
        var answeredParts = 0
        let evidence = parts.map { part in
            var scope = part.subject?.documents
            if question.relation == .interaction { scope = subjects.reduce(into: Set<Int>()) { $0.formUnion($1.documents) } }
            return self.evidence(for: question, scope: scope, retriever: retriever)
        }
        // In a comparison asking for no kind of fact, a part whose best statement shares less
        // than two thirds of what the best part's does is silent on what was asked (“which one has a
        // heart attack warning”): a neighbour sharing one word of it is no answer. A kind
        // asked is answered by statements of it, whatever their words.
        let bestShared = evidence.map { question.asked.isEmpty ? $0.map(\.overlap).max() ?? 0 : 1 }
        let mostShared = bestShared.max() ?? 0
        for (position, part) in parts.enumerated() {
            let found = evidence[position]
            // A part of a comparison is not expected to name the other subjects.
            var others = Set(subjects.filter { part.label != nil && $0 != part.subject }.flatMap(\.terms))
                .union(question.lackedTerms).union(question.subjects.context)
            // Taken together, the evidence is one subject's text naming the other; why they are
            // taken (“for a headache”) does not decide whether it speaks to them.
            if question.relation == .interaction { others.formUnion(Set(question.terms).subtracting(subjects.flatMap(\.terms))) }
            let covered = found.map { self.coverage(of: question, by: $0.unit.hit, asked: $0.asked, ignoring: others, retriever: retriever) }.max() ?? 0
            // A statement of the kind asked, in the subject's own documents, is held to a lower
            // bar: the subject and the kind are what the question's rarest words asked for.
            let bar = part.subject != nil && found.contains(where: { $0.asked != nil }) ? scopedCoverage : minimumCoverage
            // A comparison says which subject the Knowledge is silent on, and answers the others.
            guard covered >= bar, part.label == nil || bestShared[position] >= mostShared * Self.comparedShare else {
                if let label = part.label { composer.statements.append("The Knowledge says nothing on this for \(label).") }
                continue
            }
            answeredParts += 1
            coverage = max(coverage, covered)
            for chosen in found {
                let label = [part.label, chosen.asked?.label].compactMap { $0 }.joined(separator: ", ")
                composer.add(chosen.unit, label: label.isEmpty ? nil : label.prefix(1).uppercased() + label.dropFirst())
            }
        }
        guard answeredParts > 0, !composer.lines.isEmpty else {
            return .notCovered(question.text, reason: Self.uncovered(question, retriever: retriever))
        }
        let domain = question.asked.first?.domain ?? name
        return composer.answer(to: question, answeredBy: domain, confidence: coverage)
    }

    /// The decline every answerer shares: a question about something the Knowledge never
    /// names is not covered, whatever else it shares with the Knowledge.
    public static func declined(_ question: Question) -> Answer? {
        let missing = question.subjects.missing
        guard !missing.isEmpty else { return nil }
        return .notCovered(question.text, reason: "The Knowledge does not cover this: nothing in it mentions \(Self.list(missing)).")
    }

    static func uncovered(_ question: Question, retriever: Retriever) -> String {
        if let kind = question.asked.first, let subject = question.subjects.named.first, question.subjects.named.count == 1 {
            return "The Knowledge does not say (\(kind.label.lowercased())) for \(subject.words.joined(separator: " "))."
        }
        // Only missing words that weigh are named: “stays” or “ok” are not why.
        let context = Set(question.tokens.filter { question.subjects.context.contains($0.term) }.map { question.typed($0) })
        let missing = retriever.unknownWords(in: question).filter {
            !context.contains($0) && WordFrequencies.shared?.isRare(question.meaning(of: $0)) ?? true
        }
        if !missing.isEmpty { return "The Knowledge does not cover this: nothing in it mentions \(Self.list(missing))." }
        let about = question.subjects.named.first.map { " about \($0.words.joined(separator: " "))" } ?? ""
        return "The Knowledge does not cover this: no passage\(about) speaks to \(Self.list(question.uniqueTerms.map(question.surfaceForm), joiner: "and")) together."
    }

    /// “a”, “b” or “c”: quoted words for a sentence; the caller ends the sentence. Past
    /// `shown` words the rest are counted, not listed: a pasted page must not come back whole.
    static func list(_ words: [String], joiner: String = "or", shown: Int = 6) -> String {
        let quoted = words.prefix(shown).map { "“\($0)”" }
        if words.count > shown {
            return quoted.joined(separator: ", ") + " \(joiner) other words"
        }
        switch quoted.count {
        case 0: return "its words"
        case 1: return quoted[0]
        default: return quoted.dropLast().joined(separator: ", ") + " \(joiner) " + quoted.last!
        }
    }

    /// A unit with what it shares with the question: `overlap` of the question's words, `fit`
    /// with its population, and `base` the two with the passage's rank, the verdict and
    /// referral marks, and the group it narrows to (`Qualifier`).
    struct Scored {
        let unit: QuotedUnit
        let base: Double
        let overlap: Double
        let fit: Double
        let terms: Set<String>
    }

    struct Chosen {
        let unit: QuotedUnit
        let asked: Asked?
        let score: Double
        var overlap = 0.0
        /// The question's words it holds.
        var terms: Set<String> = []
    }

    /// The best unit for each kind asked (or the best one or two when none is), best first.
    func evidence(for question: Question, scope: Set<Int>?, retriever: Retriever) -> [Chosen] {
        let asked = question.asked
        let kindTerms = asked.flatMap { retriever.analyzer.terms($0.searchWords) }
        var hits: [PassageHit] = []
        // What names each subject in another's documents: its name, or when no passage uses
        // the name, a class its own documents put it in (“oral anticoagulants” for warfarin).
        var naming: [Subjects.Subject: Set<String>] = [:]
        if question.relation == .interaction {
            let subjects = question.subjects.named
            for subject in subjects { naming[subject] = Set(subject.terms) }
            // Each subject's documents, searched for the other subjects' names.
            func search(by names: [Subjects.Subject: Set<String>]) -> (hits: [PassageHit], named: Bool) {
                var hits: [PassageHit] = [], named = false
                for subject in subjects {
                    let others = subjects.filter { $0 != subject }.flatMap { names[$0] ?? [] }
                    let found = retriever.search(terms: others + kindTerms, limit: searchDepth * 4)
                        .filter { subject.documents.contains($0.passage.document) }.prefix(searchDepth)
                    named = named || found.contains { hit in others.contains { retriever.index.frequency(of: $0, in: hit.passage.id) > 0 } }
                    hits += found
                }
                return (hits, named)
            }
            var found = search(by: naming)
            if !found.named {
                for subject in subjects { naming[subject]!.formUnion(SubjectClasses.terms(of: subject, retriever: retriever)) }
                found = search(by: naming)
            }
            hits = found.hits
        } else {
            hits = retriever.search(terms: question.terms + kindTerms, like: question.text, limit: scope == nil ? searchDepth : searchDepth * 4)
            if let scope { hits = hits.filter { scope.contains($0.passage.document) } }
            hits = Array(hits.prefix(searchDepth))
        }
        if let scope, !asked.isEmpty {
            hits += retriever.passages(in: scope, under: asked, excluding: Set(hits.map(\.passage.id)))
        }
        guard let best = hits.map(\.score).max() else { return [] }
        let (weights, cues) = contentWeights(question, scope: scope, retriever: retriever)
        let others = question.relation == .interaction ? question.subjects.named : []
        let wantsVerdict = Self.verdictQuestion.matches(question.text)
        let wantsMost = Self.mostOften.matches(question.text)
        // For who should not take a drug or when to stop, the group named is the answer.
        let readsGroups = !asked.contains(where: \.groupIsAnswer)
        let questionTerms = Set(question.terms)
        let abbreviations = retriever.abbreviations.defined(in: Set(hits.map(\.passage.document)), retriever: retriever)
        // “What does INR mean?” is answered where a document spells it out.
        let spelledOut = asked.contains { $0.name == "definition" } ? question.terms.filter { abbreviations[$0] != nil } : []
        var scored: [Scored] = []
        for hit in hits {
            let sectionTerms = Abbreviations.expanding(Set(retriever.analyzer.terms(hit.passage.section ?? "")), with: abbreviations)
            for unit in QuotedUnit.units(of: hit, splitter: splitter) {
                let written = Set(retriever.analyzer.terms(String(unit.body)))
                let terms = Abbreviations.expanding(written, with: abbreviations)
                var overlap = 0.0
                for (term, weight) in weights {
                    if terms.contains(term) { overlap += weight } else if sectionTerms.contains(term) { overlap += weight / 2 }
                }
                let cueMatch = Double(cues.filter { terms.contains($0) || sectionTerms.contains($0) }.count) * Self.cueWeight
                // An interaction is stated where one subject's text names the other.
                if !others.isEmpty {
                    let named = others.filter { subject in
                        !subject.documents.contains(hit.passage.document) && !terms.isDisjoint(with: naming[subject] ?? [])
                    }
                    guard !named.isEmpty else { continue }
                }
                let fit = question.population.fit(statement: unit.text)
                var base = 2 * overlap + cueMatch + fit
                if best > 0 { base += 0.25 * max(0, hit.score) / best }
                if !question.population.weights.isEmpty && Self.perWeight.matches(unit.body) { base += 1 }
                if wantsVerdict && Self.verdict.matches(unit.body) { base += Self.prohibition.matches(unit.body) ? 1.5 : 1 }
                if Self.referral.matches(unit.body) { base -= 1.5 }
                if spelledOut.contains(where: { written.contains($0) && abbreviations[$0]!.allSatisfy(written.contains) }) { base += 2 }
                // “The most common side effect” is what a label calls “the most frequent”.
                if wantsMost && Self.mostOften.matches(unit.body) { base += 1 }
                let narrower = readsGroups ? Qualifier.unaskedWords(in: unit.body, question: questionTerms, analyzer: retriever.analyzer,
                                                                    abbreviations: abbreviations) : 0
                base -= Self.narrowerGroupWeight * Double(min(narrower, 3))
                scored.append(Scored(unit: unit, base: base, overlap: overlap, fit: fit, terms: terms))
            }
        }
        guard !scored.isEmpty else { return [] }
        // A kind nothing states is not answered with whatever else is near: that is said plainly.
        if !asked.isEmpty {
            return chosenForKinds(asked, scored: scored, weights: weights, others: others, question: question, retriever: retriever)
        }
        let ranked = scored.filter { weights.isEmpty || $0.overlap > 0 }.sorted { $0.base > $1.base }
        guard let first = ranked.first else { return [] }
        var chosen = [Chosen(unit: first.unit, asked: nil, score: first.base, overlap: first.overlap)]
        let covered = first.terms.intersection(weights.keys)
        // A second unit joins only if it adds question words and matches and scores at least
        // half as well.
        if let second = ranked.dropFirst().first(where: {
            $0.base >= first.base / 2 && $0.overlap >= first.overlap / 2 && !$0.terms.intersection(weights.keys).isSubset(of: covered)
                && !Self.repeats($0.unit, first.unit)
        }) {
            chosen.append(Chosen(unit: second.unit, asked: nil, score: second.base, overlap: second.overlap))
        }
        return chosen
    }

    /// For each kind asked, the best units that state it (see `evidence`).
    private func chosenForKinds(_ asked: [Asked], scored: [Scored],
                                weights: [String: Double], others: [Subjects.Subject], question: Question,
                                retriever: Retriever) -> [Chosen] {
        let perKilogram = Self.perWeightAsked.matches(question.text)
        // What one subject is taken with may be a word the Knowledge never uses (“beers”):
        // then no interaction it states is with that.
        let absentParty = question.tokens.contains { token in
            retriever.index.documentFrequency(of: token.term) == 0 && token.term.contains(where: \.isLetter)
                && !question.asked.contains { $0.isCue(question.typed(token).lowercased()) }
        }
        var chosen: [Chosen] = []
        for kind in asked {
            var ranked: [Chosen] = []
            // A statement for the question's own age or weight band may state a dose as a rule
            // (“children of 40 kg or more take the adult dose”); a dose asked per kilogram is
            // stated only per kilogram.
            for candidate in scored where kind.isPossible(in: candidate.unit.body) || candidate.fit >= 2.5 {
                if perKilogram && (kind.name == "dose" || kind.name == "maximum") && !Self.perWeight.matches(candidate.unit.body) { continue }
                let section = candidate.unit.hit.passage.section
                let namedByHeading = kind.headingNamesTerm && Self.headingIsAsked(section, question: question, retriever: retriever)
                let filed = kind.filesUnder(section) || kind.filesUnder(candidate.unit.frame.map(String.init)) || namedByHeading
                // Under a heading that is the term asked, the entry's opening states its meaning;
                // what follows gives examples and exceptions.
                let opensEntry = namedByHeading && candidate.unit.position == 0 && Self.opensSection(candidate.unit.hit.passage, retriever: retriever)
                // Between two subjects, naming the other is what states an interaction, and all
                // that it must share of the question.
                let betweenSubjects = kind.name == "interaction" && !others.isEmpty
                let statements = kind.statements(in: candidate.unit.body)
                let stated = statements > 0 || betweenSubjects
                // Under a heading that files the kind, the heading speaks for the unit; elsewhere
                // it must share something of what was asked.
                guard filed || (stated && (weights.isEmpty || candidate.overlap > 0 || betweenSubjects || kind.shapeSuffices)) else { continue }
                if kind.mustShareQuestion && !weights.isEmpty && candidate.overlap == 0 { continue }
                // With one subject, what it is taken with is among the question's other words.
                if kind.name == "interaction" && others.isEmpty && (weights.isEmpty ? absentParty : candidate.overlap == 0) { continue }
                ranked.append(Chosen(unit: candidate.unit, asked: kind, score: candidate.base + (filed ? 1 : 0) + (stated ? 1 : 0) + (opensEntry ? 1 : 0)
                                        + Self.furtherStatementWeight * Double(min(max(0, statements - 1), 1)),
                                     overlap: candidate.overlap, terms: candidate.terms.intersection(weights.keys)))
            }
            // On equal scores, reading order; but of a unit and one that holds it (a list and its
            // item, a sentence and its cut-off copy in a label's highlights), the whole one.
            ranked.sort { ($0.score, -$0.unit.hit.passage.id, -$0.unit.position) > ($1.score, -$1.unit.hit.passage.id, -$1.unit.position) }
            if let first = ranked.first, let fuller = ranked.firstIndex(where: { $0.score == first.score && $0.unit.text.count > first.unit.text.count
                && ($0.unit.text.hasPrefix(first.unit.text.prefix(Self.copiedPrefix)) || $0.unit.text.contains(first.unit.body)) }) {
                ranked.swapAt(0, fuller)
            }
            guard let top = ranked.first else { continue }
            // A second unit must score nearly as well and share as much of the question: a
            // neighbour under the same heading about something else is not added.
            for candidate in ranked.prefix(2)
            where candidate.unit.text == top.unit.text || (candidate.score >= top.score * Self.secondUnitShare && candidate.overlap >= top.overlap
                && (top.terms.isEmpty || !candidate.terms.isSubset(of: top.terms))) {
                if !chosen.contains(where: { Self.repeats($0.unit, candidate.unit) }) { chosen.append(candidate) }
            }
        }
        return chosen
    }

    /// Whether one unit says what the other does: the same words, or a list that holds an item
    /// already quoted.
    static func repeats(_ a: QuotedUnit, _ b: QuotedUnit) -> Bool {
        a.text == b.text || a.text.contains(b.body) || b.text.contains(a.body)
    }

    /// Whether a passage is its section's first.
    static func opensSection(_ passage: Passage, retriever: Retriever) -> Bool {
        passage.id == 0 || retriever.knowledge.passages[passage.id - 1].section != passage.section
            || retriever.knowledge.passages[passage.id - 1].document != passage.document
    }

    /// Whether a section's own heading is a term the question uses (a glossary's “Formulary”
    /// for “what does it mean when my drug isn't on the formulary?”).
    static func headingIsAsked(_ section: String?, question: Question, retriever: Retriever) -> Bool {
        guard let last = section?.components(separatedBy: SectionPath.separator).last else { return false }
        let heading = Set(retriever.analyzer.terms(last))
        return !heading.isEmpty && heading.isSubset(of: question.terms)
    }

    /// A scope of at most this many documents is one subject's: its titles describe it, and its
    /// own passages tell its words apart.
    static let fewDocuments = 4

    /// A unit starting with this many characters of another is a copy of it.
    static let copiedPrefix = 40

    /// What each further phrase stating the kind adds to a unit that states it.
    static let furtherStatementWeight = 0.5

    /// A part of a comparison must share this much of what the best part shares of the question.
    static let comparedShare = 2.0 / 3

    /// A second unit for one kind must score this share of the first's.
    static let secondUnitShare = 0.85
    /// “Is it safe…”, “can I take…”: the answer is a verdict, which labels give as
    /// contraindications, warnings and their absence.
    static let verdictQuestion = Pattern(#"\b(safe|okay|ok|alright|can (i|my|he|she|we|you|u)|is it)\b"#,
                                         triggers: ["safe", "ok", "alright", "can ", "is it"])
    static let prohibition = Pattern(#"\b(contraindicated|do not (use|take|give))\b"#, triggers: ["contraindicated", "do not"])
    static let verdict = Pattern(#"\b(contraindicated|do not (use|take|give)|should not|not recommended|avoid|safe(ly|ty)?|not be used|ask a doctor)\b"#,
                                 triggers: ["contraindicated", "do not", "should not", "recommended", "avoid", "safe", "not be used", "ask a doctor"])
    /// A superlative of frequency, asked or stated.
    static let mostOften = Pattern(#"\bmost (common(ly)?|frequent(ly)?|often|usual(ly)?)\b|\bcommonest\b"#, triggers: ["most", "commonest"])
    /// Doses stated per kilogram, for a question that gives a weight.
    static let perWeightAsked = Pattern(#"\bmg\s*(/|per)\s*(kg|kilo)|\bper (kg|kilo)"#, triggers: ["kg", "kilo"])
    static let perWeight = Pattern(#"/\s*kg\b|\bper (kg|kilogram)"#, triggers: ["kg", "kilogram"])
    /// A sentence that sends the reader elsewhere states nothing itself.
    static let referral = Pattern(#"^\s*see\b|\bsee (full|section|also|the full)\b|\bfor complete\b|\brefer to\b"#,
                                  triggers: ["see", "complete", "refer"])

    /// Each known question word's share of the question's idf, leaving out subject words (the
    /// scope already holds them) and words that only asked for a kind (the kind's heading or
    /// pattern stands for them), which are returned apart.
    func contentWeights(_ question: Question, scope: Set<Int>?, retriever: Retriever) -> (content: [String: Double], cues: Set<String>) {
        // Words of the subject's titles describe the subject (“warfarin tablets”), as the
        // subject's own name does: the scope holds them. What the question's people lack
        // (“no insurance”) is no word a statement for them must hold, nor what the question
        // only says of its subjects (`Subjects.context`).
        var subjectTerms = Set(question.subjects.named.flatMap(\.terms)).union(question.lackedTerms).union(question.subjects.context)
        if let scope, scope.count <= Self.fewDocuments {
            for document in scope { subjectTerms.formUnion(retriever.analyzer.terms(retriever.knowledge.documents[document].title)) }
        }
        var weights: [String: Double] = [:]
        var cues = Set<String>()
        for token in question.tokens where !subjectTerms.contains(token.term) && weights[token.term] == nil {
            guard retriever.index.documentFrequency(of: token.term) > 0 else { continue }
            let typed = question.typed(token).lowercased()
            if question.asked.contains(where: { $0.isCue(typed) }) { cues.insert(token.term) } else {
                weights[token.term] = retriever.idf(token.term) * Self.rarityFactor(typed)
            }
        }
        let sum = weights.values.reduce(0, +)
        if sum > 0 { weights = weights.mapValues { $0 / sum } }
        // Within a subject's documents a word most of their passages use (“COVID” in a COVID
        // drug's fact sheet) tells nothing apart.
        if let scope, scope.count <= Self.fewDocuments {
            let passages = retriever.passageCount(in: scope)
            for (term, weight) in weights where passages > 0 {
                let share = Double(retriever.passageCount(in: scope, using: term)) / Double(passages)
                weights[term] = weight * (1 - share) * (1 - share)
            }
            // A word every passage of the subject holds asks for nothing in particular there.
            weights = weights.filter { $0.value >= 0.01 }
        }
        return (weights, cues.subtracting(weights.keys))
    }

    /// One of the commonest English words (“get”, “know”, Zipf 5 or more) or a figure (“20”,
    /// usually the population's) says less about what is asked than the rest.
    static func rarityFactor(_ word: String) -> Double {
        if word.allSatisfy(\.isNumber) { return 0.25 }
        return (WordFrequencies.shared?.zipf(word) ?? 0) >= 5 ? 0.25 : 1
    }

    /// What each word of a statement's group the question leaves out costs (`Qualifier`).
    static let narrowerGroupWeight = 0.3

    /// What a cue word of the question found in a unit adds: enough to prefer “the most common
    /// adverse reactions” to “the most frequently reported”, never enough to outweigh content.
    static let cueWeight = 0.15

    /// Coverage by the unit's whole section: a section is cut into passages by length, and
    /// what it speaks to is what all of them say.
    func coverage(of question: Question, by hit: PassageHit, asked: Asked?, ignoring: Set<String>, retriever: Retriever) -> Double {
        let section = retriever.section(around: hit.passage).map(\.text)
        return retriever.coverage(of: question, by: [hit.passage.section ?? "", hit.document.title] + section,
                                  asked: asked.map { [$0] } ?? [], ignoring: ignoring)
    }
}
