import Core
import Foundation

/// Dosing: routes, session length, how often, doses per session, maintenance, and how the dose
/// is decided, each quoted from the Knowledge. A specific question gets only what it asks
/// (“how long is an infusion” → the session length); a general one gets every aspect found.
public struct DosingAnswerer: AspectAnswerer {
    public let name = "dosing"
    public let summary = "Dosing: routes, session length, how often, doses per session, maintenance, how the dose is set."
    public let examples = [
        "How long does an IV ketamine infusion take?",
        "How often are ketamine infusions given at the start of treatment?",
        "What routes of administration are used for ketamine?",
    ]
    public let extractor: AspectExtractor

    public init(analyzer: Analyzer) {
        extractor = AspectExtractor(domain: Self.cues, aspects: DosingAspects.all, isMedical: true, analyzer: analyzer)
    }

    /// Words that mark a dosing question. Strong ones are the domain's own words; weak ones
    /// (“infusion”, “how long”) need company to pass the router's threshold of 0.5.
    static let cues: [(String, Double)] = [
        ("dose", 0.6), ("doses", 0.6), ("dosage", 0.6), ("dosing", 0.6), ("mg", 0.6), ("milligram", 0.6),
        ("kg", 0.3), ("how often", 0.6), ("frequency", 0.5), ("schedule", 0.6), ("times a week", 0.6),
        ("per week", 0.4), ("weekly", 0.4), ("taper", 0.6), ("maintenance", 0.6), ("route", 0.6),
        ("administration", 0.4), ("administered", 0.4), ("how long", 0.3), ("length", 0.4), ("duration", 0.4),
        ("how many", 0.2), ("session", 0.3), ("infusion", 0.3), ("injection", 0.3), ("nasal spray", 0.3),
        ("spray", 0.2), ("iv", 0.2), ("intravenous", 0.3), ("intramuscular", 0.3), ("take", 0.1),
        ("taken", 0.3), ("given", 0.2), ("how much", 0.2), ("maximum", 0.2), ("how * given", 0.6),
        ("how * administered", 0.6), ("how * taken", 0.6), ("how * delivered", 0.6),
    ]
}

/// The dosing aspects and the patterns that recognise their statements.
enum DosingAspects {
    static let routeKinds: [(facet: String, pattern: Pattern)] = [
        ("intravenous", Pattern(#"\bintravenous(ly)?\b|(?-i:\bIV\b)|\binfusions?\b"#)),
        ("intramuscular", Pattern(#"\bintramuscular(ly)?\b|(?-i:\bIM\b)|\binjections?\b"#)),
        ("nasal", Pattern(#"\b(intra)?nasal\b"#)),
        ("oral", Pattern(#"\boral(ly)?\b|\btablets?\b|\blozenges?\b|\btroches?\b"#)),
        ("sublingual", Pattern(#"\bsublingual(ly)?\b"#)),
    ]
    static let duration = Pattern(#"\b(?:over|for|takes?|lasting|lasts?|about|around|approximately|up to)\s+(?:about\s+)?"#
                                  + Quantity.range + #"\s*(?:minutes?|mins?|hours?|hrs?)\b(?!\s+apart)"#)
    static let frequency = Pattern(#"\b(?:twice|once|thrice|"# + Quantity.number + #" times)[- ](?:a |per |each )?(?:day|week|month)\b|\b(?:twice|once)[- ]?(?:daily|weekly|monthly)\b|\bweekly\b|\bdaily\b|\bevery\s+(?:other\s+)?(?:"# + Quantity.range + #"\s+)?(?:days?|weeks?|months?)\b|\bper (?:day|week|month)\b"#)
    static let maintenancePhase = Pattern(#"\btaper|\bmaintenance\b|\bafter (?:an |the )?initial\b|\bfollowing the initial\b|\bthereafter\b"#)
    static let initialPhase = Pattern(#"\bbegin|\bstart|\binitial(?:ly)?\b|\bfirst\b"#)
    static let askedStart = Pattern(#"\b(?:start|begin|beginning|first|initial(?:ly)?)\b"#)
    static let perSession = Pattern(#"\b"# + Quantity.range + #"\s+(?:doses|sprays|puffs|injections)\b"#)
    static let apart = Pattern(#"\bapart\b"#)
    static let decreasing = Pattern(#"\bfrequency\b.*\b(?:decreas|reduc|less)|\bless often\b"#)
    static let amount = Pattern(#"\b"# + Quantity.range + #"\s*(?:mg|milligrams?|mcg|micrograms?|µg|ml|milliliters?)\b(?:\s*(?:/|per)\s*(?:kg|kilogram)s?\b)?"#)
    static let doseWord = Pattern(#"\b(?:dose|doses|dosage|dosing|amount)\b"#)
    static let doseBasis = Pattern(#"\bbased on\b|\bdepend|\btailor|\bweight\b|\bdetermin|\badjust|\bpersonali[sz]|\bindividual"#)
    static let concreteBasis = Pattern(#"\bweight\b|\bmedical history\b|\bage\b"#)
    static let unitWords = Pattern(#"\b(?:mg|milligrams?|mcg|micrograms?|ml|milliliters?)\b(?:\s*(?:/|per)\s*(?:kg|kilograms?)\b)?|\b(?:kg|kilograms?)\b"#)

    static var all: [Aspect] { [route, sessionLength, schedule, perSessionDoses, maintenance, amountAspect, basis] }

    static var route: Aspect {
        var aspect = Aspect(name: "route", label: "Routes", askedBy: ["route", "routes", "form", "forms", "way", "ways", "method", "how * given",
                                      "how * administered", "how * delivered", "given as", "be given", "injection",
                                      "injections", "intramuscular", "oral", "orally", "pill", "tablet"],
                            searchWords: "intravenous IV infusion intramuscular injection nasal spray oral forms administered") { sentence, _ in
            let kinds = Set(routeKinds.filter { $0.pattern.matches(sentence.text) }.map(\.facet))
            return kinds.isEmpty ? nil : Aspect.Evidence(Double(kinds.count), facets: kinds)
        }
        aspect.general = true
        aspect.absent = { _ in "The Knowledge does not say how it is given." }
        return aspect
    }

    static var sessionLength: Aspect {
        Aspect(name: "length", label: "Session length", askedBy: ["how long", "length", "duration", "minutes", "hours"],
               searchWords: "over minutes hours takes lasts", pattern: duration, general: true,
               absent: "The Knowledge does not say how long a session takes.")
    }

    static var schedule: Aspect {
        var aspect = Aspect(name: "schedule", label: "How often",
                            askedBy: ["how often", "frequency", "frequent", "schedule", "times a week", "per week",
                                      "weekly", "how many sessions", "how many treatments", "how many infusions"],
                            searchWords: "twice weekly every week month period begin initially") { sentence, request in
            guard frequency.matches(sentence.text) else { return nil }
            // The start of a course and its maintenance are told apart by their wording.
            if maintenancePhase.matches(sentence.text) { return Aspect.Evidence(0.3, facets: ["maintenance"]) }
            let wantsStart = request.says(askedStart) && initialPhase.matches(sentence.text)
            return Aspect.Evidence(wantsStart ? 1.5 : 1, facets: ["schedule"])
        }
        aspect.general = true
        aspect.absent = { _ in "The Knowledge does not say how often treatments are given." }
        return aspect
    }

    static var perSessionDoses: Aspect {
        var aspect = Aspect(name: "session", label: "Each session",
                            askedBy: ["how many doses", "per session", "each session", "taken", "take it",
                                      "self-administer", "how * given", "how * administered"],
                            searchWords: "doses apart session self-administer") { sentence, _ in
            let strength = (perSession.matches(sentence.text) ? 1 : 0) + (apart.matches(sentence.text) ? 0.5 : 0)
            return strength > 0 ? Aspect.Evidence(strength, facets: ["session"]) : nil
        }
        aspect.general = true
        aspect.absent = { _ in "The Knowledge does not say how many doses a session holds." }
        return aspect
    }

    static var maintenance: Aspect {
        var aspect = Aspect(name: "maintenance", label: "Maintenance",
                            askedBy: ["maintenance", "taper", "after the first", "after the initial", "long term",
                                      "long-term", "ongoing", "afterwards", "later on"],
                            searchWords: "maintenance taper every weeks after initial") { sentence, _ in
            guard maintenancePhase.matches(sentence.text) else { return nil }
            if frequency.matches(sentence.text) { return Aspect.Evidence(2, facets: ["maintenance"]) }
            return decreasing.matches(sentence.text) ? Aspect.Evidence(1, facets: ["maintenance"]) : nil
        }
        aspect.general = true
        aspect.supersedes = ["schedule"]
        aspect.absent = { _ in "The Knowledge does not say how often maintenance treatments are given." }
        return aspect
    }

    /// An amount with a unit. When the question names units (“in mg per kg”) only a statement in
    /// those units answers it; otherwise the Knowledge is said to give none, and how the dose is
    /// decided is reported instead.
    static var amountAspect: Aspect {
        var aspect = Aspect(name: "amount", label: "Dose",
                            askedBy: ["what dose", "which dose", "what dosage", "the dose", "the dosage", "a dose", "each dose", "per dose",
                                      "how much * dose", "how much * given", "mg",
                                      "milligram", "milligrams", "kg",
                                      "maximum", "minimum", "highest", "lowest", "typical", "usual", "standard",
                                      "starting dose", "recommended"],
                            searchWords: "dose dosage mg amount") { sentence, request in
            let amounts = amount.all(in: sentence.text).map { $0.lowercased() }
            guard !amounts.isEmpty else { return nil }
            let units = requestedUnits(request)
            let fits = amounts.contains { found in units.allSatisfy { group in group.contains { found.contains($0) } } }
            return fits ? Aspect.Evidence(1, facets: ["amount"]) : nil
        }
        aspect.related = ["basis"]
        aspect.absent = { request in
            if let units = unitWords.all(in: request.question.text).first.map({ _ in unitPhrase(request.question.text) }) {
                return "The Knowledge states no dose in “\(units)”."
            }
            return "The Knowledge states no amount for a dose."
        }
        return aspect
    }

    static var basis: Aspect {
        var aspect = Aspect(name: "basis", label: "How the dose is set",
                            askedBy: ["how is the dose decided", "how is the dose determined", "based on", "weight",
                                      "determine", "decide", "calculated"],
                            searchWords: "dosage dose amount based weight medical history tailor determining") { sentence, _ in
            guard doseWord.matches(sentence.text), doseBasis.matches(sentence.text) else { return nil }
            return Aspect.Evidence(concreteBasis.matches(sentence.text) ? 1.5 : 1, facets: ["basis"])
        }
        aspect.general = true
        aspect.absent = { _ in "The Knowledge does not say how the dose is decided." }
        return aspect
    }

    /// Units a question may ask a dose in, each as the spellings a statement may use and the
    /// pattern that finds any of them (plural or not) in a question.
    static let units: [(spellings: [String], asked: Pattern)] = [
        ["mg", "milligram"], ["mcg", "microgram", "µg"], ["ml", "milliliter"], ["kg", "kilogram"],
    ].map { spellings in (spellings, Pattern(#"\b(?:"# + spellings.joined(separator: "|") + #")s?\b"#)) }

    /// The units a question asks a dose in: for each, the spellings a statement may use.
    static func requestedUnits(_ request: AspectRequest) -> [[String]] {
        units.filter { request.says($0.asked) }.map(\.spellings)
    }

    /// The question's own words from its first unit to its last: “mg per kg”. Units far apart
    /// are not one phrase, so then the first unit alone is quoted.
    static func unitPhrase(_ text: String) -> String {
        let found = unitWords.all(in: text)
        guard let first = found.first, let last = found.last,
              let start = text.range(of: first), let end = text.range(of: last, options: .backwards),
              start.lowerBound <= end.lowerBound, text.distance(from: start.lowerBound, to: end.upperBound) <= 40
        else { return found.first ?? "" }
        return String(text[start.lowerBound..<end.upperBound])
    }
}
