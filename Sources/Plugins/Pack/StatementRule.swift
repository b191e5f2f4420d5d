import Core

/// One way a sentence states an aspect, as a pack declares it (`states:`). An aspect's rules are
/// tried in order and the first that holds decides: the sentence states the aspect with the
/// rule's strength and facets, or, at strength 0, does not state it at all. Every condition given
/// must hold; a rule with none holds for any sentence.
struct StatementRule {
    /// Patterns the sentence must match, all of them.
    var sentence: [Pattern] = []
    /// Patterns it must not match.
    var not: [Pattern] = []
    /// Patterns the question must match, all of them (“in mg”, “getting home”).
    var question: [Pattern] = []
    /// Whether the sentence must (true) or must not (false) announce a list that follows it.
    var list: Bool?
    /// Headings one of which the passage's section must match.
    var section: [Pattern] = []
    /// Named patterns, each one a facet: the rule holds when any is found, as strongly as
    /// `strength` times how many are (the routes a sentence names).
    var facets: [(name: String, pattern: Pattern)] = []
    /// A pattern whose matches `qualifiers` and `facetsFrom` look at (an amount, a price).
    var match: Pattern?
    /// What the question may ask of a match (a unit, a currency): when it asks any, some match
    /// must state every one asked.
    var qualifiers: [Qualifier] = []
    /// The facets are the qualifiers the matches state (a price's currencies).
    var facetsFrom: [Qualifier] = []
    var strength = 1.0
    /// The facet reported; the aspect's name when not given.
    var facet: String?

    enum Outcome {
        case skip
        case stated(Aspect.Evidence)
        case notStated
    }

    func evaluate(_ sentence: EvidenceSentence, _ request: AspectRequest, aspect: String) -> Outcome {
        let text = sentence.text
        guard self.sentence.allSatisfy({ $0.matches(text) }), !not.contains(where: { $0.matches(text) }),
              question.allSatisfy(request.says) else { return .skip }
        if let list, list == sentence.items.isEmpty { return .skip }
        if !section.isEmpty {
            guard let heading = sentence.hit.passage.section, section.contains(where: { $0.matches(heading) }) else { return .skip }
        }
        var strength = self.strength
        var facets: Set<String> = [facet ?? aspect]
        if !self.facets.isEmpty {
            let found = self.facets.filter { $0.pattern.matches(text) }.map(\.name)
            guard !found.isEmpty else { return .skip }
            strength *= Double(found.count)
            facets = Set(found)
        }
        if let match {
            let found = match.all(in: text)
            guard !found.isEmpty else { return .skip }
            let asked = qualifiers.filter { request.says($0.asked) }
            guard asked.isEmpty || found.contains(where: { value in asked.allSatisfy { $0.stated.matches(value) } }) else { return .skip }
            if !facetsFrom.isEmpty {
                let stated = facetsFrom.filter { qualifier in found.contains { qualifier.stated.matches($0) } }.map(\.name)
                guard !stated.isEmpty else { return .skip }
                facets = Set(stated)
            }
        }
        return strength > 0 ? .stated(Aspect.Evidence(strength, facets: facets)) : .notStated
    }
}

/// Something a question may ask of a statement by name, such as a unit or a currency: how a
/// question names it, and how a statement shows it.
struct Qualifier {
    let name: String
    let asked: Pattern
    let stated: Pattern
}

/// What to say when nothing in the Knowledge states an aspect (`absent:`): the first whose
/// conditions hold. `say` may hold `{asked}`, the question's own words for the qualifiers it
/// asks (“mg per kg”), `{qualifier}`, the first of them by name (“dollars”), and `{unknown}`,
/// a word of the question that the Knowledge never uses and `unknown` matches (“pregnant”).
struct AbsentRule {
    var question: [Pattern] = []
    /// The question must ask one of these qualifiers.
    var asked: [Qualifier] = []
    var unknown: Pattern?
    var say: String

    /// The words a question uses for the qualifiers it asks, from the first to the last when
    /// they stand close (within 40 characters), else the first alone.
    static let phraseSpan = 40

    func text(for request: AspectRequest) -> String? {
        guard question.allSatisfy(request.says) else { return nil }
        var text = say
        if !asked.isEmpty {
            let named = asked.filter { request.says($0.asked) }
            guard let first = named.first else { return nil }
            let question = request.question.text
            let ranges = named.flatMap { $0.asked.ranges(in: question) }.sorted { $0.lowerBound < $1.lowerBound }
            var phrase = ranges.first.map { String(question[$0]) } ?? first.name
            if let start = ranges.first?.lowerBound, let end = ranges.map(\.upperBound).max(),
               question.distance(from: start, to: end) <= Self.phraseSpan {
                phrase = String(question[start..<end])
            }
            text = text.replacingOccurrences(of: "{asked}", with: phrase).replacingOccurrences(of: "{qualifier}", with: first.name)
        }
        if let unknown {
            guard let word = request.unknownWords.first(where: unknown.matches) else { return nil }
            text = text.replacingOccurrences(of: "{unknown}", with: word.lowercased())
        }
        return text
    }
}
