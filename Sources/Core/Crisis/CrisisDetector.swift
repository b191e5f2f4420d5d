/// Reads a message, as typed, for signs of a suicide or self-harm crisis (see `CrisisLexicon`
/// for what it looks for and why).
///
/// Each rule that matches is read in its context before it counts:
/// - **negated** (“im not suicidal”, “i dont want to die”) or **history** (“as a teenager”, “10
///   years ago”, “by accident”, in the same clause): a mention;
/// - **about whom**: the person the words are said of, found inside the match (a subject or
///   reflexive first: “kill herself”), else the nearest person before it in the clause, else
///   after. People in general (“people”, “someone”, “a friend”) make it a mention, except for
///   slang nobody uses to ask about a topic; a named topic word (“suicidal”) with nobody saying
///   it of anyone is a mention too.
///
/// Rules read as a crisis add their weights (each rule once); 1 or more is a crisis. A named
/// topic word adds 0.4 besides, so a warning sign beside it (“getting my affairs in order … if
/// its suicide”) is enough. It runs on the raw question, before spelling correction.
public struct CrisisDetector: Sendable {
    private let rules: [(rule: CrisisLexicon.Rule, pattern: WordPattern)]
    private let idioms: [WordPattern]
    private let history: [WordPattern]
    private let vocabulary: CrisisText.Vocabulary

    static let negated = "negated"

    /// What a named topic word alone adds toward a crisis.
    static let namedWeight = 0.4

    /// Built on first use (a Swift static is lazy and thread-safe): commands that never route a
    /// question, such as `kq search` and `kq index`, never pay for parsing the lexicon.
    public static let shared = CrisisDetector()

    public init() {
        let classes = WordPattern.Classes(CrisisLexicon.classes)
        rules = CrisisLexicon.rules.map { ($0, WordPattern($0.pattern, classes: classes)) }
        idioms = CrisisLexicon.idioms.map { WordPattern($0, classes: classes) }
        history = CrisisLexicon.history.map { WordPattern($0, classes: classes) }
        vocabulary = CrisisText.Vocabulary(words: classes.words, prefixes: classes.prefixes)
    }

    public func assess(_ message: String) -> CrisisAssessment {
        var words = CrisisText(message, vocabulary: vocabulary).words
        // Masking only blanks words, so the words present before it serve every prefilter.
        let distinct = Set(words)
        for idiom in idioms where idiom.couldMatch(among: distinct) {
            for range in idiom.matches(in: words) { words.replaceSubrange(range, with: repeatElement("_", count: range.count)) }
        }
        let past = history.filter { $0.couldMatch(among: distinct) }.flatMap { $0.matches(in: words) }
        let reading = Reading(words: words, past: past)

        var signals: [CrisisSignal] = []
        for (rule, pattern) in rules where pattern.couldMatch(among: distinct) {
            let found = pattern.matches(in: words).map { reading.signal(rule, at: $0) }
            // A rule counts once, at its most serious reading: the writer's own crisis before
            // someone else's (“he wants to die and so do i”).
            let best = found.first { $0.reading == .crisis && $0.subject == .writer }
                ?? found.first { $0.reading == .crisis } ?? found.first
            if let best { signals.append(best) }
        }
        // The same words count once, for the strongest rule that reads them as a crisis: two
        // rules sharing half or more of the shorter one's words are one piece of evidence.
        var crises: [CrisisSignal] = []
        for signal in signals.filter({ $0.reading == .crisis && $0.weight > 0 }).sorted(by: { $0.weight > $1.weight })
        where !crises.contains(where: { Self.sameEvidence($0.range, signal.range) }) {
            crises.append(signal)
        }
        let named = signals.contains { $0.category == .named && !$0.isNegated }
        let score = crises.reduce(0) { $0 + $1.weight } + (named ? Self.namedWeight : 0)
        // Crises first, then by weight; among equals the lexicon's order, which puts plans first.
        let ordered = signals.enumerated().sorted {
            ($0.element.reading == .crisis ? 1 : 0, $0.element.weight, -$0.offset)
                > ($1.element.reading == .crisis ? 1 : 0, $1.element.weight, -$1.offset)
        }.map(\.element)
        if score >= 1 - 1e-9 {
            let subject: CrisisAssessment.Subject = crises.contains { $0.subject == .writer } ? .writer : .someoneElse
            return CrisisAssessment(level: .crisis, subject: subject, signals: ordered)
        }
        let mentioned = signals.contains { $0.category == .named || ($0.weight >= 1 && $0.reading != .crisis) }
        return CrisisAssessment(level: mentioned ? .mention : .none, subject: .writer, signals: ordered)
    }

    static func sameEvidence(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        2 * a.clamped(to: b).count >= min(a.count, b.count)
    }

    /// A rule's match read in its message.
    private struct Reading {
        let words: [String]
        let past: [Range<Int>]
        /// “Hypothetically”, “asking for a friend” and “does anyone else” are how people ask for
        /// themselves.
        private let veiled: Bool
        /// “They” is someone the writer knows when the message names one (“my son … they”).
        private let mentionsSomeoneKnown: Bool

        init(words: [String], past: [Range<Int>]) {
            self.words = words
            self.past = past
            veiled = words.contains("hypothetically") || words.indices.contains {
                (words[$0] == "anyone" && words[($0 + 1)...].prefix(1).elementsEqual(["else"]))
                    || (words[$0] == "for" && words[($0 + 1)...].prefix(2).elementsEqual(["a", "friend"]))
            }
            mentionsSomeoneKnown = words.indices.contains {
                CrisisLexicon.relatives.contains(words[$0]) && !(($0 > 0) && Self.indefinite.contains(words[$0 - 1]))
            }
        }

        static let indefinite: Set<String> = ["a", "an", "any", "some", "your", "their"]

        func signal(_ rule: CrisisLexicon.Rule, at range: Range<Int>) -> CrisisSignal {
            let text = words[range].joined(separator: " ")
            let person = self.person(for: range)
            let category = rule.kind == .named && rule.weight == 0 ? CrisisCategory.named : rule.category
            func signal(_ reading: CrisisSignal.Reading) -> CrisisSignal {
                CrisisSignal(category: category, words: text, weight: rule.weight, reading: reading,
                             subject: person == .other ? .someoneElse : .writer, range: range)
            }
            if isNegated(range) { return signal(.mention(CrisisDetector.negated)) }
            if span(of: range, endingAt: Self.turns).overlaps(past) { return signal(.mention("in the past")) }
            // Said of people in general, an act is a topic; a weak cue is context, whoever it names.
            switch (person, rule.kind) {
            case (.generic, .plain) where rule.weight >= 1, (.generic, .named): return signal(.mention("said of people in general"))
            case (nil, .named): return signal(.mention("said of nobody in particular"))
            default: break
            }
            if rule.kind == .named && (rule.weight == 0
                || range.upperBound < words.count && CrisisLexicon.topicNouns.contains(words[range.upperBound])) {
                return signal(.mention("the topic named"))
            }
            return signal(.crisis)
        }

        /// A negation just before the match, with only words such as “going to”, “really” or
        /// “thinking about” between. “not just” and “not only” add rather than deny.
        func isNegated(_ range: Range<Int>) -> Bool {
            var index = range.lowerBound - 1
            while index >= 0, range.lowerBound - index <= 5 {
                let word = words[index]
                if CrisisText.negations.contains(word) {
                    return !["just", "only"].contains(words[index + 1])
                }
                guard Self.transparent.contains(word) else { return false }
                index -= 1
            }
            return false
        }

        static let transparent: Set<String> = [
            "going", "to", "want", "really", "actually", "ever", "be", "been", "being", "feeling", "feel", "thinking",
            "think", "about", "of", "planning", "plan", "trying", "try", "a", "the", "that", "so", "even", "at", "all",
            "am", "just", "like", "gonna", "have", "had", "any", "thoughts", "thought", "plans", "intention",
            "urges", "urge", "current",
        ]

        func clause(of range: Range<Int>) -> Range<Int> {
            span(of: range, endingAt: [])
        }

        /// The words around `range` up to a clause end or one of `turns` either side.
        func span(of range: Range<Int>, endingAt turns: Set<String>) -> Range<Int> {
            let ends = { (word: String) in word == CrisisText.boundary || turns.contains(word) }
            let start = words[..<range.lowerBound].lastIndex(where: ends).map { $0 + 1 } ?? 0
            let end = words[range.upperBound...].firstIndex(where: ends) ?? words.count
            return start..<end
        }

        /// Words that turn from the past to now: history before them is not about what follows
        /// (“i used to be happy but now i want to die”).
        static let turns: Set<String> = ["but", "now", "today", "tonight", "lately", "anymore", "still", "again"]

        enum Person { case writer, other, generic }

        /// Whom the matched words are said of.
        func person(for range: Range<Int>) -> Person? {
            // Inside the match whoever is somebody decides, a subject (“i”, “she”) first, then an
            // object (“theyd cope without me”); people in general only when nobody else is named
            // (“why do people cut themselves”), and never as an object (“a favour to them”).
            let subjects = range.filter { Self.subjects[words[$0]] != nil }
            let inside = subjects.first { person(at: $0) != .generic }
                ?? range.first { [.writer, .other].contains(person(at: $0)) } ?? subjects.first
            if let inside { return person(at: inside) }
            let clause = clause(of: range)
            if let before = (clause.lowerBound..<range.lowerBound).reversed().first(where: { person(at: $0) != nil }) {
                return person(at: before)
            }
            // After the match, whoever comes after “to” or “for” receives something (“letters to my
            // kids”); it is not whom the words are said of.
            let receives = { (index: Int) in words[max(0, index - 2)..<index].contains { $0 == "to" || $0 == "for" } }
            // People in general after it are seldom whom it is said of (“the thoughts are back and
            // theyre loud”).
            if let after = (range.upperBound..<clause.upperBound).first(where: {
                let person = person(at: $0)
                return person != nil && person != .generic && !receives($0)
            }) {
                return person(at: after)
            }
            return nil
        }

        private func person(at index: Int) -> Person? {
            let person = plainPerson(at: index)
            return person == .generic && veiled ? .writer : person
        }

        private func plainPerson(at index: Int) -> Person? {
            let word = words[index]
            if CrisisLexicon.relatives.contains(word) {
                return index > 0 && Self.indefinite.contains(words[index - 1]) ? .generic : .other
            }
            if let person = Self.subjects[word] ?? Self.objects[word] {
                if word == "my", words[(index + 1)...].prefix(4).contains(where: CrisisLexicon.relatives.contains) {
                    return .other
                }
                return person == .generic && isThey(word) && mentionsSomeoneKnown ? .other : person
            }
            return nil
        }

        private func isThey(_ word: String) -> Bool {
            ["they", "theyre", "theyd", "them", "their", "themselves", "themself"].contains(word)
        }

        /// Pronouns that say who does something, and reflexives: these decide first.
        static let subjects: [String: Person] = [
            "i": .writer, "im": .writer, "id": .writer, "ive": .writer, "ill": .writer, "myself": .writer,
            "he": .other, "hes": .other, "hed": .other, "himself": .other, "she": .other, "shes": .other, "shed": .other,
            "herself": .other, "they": .generic, "theyre": .generic, "theyd": .generic, "themselves": .generic,
            "themself": .generic, "someone": .generic, "somebody": .generic, "people": .generic, "anyone": .generic,
            "anybody": .generic, "you": .generic, "yourself": .generic, "patients": .generic, "patient": .generic,
        ]

        static let objects: [String: Person] = [
            "me": .writer, "my": .writer, "mine": .writer, "him": .other, "his": .other, "her": .other, "hers": .other,
            "them": .generic, "their": .generic, "your": .generic, "person": .generic, "individuals": .generic,
            "adults": .generic, "teens": .generic, "teenagers": .generic,
        ]
    }
}

extension CrisisSignal {
    var isNegated: Bool { reading == .mention(CrisisDetector.negated) }
}

extension Range where Bound == Int {
    fileprivate func overlaps(_ others: [Range<Int>]) -> Bool {
        others.contains { overlaps($0) }
    }
}
