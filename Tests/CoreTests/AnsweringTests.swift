import Foundation
import Testing
@testable import Core

@Suite struct AnsweringTests {
    static func retriever() throws -> Retriever {
        let documents = [
            Document(id: "history.md", title: "History of Ketamine", path: "history.md", blocks: [
                Block(section: "Origins", text: "Ketamine was approved as an anesthetic in the 1970s. It was later used in psychiatry."),
            ]),
            Document(id: "faq.md", title: "Ketamine FAQ", path: "faq.md", blocks: [
                Block(section: "Candidates", text: "Who is a candidate for ketamine therapy?"),
                Block(section: "Candidates", text: "Candidates are adults who tried at least two antidepressants without relief."),
            ]),
            Document(id: "care.md", title: "Aftercare", path: "care.md", blocks: [
                Block(section: nil, text: "Patients rest after a session. Most feel relief within hours."),
            ]),
        ]
        let analyzer = try Analyzer.english()
        return Retriever(knowledge: try Knowledge(root: URL(fileURLWithPath: "/k"), documents: documents, analyzer: analyzer),
                         analyzer: analyzer)
    }

    func ask(_ text: String) throws -> Answer {
        let retriever = try Self.retriever()
        return try #require(RetrieverAnswerer().answer(retriever.question(text), retriever: retriever, limit: 3))
    }

    @Test func answersWithTheSentenceThatHoldsTheQuestionsTerms() throws {
        let answer = try ask("When was ketamine approved as an anesthetic?")
        #expect(answer.text == "Ketamine was approved as an anesthetic in the 1970s.")
        #expect(answer.answeredBy == "retriever")
        #expect(answer.citations.map(\.path) == ["history.md"])
        #expect(answer.citations.first?.document == "History of Ketamine")
        #expect(answer.citations.first?.text.contains("1970s") == true)
        #expect(answer.confidence == 1)
    }

    @Test func neverQuotesAQuestionFromTheText() throws {
        let answer = try ask("Who is a candidate for ketamine therapy?")
        #expect(answer.text == "Candidates are adults who tried at least two antidepressants without relief.")
    }

    @Test func saysPlainlyWhenNothingMatches() throws {
        let answer = try ask("What is the boiling point of mercury?")
        #expect(answer.answeredBy == "none")
        #expect(answer.citations.isEmpty)
        #expect(answer.text.contains("does not cover"))
        #expect(answer.text.contains("mercury"))
    }

    @Test func declinesWhenOnlyACommonWordMatches() throws {
        let answer = try ask("What is the ketamine tariff in Andorra for tourists?")
        #expect(answer.answeredBy == "none")
        #expect(answer.citations.isEmpty)
    }

    @Test func aQuestionOfOnlyStopwordsHasNothingToLookUp() throws {
        let answer = try ask("what is it and how?")
        #expect(answer.answeredBy == "none")
        #expect(answer.citations.isEmpty)
    }

    @Test func correctsTermsTheKnowledgeDoesNotUse() throws {
        let retriever = try Self.retriever()
        let question = retriever.question("When do patients feel releif?")
        #expect(question.corrections.map(\.replacements) == [["relief"]])
        #expect(question.corrections.first?.typed == "releif")
        #expect(question.terms.contains("relief"))
        #expect(retriever.surfaceForm(of: "relief") == "relief")
        let answer = try #require(RetrieverAnswerer().answer(question, retriever: retriever, limit: 3))
        #expect(answer.text.contains("relief"))
    }

    /// Ten unknown words are not ten typos: nothing is “corrected”, and the answer names a
    /// few of them and counts the rest rather than listing a pasted page back.
    @Test func aQuestionOfManyUnknownWordsIsNotCorrectedAndSaysSoBriefly() throws {
        let retriever = try Self.retriever()
        // Slips of everyday words (“sesion”) are no names; the nonsense words are.
        let typos = "releif sesion infusoin zorbly quandle frimp glarn snorf blickety wugle"
        #expect(retriever.question("When do patients feel releif?").corrections.count == 1)
        let question = retriever.question(typos)
        #expect(question.corrections.isEmpty)
        let answer = try #require(RetrieverAnswerer().answer(question, retriever: retriever, limit: 3))
        #expect(answer.answeredBy == "none")
        #expect(answer.text.hasSuffix(" or other words."), "\(answer.text)")
        #expect(answer.text.components(separatedBy: "“").count - 1 == 6, "\(answer.text)")
        var settings = Retriever.Settings()
        settings.maximumCorrections = 10
        let lenient = Retriever(knowledge: retriever.knowledge, analyzer: retriever.analyzer, settings: settings)
        #expect(lenient.question(typos).corrections.map(\.replacements).contains(["relief"]))
    }

    @Test func aCorrectionAloneNeverMakesAQuestionCovered() throws {
        // "brek" is no word, and one edit from "break"; too short to be sure of, the guess may
        // rank, but it is not evidence.
        let documents = [Document(id: "d.md", title: "Rest", path: "d.md", blocks: [
            Block(section: nil, text: "Take a break after each session."),
        ])]
        let analyzer = try Analyzer.english()
        let retriever = Retriever(knowledge: try Knowledge(root: URL(fileURLWithPath: "/k"), documents: documents, analyzer: analyzer),
                                  analyzer: analyzer)
        let question = retriever.question("brek")
        #expect(question.corrections.map(\.replacements) == [["break"]])
        #expect(question.corrections.map(\.kind) == [.spelling])
        let answer = try #require(RetrieverAnswerer().answer(question, retriever: retriever, limit: 3))
        #expect(answer.answeredBy == "none")
        #expect(answer.citations.isEmpty)
        #expect(answer.text.contains("brek"))
    }

    @Test func editDistanceCountsSwapsAsOneEdit() {
        func d(_ a: String, _ b: String) -> Int {
            SpellingCorrector.distance(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), limit: 3)
        }
        #expect(d("lenght", "length") == 1)
        #expect(d("reliev", "relief") == 1)
        #expect(d("ketamin", "ketamin") == 0)
        #expect(d("abc", "") == 3)
        #expect(d("kitten", "sitting") == 3)
    }
}

@Suite struct RouterTests {
    /// A stand-in plugin with a fixed confidence, to watch the router choose.
    struct FixedAnswerer: Answerer {
        let name: String
        let confidence: Double?
        let summary = "test"
        let examples: [String] = []

        func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
            confidence.map { Answer(question: question.text, text: name, answeredBy: name, confidence: $0, citations: []) }
        }
    }

    @Test func theMostConfidentPluginAboveTheThresholdAnswers() throws {
        let retriever = try AnsweringTests.retriever()
        let router = Router(plugins: [FixedAnswerer(name: "low", confidence: 0.6), FixedAnswerer(name: "high", confidence: 0.9),
                                      FixedAnswerer(name: "silent", confidence: nil)])
        let outcome = router.route(retriever.question("ketamine"), retriever: retriever, limit: 3)
        #expect(outcome.answer.answeredBy == "high")
        #expect(outcome.candidates.map(\.name) == ["low", "high", "silent"])
        #expect(outcome.candidates.map(\.confidence) == [0.6, 0.9, 0])
    }

    @Test func tiesGoToThePluginRegisteredFirst() throws {
        let retriever = try AnsweringTests.retriever()
        let router = Router(plugins: [FixedAnswerer(name: "first", confidence: 0.7), FixedAnswerer(name: "second", confidence: 0.7)])
        #expect(router.route(retriever.question("ketamine"), retriever: retriever, limit: 3).answer.answeredBy == "first")
    }

    @Test func belowTheThresholdTheRetrieverAnswers() throws {
        let retriever = try AnsweringTests.retriever()
        let router = Router(plugins: [FixedAnswerer(name: "unsure", confidence: 0.3)])
        let outcome = router.route(retriever.question("When was ketamine approved?"), retriever: retriever, limit: 3)
        #expect(outcome.answer.answeredBy == "retriever")
        #expect(router.answerer(named: "unsure")?.name == "unsure")
        #expect(router.answerer(named: "retriever")?.name == "retriever")
    }
}
