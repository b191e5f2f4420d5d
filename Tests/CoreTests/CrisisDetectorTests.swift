@testable import Core
import Testing

/// Messages written for these tests (none from ../shared/eval), one or more per category, in the
/// ways people type: lower case, no apostrophes, slang, typing slips.
@Suite struct CrisisDetectorTests {
    let detector = CrisisDetector()

    func expectCrisis(_ message: String, _ category: CrisisCategory? = nil, about subject: CrisisAssessment.Subject = .writer,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        let assessment = detector.assess(message)
        #expect(assessment.level == .crisis, "\(message): \(assessment.signals)", sourceLocation: sourceLocation)
        #expect(assessment.subject == subject, "\(message)", sourceLocation: sourceLocation)
        if let category { #expect(assessment.category == category, "\(message)", sourceLocation: sourceLocation) }
    }

    func expectLevel(_ level: CrisisAssessment.Level, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let assessment = detector.assess(message)
        #expect(assessment.level == level, "\(message): \(assessment.signals)", sourceLocation: sourceLocation)
    }

    @Test func theScreenersIdeationAndBehaviourItems() {
        expectCrisis("honestly id like to fall asleep and not wake up", .wishToBeDead)
        expectCrisis("id be ok if i never woke up tomorrow", .wishToBeDead)
        expectCrisis("i keep thinking about killing myself", .activeThoughts)
        expectCrisis("cant stop picturing jumping off the bridge by my flat", .thoughtsWithMethod)
        expectCrisis("im going to end my life soon", .activeThoughts)
        expectCrisis("ive planned my suicide for sunday", .intentWithPlan)
        expectCrisis("wrote goodbye letters to my kids last night", .preparatoryBehaviour)
        expectCrisis("i tried to overdose last week and woke up in hospital", .recentAttempt)
    }

    @Test func theWarningSigns() {
        expectCrisis("everyone would be better off without me", .burden)
        expectCrisis("i feel trapped and the only way out is death", .trapped)
        expectCrisis("the pain is unbearable, i just want it all to end forever")
        expectCrisis("it hurts too much to keep living", .unbearablePain)
        expectCrisis("there is no reason for me to keep living", .noReasonToLive)
        expectCrisis("goodbye everyone, thanks for everything", .sayingGoodbye)
        expectCrisis("gave away all my things this week, i wont need them where im going")
        expectCrisis("ive been stockpiling my sleeping pills", .gettingMeans)
        expectCrisis("i cut myself again last night", .selfHarm)
    }

    @Test func weakSignsCountOnlyTogether() {
        expectLevel(.none, "gave my guitar to my brother")
        expectCrisis("gave my guitar to my brother, wont need it where im going")
        expectLevel(.none, "ketamine is my last hope")
    }

    @Test func slangTyposAndMissingApostrophes() {
        expectCrisis("kms")
        expectCrisis("i wanna unalive myself")
        expectCrisis("thinkin about endin it all")
        expectCrisis("i dont want to be alive anymroe")
        expectCrisis("I'm gonna kill myself")
    }

    @Test func someoneElseGetsTheirOwnVersion() {
        expectCrisis("my brother told me he wants to kill himself", about: .someoneElse)
        expectCrisis("my mom keeps saying shed be better off dead", about: .someoneElse)
        expectCrisis("just found my daughter cutting herself", about: .someoneElse)
    }

    @Test func idiomsAreNotCrises() {
        for message in ["this traffic is killing me", "dying to know the price", "im dead tired after sessions",
                        "my phone died during the infusion", "i could die of embarrassment", "my boss will kill me if im late",
                        "can i cut my dose in half", "am i better off with the nasal spray", "how do i kill kq if it hangs"] {
            expectLevel(.none, message)
        }
    }

    @Test func negationsAndHistoryAreMentions() {
        expectLevel(.mention, "I'm not suicidal, just tired of waiting for my appointment")
        expectLevel(.mention, "i dont want to die, is ketamine safe?")
        expectLevel(.mention, "i attempted suicide ten years ago, am i still eligible")
        expectCrisis("its not just thoughts about dying anymore, i mean to go through with it")
    }

    @Test func questionsAboutTheTopicAreMentions() {
        expectLevel(.mention, "does ketamine reduce suicidal thoughts?")
        expectLevel(.mention, "what is the suicide rate in depression")
        expectLevel(.mention, "why do people self harm")
        expectLevel(.mention, "is ketamine covered by insurance for people with suicidal thoughts")
        expectLevel(.mention, "does treatment resistant depression increase the risk of suicide")
    }

    @Test func theWritersOwnCrisisOutweighsSomeoneElses() {
        expectCrisis("my friend says she wants to die. honestly i want to die too", about: .writer)
        expectCrisis("he wants to kill himself and i want to kill myself", about: .writer)
    }

    @Test func historyEndsWhereTheMessageTurnsToNow() {
        expectCrisis("i used to be happy but now i want to die")
        expectCrisis("i took 2000 of my sertraline and i want to die")
        expectLevel(.mention, "my uncle took his own life in 1998, does depression run in families")
    }

    @Test func aNegationBeforeTheSubjectDeniesNothing() {
        expectCrisis("no i really want to kill myself")
        expectLevel(.none, "shd i go to the gym today")
    }

    @Test func aHarmlessPurposeIsHeard() {
        expectLevel(.mention, "i bought a gun for hunting")  // a mention: the answer stands, one line follows
        expectCrisis("bought a rope today")
    }

    @Test func theWordsAndCategoryAreShown() {
        let assessment = detector.assess("Im going to kill myself tonight")
        let signal = try? #require(assessment.signals.first)
        #expect(signal?.words == "kill myself")
        #expect(signal?.reading == .crisis)
        #expect(assessment.category == .activeThoughts)
        #expect(detector.assess("what are the side effects").signals.isEmpty)
    }

    @Test func aTypingSlipIsOneLetterOutAddedOrSwapped() {
        #expect(CrisisText.Vocabulary.isOneSlip(Array("anymroe"), Array("anymore")))
        #expect(CrisisText.Vocabulary.isOneSlip(Array("thinkin"), Array("thinking")))
        #expect(!CrisisText.Vocabulary.isOneSlip(Array("putting"), Array("cutting")))
    }
}
