import Foundation

/// Who a question is about, and whether a statement's qualifiers fit them: “my 10 year old”
/// against “children under 12 years: ask a doctor” and “adults and children 12 years and over”,
/// “a 20 kg child” against “3.5 kg to less than 40 kg”. A dose for one population quoted to
/// another is the wrong fact, however well its words match.
public struct Population: Sendable, Equatable {
    /// Ranges in years and in kilograms; a bound the text leaves open is infinite. A question
    /// names one of each at most; a statement may qualify several (“3.5 kg to less than 40 kg…
    /// 40 kg and higher”).
    public var ages: [ClosedRange<Double>]
    public var weights: [ClosedRange<Double>]
    public var child = false
    public var adult = false
    /// What the question's people say they do not have (“if i have no insurance”, “without a
    /// prescription”): the stems of those words. A statement that takes it for granted (“your
    /// health insurance or plan's allowed amount”) is about other people.
    public var lacking: [String] = []

    public var isEmpty: Bool { ages.isEmpty && weights.isEmpty && !child && !adult && lacking.isEmpty }

    /// The population a question names.
    public init(question text: String) {
        let lower = text.lowercased()
        ages = Self.ranges(in: lower, kind: .age)
        weights = Self.ranges(in: lower, kind: .weight)
        child = Self.names(Self.childWords, Self.childStems, in: lower) || ages.contains { $0.upperBound < 18 }
        adult = Self.names(Self.adultWords, ["adult", "grown"], in: lower) || ages.contains { $0.lowerBound >= 18 }
        lacking = Self.lacked.captures(in: lower).filter { !Self.notThings.contains($0) }.map(Self.stem)
    }

    /// What a person says they have not got: “have no X”, “don't have X”, “I'm without X”,
    /// “uninsured”. A condition of taking something (“without food”) is not this.
    private static let lacked = Pattern(
        #"(?:\b(?:(?:have|having|got) no|(?:do ?n[o']?t|never) have(?: any| a| an)?|(?:i'?m|i am|we'?re|we are|living|currently) without(?: any| a| an)?|lack(?:ing)?(?: any)?)\s+(?:health\s+)?|\bun(?=insured\b))([a-z]{4,})"#,
        triggers: ["no", "without", "have", "lack", "uninsur"])
    /// Words after “no” that name no thing a person has (“no longer”, “no more”, “no idea”).
    private static let notThings: Set<String> = ["longer", "more", "idea", "matter", "need", "doubt", "problem", "problems",
                                                 "change", "side", "effect", "effects", "relief", "improvement", "better"]

    /// A word's stem for matching its other forms (insurance, insured, insurer): its first
    /// letters, as many as leave off a usual ending.
    private static func stem(_ word: String) -> String {
        String(word.prefix(max(5, word.count - 4)))
    }

    /// Whether `text` names the lacked thing as something had (not “no”, “without”, “can't
    /// afford any” before it), and whether it names it as lacked.
    private static func mentions(_ stem: String, in text: String) -> (had: Bool, lacked: Bool) {
        var had = false, lacked = false
        var searched = text.startIndex..<text.endIndex
        while let found = text.range(of: stem, range: searched) {
            searched = found.upperBound..<text.endIndex
            let start = text[..<found.lowerBound]
            guard start.last.map({ !$0.isLetter }) ?? true else { continue }
            let before = start.suffix(24).split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "’" }).suffix(3)
            if before.contains(where: { ["no", "without", "not", "uninsured", "lack", "lacking"].contains($0) || $0.hasSuffix("n't") || $0.hasSuffix("n’t") }) {
                lacked = true
            } else {
                had = true
            }
        }
        return (had, lacked)
    }

    /// Whether `pattern` matches, tried only when the text holds one of `stems`: most
    /// questions name no one, and need no regular expression for it.
    private static func names(_ pattern: Pattern, _ stems: [String], in text: String) -> Bool {
        stems.contains { text.contains($0) } && pattern.matches(text)
    }

    private static let childStems = ["child", "kid", "son", "daughter", "pediatric", "paediatric", "bab", "infant", "toddler",
                                     "teen", "adolescent", "neonate"]

    /// How well a statement's qualifiers fit the question's population: positive when it names
    /// the same people, strongly negative when its ranges exclude them, 0 when it says nothing
    /// either way or qualifies both the question's people and others. Only what the question
    /// names is read from the statement.
    public func fit(statement text: String) -> Double {
        guard !isEmpty else { return 0 }
        let lower = text.lowercased()
        var score = 0.0
        for stem in lacking {
            let mention = Self.mentions(stem, in: lower)
            if mention.had { score -= 3 } else if mention.lacked { score += 1.5 }
        }
        for (asked, kind) in [(ages.first, Kind.age), (weights.first, Kind.weight)] {
            guard let asked else { continue }
            let stated = Self.ranges(in: lower, kind: kind)
            guard !stated.isEmpty else { continue }
            let fitting = stated.filter { $0.overlaps(asked) }.count
            score += fitting == stated.count ? 2.5 : fitting == 0 ? -3 : 0
        }
        guard child || adult else { return score }
        let statesChild = Self.names(Self.childWords, Self.childStems, in: lower)
        let statesAdult = Self.names(Self.adultWords, ["adult", "grown"], in: lower)
        if child {
            if statesChild { score += 1.5 } else if statesAdult { score -= 1 }
        } else if statesAdult {
            score += 1
        } else if statesChild {
            score -= 1
        }
        return score
    }

    private static let childWords = Pattern(#"\b(child|children|kids?|son|daughter|pediatric|paediatric|bab(y|ies)|infants?|toddlers?|teens?|teenagers?|adolescents?|neonates?)\b"#)
    private static let adultWords = Pattern(#"\b(adults?|grown[- ]ups?)\b"#)

    /// How a range is written, for a number (or two) and a unit.
    private enum Form {
        case between, under, atLeast, atMost, exactly
    }

    /// Each unit's regular expressions, made once: ranges (“6 to 11 years”, “3.5 kg to less
    /// than 40 kg”), bounds (“under 12 years”, “12 years and over”, “> 3 months”, “12 weeks or
    /// younger”) and a bare figure (“10 year old”, “a 20 kg child”). Ages count only with a
    /// word that makes them ages, so “14 days” of treatment is not an age.
    private static let forms: [(kind: Kind, regex: NSRegularExpression, form: Form, scale: Double)] = {
        let number = #"(\d+(?:\.\d+)?)"#
        let units: [(Kind, String, Double)] = [
            (.age, #"years?|yrs?"#, 1), (.age, #"months?"#, 1.0 / 12), (.age, #"weeks?"#, 1.0 / 52),
            (.weight, #"kg|kilograms?"#, 1), (.weight, #"lbs?|pounds?"#, 0.4536),
        ]
        var made: [(Kind, NSRegularExpression, Form, Double)] = []
        for (kind, unit, scale) in units {
            var forms: [(String, Form)] = [
                (#"\#(number)\s*(?:\#(unit))?\s*(?:to|-|–)\s*(?:less than\s*)?\#(number)\s*(?:\#(unit))\b"#, .between),
                (#"(?:under|younger than|less than|below|<)\s*\#(number)\s*(?:\#(unit))\b"#, .under),
                (#"\#(number)\s*(?:\#(unit))\s*(?:of age\s*)?(?:old\s*)?(?:and|or)\s*(?:over|older|above|higher|more)\b"#, .atLeast),
                (#"(?:over|older than|above|at least|more than|>|≥)\s*\#(number)\s*(?:\#(unit))\b"#, .atLeast),
                (#"\#(number)\s*(?:\#(unit))\s*(?:old\s*)?(?:or|and)\s*(?:younger|under|less|below)\b"#, .atMost),
                (#"(?:≤|up to)\s*\#(number)\s*(?:\#(unit))\b"#, .atMost),
                (#"\#(number)[- ]?(?:\#(unit))[- ]?old\b"#, .exactly),
            ]
            if kind == .weight { forms.append((#"\#(number)\s*(?:\#(unit))\b"#, .exactly)) }
            for (source, form) in forms {
                made.append((kind, try! NSRegularExpression(pattern: source, options: [.caseInsensitive]), form, scale))
            }
        }
        return made
    }()

    private enum Kind { case age, weight }

    /// The ranges of `kind` the text states, in years or kilograms: each stretch of text read
    /// once, by the first form that fits it.
    private static func ranges(in text: String, kind: Kind) -> [ClosedRange<Double>] {
        guard text.contains(where: \.isNumber) else { return [] }
        let whole = NSRange(text.startIndex..., in: text)
        var found: [ClosedRange<Double>] = []
        var taken: [NSRange] = []
        for entry in forms where entry.kind == kind {
            for match in entry.regex.matches(in: text, range: whole)
            where !taken.contains(where: { NSIntersectionRange($0, match.range).length > 0 }) {
                let numbers = (1..<match.numberOfRanges).compactMap { group in
                    Range(match.range(at: group), in: text).flatMap { Double(text[$0]) }.map { $0 * entry.scale }
                }
                guard let first = numbers.first else { continue }
                taken.append(match.range)
                switch entry.form {
                case .between: found.append(first...max(first, numbers.count > 1 ? numbers[1] : first))
                case .under: found.append(0...max(0, first.nextDown))
                case .atLeast: found.append(first...Double.infinity)
                case .atMost: found.append(0...first)
                case .exactly: found.append(first...first)
                }
            }
        }
        return found
    }
}
