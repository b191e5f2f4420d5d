import Core
import Foundation
import Testing
@testable import Plugins

/// The crisis policy around whatever answers: resources first for a crisis, a version for someone
/// worried about another person, and an informational question's answer never replaced.
@Suite struct CrisisRoutingTests {
    /// Everything but the crisis text: what the answerer said and what it cites.
    func body(_ answer: Answer) -> [String] {
        [answer.answeredBy, answer.text] + answer.citations.map { "\($0.path)#\($0.passage)" }
    }

    @Test(.enabled(if: CrisisDevSetTests.informational != nil, "needs ../shared/eval/crisis-dev.jsonl (or $KQ_SHARED)"))
    func everyInformationalQuestionKeepsTheAnswerItGetsWithTheDetectorOff() throws {
        let asker = try Asker.bundled()
        let off = Router(plugins: asker.router.plugins, crisis: nil)
        let questions = try #require(CrisisDevSetTests.informational)
        #expect(questions.count >= 30)
        for text in questions {
            let question = asker.question(text)
            let with = asker.router.route(question, retriever: asker.retriever, limit: 3).answer
            let without = off.route(question, retriever: asker.retriever, limit: 3).answer
            #expect(body(with) == body(without), "\(text)")
            #expect(without.preface == nil && without.postscript == nil)
            if with.crisis.level == .mention { #expect(with.fullText.hasPrefix(without.text), "\(text)") }
        }
    }

    @Test func aMentionKeepsItsAnswerAndAddsOneLineAfter() throws {
        let answer = try Asker.bundled().ask("Does ketamine reduce suicidal thoughts?")
        #expect(answer.crisis.level == .mention)
        #expect(answer.preface == nil)
        #expect(answer.isAnswered)
        #expect(answer.postscript == CrisisPolicy.defaultMentionLine)
        #expect(answer.fullText.hasSuffix(CrisisPolicy.defaultMentionLine))
    }

    @Test func someoneWorriedAboutAnotherPersonGetsTheirVersion() throws {
        let answer = try Asker.bundled().ask("my dad keeps saying he wants to die, what do i do")
        #expect(answer.crisis.subject == .someoneElse)
        #expect(answer.preface == CrisisPolicy.defaultOtherMessage)
        #expect(answer.fullText.hasPrefix("If someone you know"))
    }

    @Test func aCrisisTheKnowledgeCannotAnswerGetsTheResourcesAlone() throws {
        let answer = try Asker.bundled().ask("kms")
        #expect(answer.preface == CrisisPolicy.defaultMessage)
        #expect(answer.text.isEmpty)
        #expect(answer.fullText == CrisisPolicy.defaultMessage)
    }

    @Test func theDetectorReadsTheQuestionAsTypedNotAsCorrected() throws {
        // Spelling correction turns “pain” into a word the Knowledge uses; the detector must
        // still see what was written.
        let asker = try Asker.bundled()
        let answer = asker.ask("i dont see a way out, i just want the pain to stop for good")
        #expect(answer.crisis.level == .crisis)
        #expect(answer.preface != nil)
    }
}
