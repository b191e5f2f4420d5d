import Foundation
import Testing
@testable import Core

/// Reading whom a statement is for: the abbreviations a document defines, the group a
/// clinical statement narrows to, and what a question's people say they lack.
@Suite struct QualifierTests {
    @Test func abbreviationsAreFoundAsTheirDocumentDefinesThem() {
        let found = Abbreviations.definitions(in: "Thromboembolic complications associated with atrial fibrillation (AF) and/or valve replacement; the international normalized ratio (INR) is monitored; see table (Table 2).")
        #expect(found.map(\.short) == ["AF", "INR"])
        #expect(found.map(\.long) == ["atrial fibrillation", "international normalized ratio"])
        // Letters that do not spell the short form from a word's start define nothing.
        #expect(Abbreviations.definitions(in: "taken with food (FDA)").isEmpty)
    }

    @Test func aGroupNarrowerThanTheQuestionsIsCounted() throws {
        let analyzer = try Analyzer.english()
        let question = Set(analyzer.terms("What target INR in atrial fibrillation?"))
        let abbreviations = ["af": analyzer.terms("atrial fibrillation")]
        func unasked(_ sentence: String) -> Int {
            Qualifier.unaskedWords(in: Substring(sentence), question: question, analyzer: analyzer, abbreviations: abbreviations)
        }
        #expect(unasked("In patients with AF, keep the INR at 2.5.") == 0)
        // “prosthetic” and “valves”; “heart” is too everyday a word to narrow anything.
        #expect(unasked("For patients with AF and prosthetic heart valves, the target INR may be increased.") == 2)
        #expect(unasked("Keep the INR at 2.5.") == 0)
    }

    @Test func whatTheQuestionsPeopleLackRulesOutStatementsThatAssumeIt() {
        let uninsured = Population(question: "where can i get cheap drugs if i have no insurance")
        #expect(uninsured.fit(statement: "The most your health insurance plan pays is $100.") <= -3)
        #expect(uninsured.fit(statement: "If you are without insurance, a community health center can help.") > 0)
        #expect(uninsured.fit(statement: "Community health centers provide prescription drugs.") == 0)
        #expect(Population(question: "i am uninsured, what can i do").lacking.isEmpty == false)
        // “No longer” names nothing a person has; taking it “without food” is a condition, not a lack.
        #expect(Population(question: "the dose no longer works").lacking.isEmpty)
        #expect(Population(question: "can I take it without food?").lacking.isEmpty)
        // What the uninsured lack is insurance, not insulin.
        #expect(Population(question: "i'm uninsured, what does insulin cost?").fit(statement: "Insulin costs $35 a month.") == 0)
    }
}
