/// What the crisis detector makes of a message: whether it signals a crisis, for whom, and the
/// words that say so, so a reader (and `--explain`) can see why.
public struct CrisisAssessment: Sendable, Equatable {
    public enum Level: String, Sendable {
        /// Nothing about suicide or self-harm.
        case none
        /// Suicide or self-harm as a topic: a question about risk or research, a negated or
        /// long-past mention. The answer stands; a short resources line may follow it.
        case mention
        /// A present risk: crisis resources come before anything else.
        case crisis
    }

    /// Whom a crisis is about: the writer, or someone they are worried for.
    public enum Subject: String, Sendable {
        case writer
        case someoneElse = "someone else"
    }

    public let level: Level
    public let subject: Subject
    /// Every rule that matched, strongest first, with how it was read.
    public let signals: [CrisisSignal]

    public static let none = CrisisAssessment(level: .none, subject: .writer, signals: [])

    /// The category of the strongest signal read as a crisis.
    public var category: CrisisCategory? {
        level == .crisis ? signals.first { $0.reading == .crisis }?.category : nil
    }
}

/// One rule of the lexicon that matched a message.
public struct CrisisSignal: Sendable, Equatable {
    public enum Reading: Sendable, Equatable {
        case crisis
        /// Counted as a mention only, and why.
        case mention(String)
    }

    public let category: CrisisCategory
    /// The words it matched, as the detector read them (lower case, chat spellings folded).
    public let words: String
    /// What it adds toward a crisis: 1 alone is enough; weaker signals count together.
    public let weight: Double
    public let reading: Reading
    public let subject: CrisisAssessment.Subject
    /// Which of the message's words it matched, as the detector numbers them.
    let range: Range<Int>
}

/// What a crisis signal is evidence of: the Columbia Suicide Severity Rating Scale screener's
/// ideation and behaviour items, the warning signs the 988 Lifeline, SAMHSA, AFSP and NIMH list,
/// and self-harm.
public enum CrisisCategory: String, Sendable, CaseIterable {
    case wishToBeDead = "wish-to-be-dead"
    case activeThoughts = "active-thoughts"
    case thoughtsWithMethod = "thoughts-with-method"
    case intent = "intent"
    case intentWithPlan = "intent-with-plan"
    case preparatoryBehaviour = "preparatory-behaviour"
    case recentAttempt = "recent-attempt"
    case burden = "burden"
    case trapped = "trapped"
    case unbearablePain = "unbearable-pain"
    case noReasonToLive = "no-reason-to-live"
    case sayingGoodbye = "saying-goodbye"
    case givingThingsAway = "giving-things-away"
    case gettingMeans = "getting-means"
    case selfHarm = "self-harm"
    /// Suicide or self-harm named as such (“suicidal”, “self-harm”): a crisis only when someone
    /// says it of themselves or of a person they know, now.
    case named = "named"
}
