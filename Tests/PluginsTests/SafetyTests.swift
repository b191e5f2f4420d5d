import Core
import Testing
@testable import Plugins

@Suite struct SafetyTests {
    @Test func sideEffectsComeAsTheListTheTextGives() throws {
        let asker = try Asker.bundled()
        for question in ["What are the common side effects of ketamine therapy?", "What are the sideeffects of ketamin?"] {
            let answer = asker.ask(question)
            #expect(answer.answeredBy == "safety", "\(question)")
            for effect in ["Hallucinations", "Dissociation", "Increased blood pressure", "Nausea", "Drowsiness", "Headache"] {
                #expect(answer.text.contains(effect), "\(question): \(effect)")
            }
            #expect(answer.citations.count == 1)
        }
    }

    @Test func aSplitWordIsShownAsItsParts() throws {
        let question = try Asker.bundled().question("sideeffects")
        #expect(question.corrections.map(\.kind) == [.split(["side", "effects"])])
        #expect(question.terms == ["side", "effect"])
    }

    @Test func howLongSideEffectsLastAndDriving() throws {
        let asker = try Asker.bundled()
        let lasting = asker.ask("Are the side effects of ketamine permanent?")
        #expect(lasting.lines.map(\.label) == ["How long they last"])
        #expect(lasting.text.contains("temporary"))
        let drive = asker.ask("Do I need someone to drive me home after a ketamine treatment?")
        #expect(drive.answeredBy == "safety")
        #expect(drive.text.contains("responsible driver"))
        let home = asker.ask("Does someone need to accompany me home?")
        #expect(home.answeredBy == "safety")
        #expect(home.text.contains("responsible driver accompany"))
    }

    @Test func aCrisisGetsResourcesFirstWhoeverAnswers() throws {
        let asker = try Asker.bundled(crisis: "Call the local line on 988.")
        let answer = asker.ask("I have been thinking about suicide. Can ketamine help me?")
        #expect(answer.answeredBy == "safety")
        #expect(answer.preface == "Call the local line on 988.")
        #expect(answer.fullText.hasPrefix("Call the local line on 988."))
        #expect(answer.text.lowercased().contains("suicid"))
        #expect(!answer.citations.isEmpty)

        let retrieverOnly = Router(plugins: [], crisis: asker.router.crisis)
        let alone = retrieverOnly.route(asker.question("I don't want to live anymore"), retriever: asker.retriever, limit: 3).answer
        #expect(alone.preface == "Call the local line on 988.")
    }

    @Test func anOrdinaryQuestionGetsNoCrisisText() throws {
        let answer = try Asker.bundled().ask("What are the common side effects of ketamine therapy?")
        #expect(answer.preface == nil)
    }

    @Test func whatTheKnowledgeDoesNotSayIsSaidPlainlyWithNoAllClear() throws {
        let answer = try Asker.bundled().ask("Is it safe to take ketamine while pregnant?")
        #expect(answer.answeredBy == "safety")
        #expect(answer.text == "The Knowledge does not say who should not have this treatment, and it never mentions “pregnant”.")
        #expect(answer.citations.isEmpty)
        #expect(!answer.isAnswered)
    }

    @Test func inACrisisWhatHelpsIsQuotedBeforeWhatRaisesTheRisk() throws {
        let answer = try Asker.bundled().ask("I feel hopeless and want to end my life")
        #expect(answer.preface != nil)
        #expect(answer.text.contains("decrease suicidal thoughts"))
    }

    @Test func aGeneralQuestionReportsOnlyWhatItFinds() throws {
        let answer = try Asker.bundled().ask("Can ketamine cause high blood pressure?")
        #expect(answer.answeredBy == "safety")
        #expect(!answer.text.contains("does not"))
        #expect(answer.text.contains("Increased blood pressure"))
    }
}
