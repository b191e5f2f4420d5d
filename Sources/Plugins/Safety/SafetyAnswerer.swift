import Core

/// Safety: side effects (as a list when the text lists them), how long they last, monitoring,
/// precautions such as a driver home, who should not have the treatment, misuse and regulation.
/// A question that names suicide or self-harm is this answerer's with full confidence: it reports
/// what the Knowledge says about suicidal thoughts. Whether the question also signals a crisis is
/// not its business: the router asks `CrisisPolicy` of every answer, whoever gives it.
public struct SafetyAnswerer: AspectAnswerer {
    public let name = "safety"
    public let summary = "Safety: side effects and how long they last, monitoring, precautions, who should not have it, regulation."
    public let examples = [
        "What are the common side effects of ketamine therapy?",
        "Do I need someone to drive me home after a ketamine treatment?",
        "Are the side effects of ketamine permanent?",
    ]
    public let extractor: AspectExtractor

    public init(analyzer: Analyzer) {
        let suicidality = Self.suicidality.map { ($0, 1.0) }
        extractor = AspectExtractor(domain: Self.cues + suicidality, aspects: SafetyAspects.all, isMedical: true, analyzer: analyzer)
    }

    /// Words that name suicidal thoughts or self-harm as what is asked about.
    static let suicidality = [
        "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life", "take my own life",
        "want to die", "wanna die", "wish I were dead", "better off dead", "don't want to live", "do not want to live",
        "dont want to live", "no reason to live", "self-harm", "self harm", "selfharm", "hurt myself", "hurting myself",
        "harm myself", "cut myself", "cutting myself",
    ]

    static let cues: [(String, Double)] = [
        ("side effect", 0.8), ("side effects", 0.8), ("adverse", 0.6), ("risk", 0.6), ("risks", 0.6),
        ("safe", 0.6), ("safety", 0.6), ("danger", 0.6), ("dangerous", 0.6), ("harmful", 0.6),
        ("drive", 0.6), ("driver", 0.6), ("driving", 0.6), ("accompany", 0.5), ("get home", 0.5), ("take me home", 0.5), ("monitor", 0.5), ("monitored", 0.5),
        ("supervised", 0.5), ("supervision", 0.5), ("contraindication", 0.8), ("contraindicated", 0.8),
        ("pregnant", 0.6), ("pregnancy", 0.6), ("breastfeeding", 0.6), ("who should not", 0.5),
        ("precaution", 0.6), ("precautions", 0.6), ("permanent", 0.3), ("temporary", 0.3),
        ("hallucination", 0.6), ("hallucinations", 0.6), ("dissociation", 0.6), ("nausea", 0.6),
        ("headache", 0.6), ("drowsiness", 0.6), ("blood pressure", 0.5), ("addictive", 0.6), ("addiction", 0.6),
        ("abuse", 0.5), ("misuse", 0.5), ("fda", 0.5), ("regulation", 0.5), ("regulated", 0.5), ("legal", 0.5),
        ("last", 0.2),
    ]
}

/// The safety aspects and the patterns that recognise their statements.
enum SafetyAspects {
    static let sideEffect = Pattern(#"\bside[- ]?effects?\b|\badverse (?:effects|events|reactions)\b"#)
    static let enumerates = Pattern(#"\binclude|\bsuch as\b|:"#)
    static let effects = Pattern(#"\beffects?\b"#)
    static let passing = Pattern(#"\btemporary\b|\bresolve|\bwear(?:s)? off\b|\bgo away\b|\bsubside|\bshort-lived\b|\bpermanent\b"#)
    static let driving = Pattern(#"\bdriv(?:e|er|ers|ing)\b|\baccompan"#)
    static let askedGettingHome = Pattern(#"\bdriv(?:e|er|ers|ing)\b|\baccompan|\bhome\b"#)
    static let precaution = Pattern(#"\bprecaution|\baccompan|\bavoid|\badvised\b"#)
    static let monitoring = Pattern(#"\bmonitor|\bsupervis|\bobservation\b|\bvital signs\b"#)
    static let contraindication = Pattern(#"\bcontraindicat|\bshould not (?:receive|have|take|use|undergo)\b|\bnot (?:be )?recommended for\b|\bnot suitable\b|\bpregnan|\bbreast-?feeding\b"#)
    static let regulation = Pattern(#"(?-i:\bFDA\b)|\bregulat|\bapproved\b|\blegal"#)
    static let misuse = Pattern(#"\bmisuse|\babuse|\baddict|\brecreational\b|\bdependen"#)
    static let addiction = Pattern(#"\baddict|\bdependen|\bhabit-forming\b"#)
    static let safe = Pattern(#"\bsafe\b|\bsafety\b|\brisks?\b"#)
    static let verdict = Pattern(#"\bdeemed safe\b|\bis a safe\b|\bsafe and effective\b"#)
    static let suicide = Pattern(#"\bsuicid|\bself-harm\b"#)
    static let relief = Pattern(#"\bdecreas|\breduc|\brelie|\blifeline\b|\bhope\b|\bhelp"#)

    static var all: [Aspect] {
        [crisis, sideEffects, lasting, precautions, monitoringAspect, contraindications, addictionAspect, misuseAspect,
         regulationAspect, overall]
    }

    static var crisis: Aspect {
        var aspect = Aspect(name: "crisis", label: "What the Knowledge says", askedBy: SafetyAnswerer.suicidality,
                            searchWords: "suicidal thoughts suicide self-harm") { sentence, _ in
            // Someone in crisis should read what helps before what raises the risk.
            guard suicide.matches(sentence.text) else { return nil }
            return Aspect.Evidence(relief.matches(sentence.text) ? 2 : 1, facets: ["crisis"])
        }
        aspect.supersedes = ["sideEffects", "lasting", "precautions", "monitoring", "contraindications", "addiction",
                             "misuse", "regulation", "overall"]
        aspect.absent = { _ in "The Knowledge says nothing about suicidal thoughts." }
        return aspect
    }

    /// A list of side effects when the text has one (“Common side effects include:” and its
    /// items), else a sentence that names several.
    static var sideEffects: Aspect {
        var aspect = Aspect(name: "sideEffects", label: "Side effects",
                            askedBy: ["side effect", "side effects", "adverse", "reaction", "reactions", "risk", "risks",
                                      "hallucination", "hallucinations", "dissociation", "nausea", "headache", "drowsiness",
                                      "blood pressure"],
                            searchWords: "side effects include common adverse") { sentence, _ in
            guard sideEffect.matches(sentence.text) else { return nil }
            if !sentence.items.isEmpty { return Aspect.Evidence(2, facets: ["list"]) }
            return Aspect.Evidence(enumerates.matches(sentence.text) ? 1.5 : 0.5, facets: ["list"])
        }
        aspect.general = true
        aspect.absent = { _ in "The Knowledge does not list side effects." }
        return aspect
    }

    static var lasting: Aspect {
        var aspect = Aspect(name: "lasting", label: "How long they last",
                            askedBy: ["permanent", "temporary", "how long", "last", "go away", "wear off", "resolve",
                                      "lasting"],
                            searchWords: "side effects temporary resolve hours") { sentence, _ in
            passing.matches(sentence.text) && effects.matches(sentence.text)
                ? Aspect.Evidence(1, facets: ["lasting"]) : nil
        }
        aspect.supersedes = ["sideEffects"]
        aspect.absent = { _ in "The Knowledge does not say how long side effects last." }
        return aspect
    }

    /// A question about driving wants the sentence about driving, not any precaution.
    static var precautions: Aspect {
        var aspect = Aspect(name: "precautions", label: "Precautions",
                            askedBy: ["drive", "driver", "driving", "car", "home", "precaution", "precautions",
                                      "prepare", "accompany", "someone"],
                            searchWords: "precautions responsible driver accompany avoid advised") { sentence, request in
            let aboutDriving = driving.matches(sentence.text)
            if request.says(askedGettingHome) { return aboutDriving ? Aspect.Evidence(1.5, facets: ["driving"]) : nil }
            guard aboutDriving || precaution.matches(sentence.text) else { return nil }
            return Aspect.Evidence(1, facets: [aboutDriving ? "driving" : "precaution"])
        }
        aspect.general = true
        aspect.absent = { request in
            request.says(askedGettingHome) ? "The Knowledge says nothing about getting home after treatment."
                : "The Knowledge lists no precautions."
        }
        return aspect
    }

    static var monitoringAspect: Aspect {
        Aspect(name: "monitoring", label: "Monitoring",
               askedBy: ["monitor", "monitored", "monitoring", "supervise", "supervised", "supervision", "observe",
                         "observation", "watched", "vital signs"],
               searchWords: "monitored supervised observation vital signs", pattern: monitoring, general: true,
               absent: "The Knowledge does not say how patients are monitored.")
    }

    static var contraindications: Aspect {
        var aspect = Aspect(name: "contraindications", label: "Who should not have it",
                            askedBy: ["contraindication", "contraindications", "contraindicated", "pregnant", "pregnancy",
                                      "breastfeeding", "who should not", "should not take", "not suitable", "who cannot"],
                            searchWords: "contraindicated should not pregnant not recommended") { sentence, _ in
            contraindication.matches(sentence.text) ? Aspect.Evidence(1, facets: ["contraindications"]) : nil
        }
        // Asked who should avoid it, a general "it is safe" would read as an all-clear.
        aspect.supersedes = ["overall"]
        aspect.absent = { request in
            let base = "The Knowledge does not say who should not have this treatment"
            guard let word = request.unknownWords.first(where: contraindication.matches) else { return base + "." }
            return base + ", and it never mentions “\(word.lowercased())”."
        }
        return aspect
    }

    /// Whether it is addictive, which only a statement about addiction answers; mentions of
    /// misuse are reported beside the plain statement that the Knowledge does not say.
    static var addictionAspect: Aspect {
        Aspect(name: "addiction", label: "Addiction",
               askedBy: ["addictive", "addiction", "addicted", "dependence", "habit forming"],
               searchWords: "addiction addictive dependence", pattern: addiction, related: ["misuse"],
               absent: "The Knowledge does not say whether it is addictive.")
    }

    static var misuseAspect: Aspect {
        Aspect(name: "misuse", label: "Misuse", askedBy: ["abuse", "misuse", "recreational"],
               searchWords: "misuse abuse addiction recreational", pattern: misuse,
               absent: "The Knowledge says nothing about addiction or misuse.")
    }

    static var regulationAspect: Aspect {
        Aspect(name: "regulation", label: "Regulation",
               askedBy: ["fda", "regulation", "regulated", "regulatory", "legal", "approved", "licensed"],
               searchWords: "FDA approved regulatory guidelines", pattern: regulation,
               absent: "The Knowledge does not say how it is regulated.")
    }

    static var overall: Aspect {
        Aspect(name: "overall", label: "Safety",
               askedBy: ["safe", "safety", "risk", "risks", "danger", "dangerous", "harmful"],
               searchWords: "safe safety risks", pattern: safe, boostedBy: verdict, general: true,
               absent: "The Knowledge does not say whether it is safe.")
    }
}
