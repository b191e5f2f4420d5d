/// kq's second absolute rule: a message that signals a suicide or self-harm crisis gets crisis
/// resources before anything else, whoever answers it and whatever flags were given. The router
/// applies it to every answer; the messages can be replaced (see the README) but never switched
/// off.
///
/// `CrisisDetector` reads the question as typed. A crisis puts the resources first: the writer's
/// own, or, when the message is about someone else, how to help them. A question that only
/// names the topic (risk, research, a negated or long-past mention) keeps its answer, and one
/// short resources line follows it.
public struct CrisisPolicy: Sendable {
    public static let defaultMessage = """
        If you are thinking about suicide or about harming yourself, please reach out now. In the \
        US, call or text 988 (the 988 Suicide & Crisis Lifeline). Elsewhere, call your local \
        emergency services or a crisis line near you. You do not have to face this alone.
        """

    public static let defaultOtherMessage = """
        If someone you know may be thinking about suicide or harming themselves: if they are in \
        danger now, call emergency services and stay with them. Ask them directly how they are, \
        listen, and keep them away from anything they could use to hurt themselves. In the US, you \
        can call or text 988 (the 988 Suicide & Crisis Lifeline) together, or for advice on how to \
        help; elsewhere, a crisis line near you.
        """

    public static let defaultMentionLine = """
        If this is about you or someone close to you right now: in the US call or text 988; \
        elsewhere, your local emergency services or a crisis line.
        """

    /// For a writer in crisis.
    public var message: String
    /// For someone worried about another person.
    public var otherMessage: String
    /// After an answer to a question that names the topic.
    public var mentionLine: String

    public init(message: String = CrisisPolicy.defaultMessage, otherMessage: String = CrisisPolicy.defaultOtherMessage,
                mentionLine: String = CrisisPolicy.defaultMentionLine) {
        self.message = message
        self.otherMessage = otherMessage
        self.mentionLine = mentionLine
    }

    public func assess(_ question: Question) -> CrisisAssessment {
        CrisisDetector.shared.assess(question.text)
    }

    /// The answer with the resources the assessment calls for. A crisis message that the
    /// Knowledge cannot answer gets the resources alone, not a cold “not covered” after them.
    public func apply(_ assessment: CrisisAssessment, to answer: Answer) -> Answer {
        var answer = answer
        answer.crisis = assessment
        switch assessment.level {
        case .none:
            break
        case .mention:
            answer.postscript = mentionLine
        case .crisis:
            answer.preface = assessment.subject == .someoneElse ? otherMessage : message
            answer.isMedical = true
            if !answer.isAnswered {
                answer.text = ""
                answer.lines = []
            }
        }
        return answer
    }
}
