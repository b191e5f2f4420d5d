/// kq's second absolute rule: a question that signals a crisis (suicide, self-harm, not wanting
/// to live) gets crisis resources before anything else, whoever answers it and whatever flags
/// were given. The router applies it; the message can be replaced (see the README) but never
/// switched off.
///
/// The signals err toward showing the resources: a question about ketamine and suicidal
/// thoughts gets them too, since the cost of showing them needlessly is a few lines.
public struct CrisisPolicy: Sendable {
    public static let defaultMessage = """
        If you are thinking about suicide or about harming yourself, please reach out now. In the \
        US, call or text 988 (the 988 Suicide & Crisis Lifeline). Elsewhere, call your local \
        emergency services or a crisis line near you. You do not have to face this alone.
        """

    public static let phrases = [
        "suicide", "suicidal", "kill myself", "killing myself", "end my life", "ending my life",
        "take my own life", "want to die", "wanna die", "wish I were dead", "better off dead",
        "don't want to live", "do not want to live", "dont want to live", "no reason to live",
        "self-harm", "self harm", "selfharm", "hurt myself", "hurting myself", "harm myself",
        "cut myself", "cutting myself",
    ]

    public var message: String
    public let signals: CueSet

    public init(message: String = CrisisPolicy.defaultMessage, analyzer: Analyzer) {
        self.message = message
        self.signals = CueSet(Self.phrases, analyzer: analyzer)
    }

    public func applies(to question: Question) -> Bool {
        !signals.matches(in: question).isEmpty
    }
}
