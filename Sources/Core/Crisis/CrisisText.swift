/// A message as the crisis detector reads it: the words as typed in a chat, folded to one
/// spelling each, with clause ends marked.
///
/// People in distress type fast and informally, so the reading forgives what a search
/// analyzer would not: case and apostrophes go (`I'd` → `id`, `don’t` → `dont`), common chat
/// spellings become their words (`gonna` → `going to`, `u` → `you`, `my self` → `myself`), and a
/// word within one typing slip (a letter missing, added or swapped, not replaced) of a word the
/// lexicon uses becomes that word (`anymroe` → `anymore`, `thinkin` → `thinking`). A letter
/// replaced is left alone, since that is how one English word becomes another (`putting` is
/// not `cutting`); a letter added or dropped can do that too (`bride`, `bridge`), which is why
/// only words of five letters or more are corrected, and why no rule leans on one word alone. Large counts and old years become words (`many`, `longago`). No stemming:
/// “die” and “died” say different things here.
struct CrisisText {
    /// Stands for the end of a clause: `.`, `,`, `;`, `:`, `!`, `?`, a line end, a bracket, a quote,
    /// a dash or `|`.
    static let boundary = "#"

    let words: [String]

    init(_ text: String, vocabulary: Vocabulary) {
        var words: [String] = []
        for word in Self.split(text) {
            if word == Self.boundary {
                if words.last != Self.boundary { words.append(word) }
                continue
            }
            words += Self.spellings[word] ?? [Self.number(word, after: words.last) ?? vocabulary.correcting(word)]
        }
        self.words = Self.joiningPairs(words)
    }

    /// A count of ten or more is `many` (“took 20 tylenol”); a year before 2020 after “in”,
    /// “since”, “from” or “back” is `longago` (“took his own life in 1992”).
    private static func number(_ word: String, after previous: String?) -> String? {
        guard word.allSatisfy(\.isASCII), let value = Int(word) else { return nil }
        if (1900..<2020).contains(value), let previous, ["in", "since", "from", "back"].contains(previous) { return "longago" }
        return value >= 10 ? "many" : nil
    }

    /// Lower-cased words and clause marks; apostrophes vanish inside a word, hyphens and any
    /// other character separate words.
    private static func split(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { result.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if "'’‘`´".contains(character) {
                continue
            } else {
                flush()
                if ".,;:!?\n\r()[]\"“”–—|".contains(character) || character == "\r\n" { result.append(boundary) }
            }
        }
        flush()
        return result
    }

    /// Chat spellings and contractions, as their words.
    static let spellings: [String: [String]] = [
        "gonna": ["going", "to"], "gunna": ["going", "to"], "finna": ["going", "to"], "wanna": ["want", "to"],
        "gotta": ["got", "to"], "imma": ["im", "going", "to"], "ima": ["im", "going", "to"], "tryna": ["trying", "to"],
        "u": ["you"], "ur": ["your"], "urself": ["yourself"], "ya": ["you"], "yall": ["you"], "cannot": ["cant"], "cudnt": ["couldnt"],
        "dnt": ["dont"], "aint": ["isnt"], "rly": ["really"],
        "realy": ["really"], "ppl": ["people"], "bc": ["because"], "cuz": ["because"], "coz": ["because"],
        "cos": ["because"], "tho": ["though"], "idk": ["i", "dont", "know"],
        "rn": ["right", "now"], "nite": ["night"], "tonite": ["tonight"], "tmrw": ["tomorrow"], "tmr": ["tomorrow"],
        "2nite": ["tonight"], "tonights": ["tonight", "is"], "yrs": ["years"], "yr": ["year"], "wld": ["would"], "wnat": ["want"], "deid": ["dead"], "cannae": ["cant"], "wi": ["with"], "itd": ["it", "would"], "worldd": ["world", "would"], "shd": ["should"], "thru": ["through"], "wnt": ["want"], "wana": ["want", "to"], "cld": ["could"], "shld": ["should"], "2day": ["today"], "mum": ["mom"], "mam": ["mom"], "ma": ["mom"], "pls": ["please"],
        "noone": ["nobody"], "nobodys": ["nobody"], "everyones": ["everyone"], "bf": ["boyfriend"],
        "gf": ["girlfriend"], "selfharm": ["self", "harm"], "selfharming": ["self", "harming"],
        "unaliving": ["unalive"], "unalived": ["unalive"],
    ]

    /// Two-word spellings of one word.
    private static let pairs: [String: [String: String]] = [
        "my": ["self": "myself"], "her": ["self": "herself"], "him": ["self": "himself"],
        "them": ["selves": "themselves", "self": "themself"], "any": ["more": "anymore"],
        "sewer": ["slide": "sewerslide"], "can": ["not": "cant"], "do": ["not": "dont"], "did": ["not": "didnt"],
        "will": ["not": "wont"], "would": ["not": "wouldnt"],
        "i": ["am": "im", "would": "id"], "no": ["one": "nobody"], "un": ["alive": "unalive"],
    ]

    private static func joiningPairs(_ words: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        while index < words.count {
            if index + 1 < words.count, let joined = pairs[words[index]]?[words[index + 1]] {
                result.append(joined)
                index += 2
            } else {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }

    /// Words a `~N` gap in a pattern does not step over: a negation turns what follows around
    /// (“hope they don't kill me”), and these others start something new (“i want to know if
    /// you can die from it”).
    static func stopsGap(_ word: String) -> Bool {
        word == boundary || negations.contains(word) || scopeBreakers.contains(word)
    }

    static let negations: Set<String> = [
        "not", "never", "dont", "didnt", "doesnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "no",
        "nor", "shouldnt", "hardly",
    ]

    static let scopeBreakers: Set<String> = [
        "if", "whether", "how", "what", "why", "when", "where", "who", "which", "because", "but", "than", "know",
        "ask", "asking", "wonder", "wondering", "curious", "read", "heard", "hear", "learn", "find", "said", "says",
        "say", "told", "tell", "or", "unless", "after", "before", "question", "questions", "research", "researching",
        "study", "studying", "paper", "essay", "article", "articles", "work", "works", "working",
    ]

    /// The lexicon's words, for correcting typing slips toward them.
    struct Vocabulary: Sendable {
        private let words: Set<String>
        private let prefixes: [String]
        /// The words long enough to correct toward, as characters, by length.
        private let byLength: [Int: [[Character]]]
        /// Slips are only looked for in words of five letters or more, toward words as long: among
        /// short ones a slip is too often another word (“nose” is one letter from “noose”).
        static let minimumLength = 5

        init(words: Set<String>, prefixes: Set<String>) {
            self.words = words
            self.prefixes = prefixes.sorted()
            byLength = Dictionary(grouping: words.filter { $0.count >= Self.minimumLength }.map(Array.init), by: \.count)
        }

        func correcting(_ word: String) -> String {
            guard word.count >= Self.minimumLength, !words.contains(word),
                  !prefixes.contains(where: { word.hasPrefix($0) }) else { return word }
            let typed = Array(word)
            // The first in alphabetical order when several are one slip away: a set's order
            // changes from run to run, an answer must not.
            let candidates = ((typed.count - 1)...(typed.count + 1)).flatMap { byLength[$0] ?? [] }
                .filter { Self.isOneSlip(typed, $0) }.map { String($0) }
            if let known = candidates.min() { return known }
            for prefix in prefixes where prefix.count >= Self.minimumLength {
                let start = Array(prefix)
                for length in (start.count - 1)...(start.count + 1) where length <= typed.count && length > 0 {
                    if Self.isOneSlip(Array(typed[..<length]), start) { return prefix + typed[length...] }
                }
            }
            return word
        }

        /// One letter left out, added, or two neighbours swapped; not one replaced.
        static func isOneSlip(_ a: [Character], _ b: [Character]) -> Bool {
            if a.count == b.count {
                guard let first = a.indices.first(where: { a[$0] != b[$0] }) else { return false }
                return first + 1 < a.count && a[first] == b[first + 1] && a[first + 1] == b[first]
                    && a[(first + 2)...] == b[(first + 2)...]
            }
            let (long, short) = a.count > b.count ? (a, b) : (b, a)
            guard long.count == short.count + 1 else { return false }
            let first = short.indices.first(where: { short[$0] != long[$0] }) ?? short.count
            return short[first...] == long[(first + 1)...]
        }
    }
}
