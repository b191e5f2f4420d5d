/// What a question asks for: a dose, how often, what to do after a missed dose, side effects,
/// who should not take it, a definition… Each kind says how a question asks for it, and what in
/// a document states it: the section headings labels and leaflets file it under (“Dosage and
/// Administration”, “Directions”, “Contraindications”, “Do not use”) and the shape of a
/// sentence that gives it (“every 4 to 6 hours”, “do not exceed 12 tablets in 24 hours”).
///
/// Kinds are patterns, never facts: what kq reports is always a sentence of the Knowledge.
public struct Asked: Sendable {
    public let name: String
    /// Starts the answer's line: “How often: …”.
    public let label: String
    /// The answerer whose domain this is (`dosing`, `safety`, `cost`), named as the answer's
    /// source; nil for the general retriever.
    public let domain: String?
    /// Recognises the kind in a question's text. Its triggers are pieces of text without which
    /// it cannot match, so a process compiles the patterns of the kinds it may meet and no
    /// others.
    let question: Pattern
    /// A section heading that files statements of this kind.
    let heading: Pattern?
    /// A sentence that states it.
    let sentence: Pattern?
    /// Words added to the question's own when searching for statements of it.
    public let searchWords: String
    /// Kinds this one makes redundant when both are recognised (a maximum over a plain dose).
    let supersedes: [String]
    /// The question's words that only asked for the kind (“how often”): they are matched by the
    /// heading or sentence pattern, so a statement need not repeat them.
    let cueWords: Pattern?
    /// A section whose heading is the question's term files it (a glossary's “Copayment”).
    public let headingNamesTerm: Bool
    /// What a unit must also hold to state it, wherever it is filed: a dose states an amount.
    let requires: Pattern?
    /// Whether the people a statement names are the answer (who should not take it, when to
    /// stop) rather than a narrowing of it (a dose “for patients with prosthetic valves”).
    public let groupIsAnswer: Bool
    /// Whether a unit must share a word of the question besides the subject even where its
    /// heading files the kind: any warning is filed under Warnings, but “is it ok with beer”
    /// is answered only by one that speaks of what the question asks about.
    public let mustShareQuestion: Bool
    /// Whether a sentence of the kind's shape states it on its own, whatever else the question
    /// says (“forgotten” is about a missed dose, however the day is told).
    public let shapeSuffices: Bool

    init(_ name: String, _ label: String, domain: String?, triggers: [String], question: String, heading: String? = nil,
         sentence: String? = nil, search: String = "", supersedes: [String] = [], cueWords: String? = nil,
         headingNamesTerm: Bool = false, requires: String? = nil, groupIsAnswer: Bool = false, mustShareQuestion: Bool = false,
         shapeSuffices: Bool = false) {
        self.headingNamesTerm = headingNamesTerm
        self.shapeSuffices = shapeSuffices
        self.mustShareQuestion = mustShareQuestion
        self.groupIsAnswer = groupIsAnswer
        self.requires = requires.map { Pattern($0) }
        self.name = name
        self.label = label
        self.domain = domain
        self.question = Pattern(question, triggers: triggers)
        self.heading = heading.map { Pattern($0) }
        self.sentence = sentence.map { Pattern($0) }
        self.searchWords = search
        self.supersedes = supersedes
        self.cueWords = cueWords.map { Pattern($0) }
    }

    /// Whether a section files this kind: any heading of its path (“Drug Facts › Uses”), so a
    /// pattern may be anchored to a heading's start and end.
    public func filesUnder(_ heading: String?) -> Bool {
        guard let heading, let pattern = self.heading else { return false }
        return heading.components(separatedBy: SectionPath.separator).contains { pattern.matches($0) }
    }

    /// How many different phrases of the kind's shape a sentence holds: “the most frequent
    /// adverse reaction” states side effects twice over, “the most frequent event” once.
    public func statements(in sentence: Substring) -> Int {
        guard let pattern = self.sentence else { return 0 }
        return Set(pattern.all(in: sentence).map { $0.lowercased() }).count
    }

    public func isPossible(in unit: Substring) -> Bool {
        requires?.matches(unit) ?? true
    }

    /// Whether a word of the question only asked for this kind.
    public func isCue(_ word: String) -> Bool {
        cueWords?.matches(word) ?? false
    }

    /// The kinds a question asks for, in the catalogue's order, without those another one
    /// supersedes.
    public static func recognised(in text: String) -> [Asked] {
        let found = catalogue.filter { $0.question.matches(text) }
        let superseded = Set(found.flatMap(\.supersedes))
        let kept = found.filter { !superseded.contains($0.name) }
        // “Is it safe” asks about whatever else the question names (a pregnancy, a second
        // drug, a missed dose); alone, it asks for the warnings.
        return kept.count > 1 ? kept.filter { $0.name != verdictName } : kept
    }

    static let verdictName = "verdict"

    /// The answerers whose domains the catalogue knows.
    public static let domains = Set(catalogue.compactMap(\.domain))

    public static func named(_ name: String) -> Asked? {
        catalogue.first { $0.name == name }
    }

    static let amount = #"\d+(?:\.\d+)?\s*(?:-|to)?\s*(?:\d+(?:\.\d+)?\s*)?(?:mg|mcg|µg|g|grams?|ml|mL|units?|tablets?|caplets?|capsules?|pills?|capful|drops?|puffs?|sprays?)\b"#
    static let dosageHeading = #"\b(dosage|dosing|directions|administration|how to (take|use)|recommended dose)"#

    /// Order matters twice: an answer reports kinds in this order, and the first kinds are the
    /// more specific readings of a question (a missed dose before a dose).
    public static let catalogue: [Asked] = [
        Asked("missed", "Missed dose", domain: "dosing",
              triggers: ["miss", "forg", "skip"],
              question: #"\b(miss(ed)?|forg[eo]t(ten)?|skip(ped)?)\b"#,
              heading: #"missed dose|if you miss|forget"#, sentence: #"\bmiss(es|ed|ing)?\b|\bforg[eo]t"#,
              search: "missed dose", supersedes: ["dose", "overdose"], cueWords: #"^(miss|missed|forgot|forget|skip|skipped|dose)$"#, shapeSuffices: true),
        Asked("maximum", "Most in a day", domain: "dosing",
              triggers: ["max", "high", "upper", "limit", "exceed", "most", "how many", "too ", "at once"],
              question: #"^(?=.*\b(dose|dosage|doses|take|taking|tablets?|caplets?|capsules?|pills?|mg|day|daily|24|hours?|hrs|once)\b).*(\b(max(imum)?|highest|upper|limit|exceed|at once|too (much|many))\b|\b(the|at) most\b(?! (common|frequent|serious|important|likely|often|people|patients))|how many\b.*\b(in|per|a)\s+(day|24))"#,
              heading: dosageHeading,
              sentence: #"\b(maximum|max|not (to )?exceed|do not (take|use|give) more than|no more than|upper|up to|highest)\b"#,
              search: "maximum exceed dose", supersedes: ["dose"],
              cueWords: #"^(max|maximum|most|highest|upper|limit|exceed|number|much|many|daily|day|recommended)$"#, requires: amount),
        Asked("frequency", "How often", domain: "dosing",
              triggers: ["how often", "frequen", "times", "every how"],
              question: #"how (often|frequently)|how many times|times (a|per) (day|week)|\bfrequency\b|\bevery how\b"#,
              heading: dosageHeading,
              sentence: #"\bevery\s+(\d|other|day|week|morning)|\b(once|twice|three times|\d+ times)\b|\bdaily\b|\bper day\b|\bhours? apart\b"#,
              search: "every hours times a day daily",
              cueWords: #"^(often|frequently|times|time|frequency|day|daily)$"#),
        Asked("infusion", "How long it takes to give", domain: "dosing",
              triggers: ["infus", "inject", "drip"],
              question: #"how long\b.*\b(infusion|infuse|injection|drip)|(infusion|injection) (time|length|duration)"#,
              heading: dosageHeading + #"|\bpreparation\b"#,
              sentence: #"\bover\s+(\d|at least|a period)|\b\d+\s*(to|-)\s*\d+\s*minutes\b|\binfusion time\b"#,
              search: "infusion over minutes", cueWords: #"^(long|take|takes|time|length|duration)$"#, requires: #"\b(minutes?|hours?)\b"#),
        Asked("route", "How it is given", domain: "dosing",
              triggers: ["how is", "how are", "how do", "how should", "route", "by mouth", "inject", "way", "form"],
              question: #"how (is|are|do|should)\b.*\b(given|administered|taken|take|use|used|applied|apply)\b(\?)?$|\broutes?\b|\bby mouth\b|\binject|\b(ways?|forms?)\b.*\b(given|taken|administered|delivered|take)\b"#,
              heading: #"administration|directions|how to (take|use)"#,
              sentence: #"\b(intravenous(ly)?|\bIV\b|by mouth|orally|oral|topical(ly)?|apply|applied|inject(ed|ion)?|infusion|subcutaneous(ly)?|intramuscular(ly)?|swallow)\b"#,
              search: "administered intravenous infusion by mouth apply",
              cueWords: #"^(given|administered|taken|take|use|used|applied|apply|route|routes|way|ways|form|forms|different)$"#),
        Asked("food", "With food", domain: "dosing",
              triggers: ["meal", "food", "eating", "milk", "stomach"],
              question: #"\b(with|after|before|without)\s+(a\s+)?(meals?|food|eating|milk)\b|\bempty stomach\b"#,
              sentence: #"\b(meals?|food|empty stomach|milk)\b"#, search: "meals food",
              cueWords: #"^(meal|meals|food|eating|milk|taken|take|with)$"#),
        Asked("basis", "How the dose is set", domain: "dosing",
              triggers: ["figure", "decide", "determin", "calculat", "work out", "based on", "depend", "weight"],
              question: #"\b(figure out|decide[sd]?|determine[sd]?|calculate[sd]?|work(ed)? out|based on|depends? on)\b.*\b(dose|dosage|much|amount)\b|\b(dose|dosage|much|amount)\b.*\b(decided|determined|calculated|based on|depends? on)\b|\bweight\b.*\bmatter"#,
              sentence: #"\b(based on|depend\w*|tailor\w*|individuali[sz]\w*|according to|adjust\w*)\b"#,
              search: "dose based on weight adjusted individualized", supersedes: ["dose"],
              cueWords: #"^(figure|decide|decided|determine|determined|calculate|calculated|work|out|based|depend|depends|dose|much|amount|give|matter)$"#),
        Asked("dose", "Dose", domain: "dosing",
              triggers: ["dos", "mg", "milligram", "start", "how much", "how many"],
              question: #"\b(dose|doses|dosage|dosing|how many (mg|milligrams|tablets|caplets|capsules|pills)|mg|milligrams?|mg/kg|start(ing)? (with|at|on))\b|\bhow much\b.*\b(take|give|apply|use|should|get|gets|receive|need)\b"#,
              heading: dosageHeading, sentence: amount, search: "dose dosage mg",
              cueWords: #"^(dose|doses|dosage|dosing|much|mg|milligram|milligrams|usual|recommended|typical|give|given)$"#, requires: amount),
        Asked("onset", "How soon it works", domain: nil,
              triggers: ["how long", "how soon", "how quickly", "when will", "kick in", "how many"],
              question: #"how (long|soon|quickly)\b.*\b(work|works|working|results?|regrow|see|notice|kick in|take effect|effect|improve|help|feel)\b|when will i (see|notice|feel)|how many (minutes|hours|days|weeks)\b.*\b(kick in|work|start|take effect|feel|help)|\bkick in\b"#,
              sentence: #"\b(\d+|several|few)\s*(to\s*\d+\s*)?(minutes?|hours?|days?|weeks?|months?)\b|\bwithin (minutes|hours|days|weeks)\b|\brapid(ly)?\b|\bquickly\b|\bimmediate(ly)?\b"#,
              search: "results weeks months begin", cueWords: #"^(long|soon|quickly|take|takes|see|notice|results|result|work|works)$"#),
        Asked("lasting", "How long it lasts", domain: nil,
              triggers: ["wear", "last", "half", "stay"],
              question: #"\bwears? off\b|how long\b.*\b(last|lasts|effects?)\b|\bhalf[- ]li(fe|ves)\b|\bstays? in (the|your|my|his|her) (body|system)\b"#,
              sentence: #"\b(last(s|ing)?|wear(s)? off|half-li(fe|ves)|persist)\b"#, search: "lasts half-life hours days",
              cueWords: #"^(long|last|lasts|wear|wears|off)$"#),
        Asked("sideEffects", "Side effects", domain: "safety",
              triggers: ["side", "adverse", "reaction", "feel"],
              question: #"side[- ]?effects?|adverse|reactions?\b|\bmake me feel\b"#,
              heading: #"adverse reactions?|side effects|most common|undesirable effects"#,
              sentence: #"\b(most (common|frequent)(ly)?|adverse|side effects?|reported|include)\b"#,
              search: "adverse reactions side effects most common", cueWords: #"^(side|effects?|effect|adverse|reactions?|common|most)$"#),
        Asked("boxed", "Boxed warning", domain: "safety",
              triggers: ["box"],
              question: #"boxed warning|black box"#, heading: #"^warning\b|boxed warning"#,
              search: "warning", cueWords: #"^(boxed|box|black|warning)$"#, groupIsAnswer: true),
        Asked("overdose", "Overdose", domain: "safety",
              triggers: ["overdos", "too much", "too many", "swallow", "took", "double", "drank"],
              question: #"overdos|\b(took|taken|swallow\w*|drank|ate|got into|accident\w*|signs|symptoms|happens?)\b.*\btoo (much|many)|too (much|many)\b.*\b(took|swallow\w*|drank)|\bswallow(s|ed)\b|took (extra|more)|drank extra|double (dose|up)"#,
              heading: #"overdos|keep out of reach"#,
              sentence: #"\b(overdos\w*|poison control|too much|signs|symptoms)\b"#,
              search: "overdose overdosage poison control", supersedes: ["maximum", "dose"],
              cueWords: #"^(too|much|many|swallow|swallows|swallowed|overdose|signs|taking)$"#),
        Asked("contraindication", "Who should not take it", domain: "safety",
              triggers: ["who", "should", "contraindicat", "not", "can women", "can children", "can kids", "can men"],
              question: #"who (should|must|can)('?t| ?not)|should(n'?t| not) (take|use|be given|have)|contraindicat|not (be )?(used|given|taken)\b|can women|can (children|kids|men)"#,
              heading: #"contraindications?|do not use|who should not|not for use"#,
              sentence: #"\b(contraindicated|do not (use|take)|should not (be )?(use|take|given)|not for use)\b"#,
              search: "contraindicated do not use", cueWords: #"^(who|not|take|use|given|should|contraindicated)$"#, groupIsAnswer: true),
        Asked("pregnancy", "Pregnancy", domain: "safety",
              triggers: ["pregnan", "expecting", "trimester"],
              question: #"pregnan|expecting a baby|trimester|months pregnant"#,
              heading: #"pregnan"#, sentence: #"\bpregnan"#, search: "pregnancy pregnant",
              cueWords: #"^(pregnant|pregnancy|months|weeks|safe|take|during)$"#, groupIsAnswer: true, shapeSuffices: true),
        Asked("breastfeeding", "Breastfeeding", domain: "safety",
              triggers: ["breast", "nursing", "lactat"],
              question: #"breast[- ]?feed|nursing|lactat|breast ?milk"#,
              heading: #"nursing|lactation|breast"#, sentence: #"\b(milk|breast|nursing|lactat)"#,
              search: "nursing mothers milk lactation", supersedes: ["pregnancy"],
              cueWords: #"^(breastfeed|breastfeeding|breast|feed|feeding|nursing|while|taking)$"#, groupIsAnswer: true, shapeSuffices: true),
        Asked("interaction", "Taken together", domain: "safety",
              triggers: ["together", "interact", "same time", "combine", "mix", "with", "while", "careful", "food", "eat", "diet"],
              question: #"\b(together|interact\w*|at the same time|combine|mix)\b|\b(with|and)\b.*\b(together)\b|\btake\b.*\bwith\b|\bcareful with\b|\bfoods?\b.*\bon\b|\b(eat|eating|diet)\b"#,
              heading: #"interactions?|ask a doctor or pharmacist|foods?|\bdiet"#,
              sentence: #"\b(concomitant\w*|coadminist\w*|together|interact\w*|increases? (the )?(risk|incidence|effect)|in combination|while taking|taking|diet\w*|eat(ing)?)\b"#,
              search: "interactions concomitant", cueWords: #"^(together|interact|interaction|interactions|combine|mix|ok|safe|take|taking|careful|foods?|with|given|eat|eating|diet)$"#, groupIsAnswer: true),
        Asked("stop", "When to stop and ask a doctor", domain: "safety",
              triggers: ["stop", "doctor", "keep", "continue"],
              question: #"\bstop (using|taking)|when (should|do|to) .*stop|call (a|my|the) doctor|see a doctor|ask a doctor|\b(keep|continue) (taking|using)|should i (stop|keep|continue)"#,
              heading: #"stop use|ask a doctor"#, sentence: #"\bstop (use|using|taking)\b|\b(ask|call|tell|see) (a|your) (doctor|healthcare)|\bdiscontinu\w*"#,
              search: "stop use ask a doctor",
              cueWords: #"^(stop|using|taking|call|doctor|ask|when|keep|continue)$"#, groupIsAnswer: true),
        Asked(verdictName, "Whether it is safe", domain: "safety",
              triggers: ["safe", "ok", "alright", "can i", "can my", "can he", "can she", "can we", "should i"],
              question: #"\b(is it|it's|its|is that|are they|is this) (safe|ok|okay|alright|fine)\b|\bsafe (to|for|during|while|with)\b|(^|[.,;:!?]\s*|\b(so|and|but|then|or)\s+)can (i|my|we|he|she|you|u) (still )?(take|give|use|have|get)\b|(^|[.,;:!?]\s*)should (i|we|he|she) (take|give|use)\b"#,
              heading: #"^warnings?\b|do not use|ask a doctor|contraindications?|who should not|precautions"#,
              sentence: #"\b(contraindicated|do not (use|take|give)|should not (be )?(use|take|given|used)|not recommended|avoid|ask a doctor|not for use|safe(ly)?)\b"#,
              search: "warnings do not use ask a doctor contraindicated",
              cueWords: #"^(safe|ok|okay|alright|fine|can|take|give|use|still|should)$"#, groupIsAnswer: true,
              mustShareQuestion: true),
        Asked("harm", "Warnings", domain: "safety",
              triggers: ["harm", "damage", "hurt", "danger", "risk", "toxic", "injur"],
              question: #"\b(harm|damage|hurt|dangerous|risk|risky|toxic|injur\w*)\b"#,
              heading: #"warnings?|precautions"#, sentence: #"\b(risk|cases?|reported|elevat\w*|damage|injury|monitor)\b"#,
              search: "warnings precautions", cueWords: #"^(harm|damage|hurt|dangerous|risk|can)$"#, groupIsAnswer: true),
        Asked("storage", "Storage", domain: nil,
              triggers: ["stor", "kept", "keep", "expir", "refrigerat", "shelf", "fridge"],
              question: #"\bstor(e|ed|age|ing)\b|\bkept\b|how long\b.*\bkeep\b|\bkeep (it|them)\b|\bexpir|\brefrigerat|\bshelf life\b|\bfridge\b"#,
              heading: #"storage|how supplied|other information|store"#,
              sentence: #"\b(store|stored|refrigerat\w*|room temperature|discard\w*|°|keep)\b"#,
              search: "store storage discard temperature", cueWords: #"^(store|stored|storage|kept|keep|long)$"#, shapeSuffices: true),
        Asked("mechanism", "How it works", domain: nil,
              triggers: ["work", "mechanism", "body"],
              question: #"how does\b.*\bwork|\bmechanism\b|how\b.*\bworks\b|what does\b.*\bdo (in|to) the body"#,
              heading: #"mechanism|pharmacodynamics|clinical pharmacology|how .* works"#,
              sentence: #"\b(inhibit\w*|block\w*|act(s)? (by|as|on)|mechanism|works? by|reduc\w*|prevent\w*)\b"#,
              search: "mechanism of action inhibits", cueWords: #"^(work|works|mechanism|does|against)$"#),
        Asked("use", "What it is for", domain: nil,
              triggers: ["use", "for", "treat", "indicat", "condition"],
              question: #"used (for|to treat)|\buse(s)? (of|for)\b|what (is|are)\b.*\bfor\??$|\btreat(s|ed)?\b|\bindicat|what conditions"#,
              heading: #"indications?|^uses?$|^purpose"#,
              sentence: #"\b(indicated|used (to|for)|treat\w*|management|reduce)\b"#,
              search: "indicated indications uses treat", cueWords: #"^(used|use|for|treat|treated|conditions?|indicated)$"#),
        Asked("source", "Where to get it", domain: nil,
              triggers: ["where", "who can", "who do"],
              question: #"\bwhere (can|could|do|does|should|would|to|is|are)\b.*\b(get|find|buy|go|obtain|fill|order|apply|sign up|enroll)\b|\bwho (can|do i|should i) (call|contact|ask|see)\b"#,
              heading: #"\bwhere (can|to|do)\b|\bfind\b|\blocat\w*|\bcontact\b"#,
              sentence: #"\b(at|from|through) (a|an|the|your|any|local|nearby|community)\b|\b(visit|call|contact|locate|apply)\b|\b(centers?|clinics?|pharmac(y|ies)|programs?|marketplace|website)\b|\.gov\b"#,
              search: "center clinic program locate near you", supersedes: ["price", "verdict"],
              cueWords: #"^(where|get|find|buy|go|obtain|fill|order|call|contact)$"#),
        Asked("price", "Price", domain: "cost",
              triggers: ["cost", "price", "pay", "charge", "expensive", "cheap", "afford"],
              question: #"\bcosts?\b|\bprice\b|\bhow much\b.*\b(pay|charge)\b|\bexpensive\b|\bcheap(er|est)?\b|\bafford"#,
              sentence: #"\$\s?\d|\bprice|\bcosts? (less|more)\b|\bcheaper\b|\bless expensive\b|\bafford"#, search: "cost price", supersedes: ["dose"],
              cueWords: #"^(cost|costs|price|much|pay|expensive)$"#),
        Asked("definition", "Meaning", domain: nil,
              triggers: ["mean", "defin", "stand for", "what is a", "what is an", "what's a", "whats a", "what are"],
              question: #"^(what|whats|what’s|what's)\s+(is\s+|are\s+|does\s+)?(a\s+|an\s+|the\s+)?[\w-]+(\s+[\w-]+)?\s*(mean|stand for)?\s*\??$|\bwhat does\b.*\b(mean|stand for)\b|\bdefin|\bmeaning\b"#,
              sentence: #"\b(is|are|means|refers? to|stands? for|defined as)\b|\(|^\W*\w+, or\b"#,
              search: "", cueWords: #"^(mean|means|meaning|define|definition|stand)$"#, headingNamesTerm: true),
    ]
}
