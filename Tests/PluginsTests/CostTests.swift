import Core
import Testing
@testable import Plugins

@Suite struct CostTests {
    @Test func aPriceAddedToTheKnowledgeIsGivenWithItsCitation() throws {
        let copy = try KnowledgeCopy()
        try copy.write("prices.md", "# Clinic prices\n\nEach infusion costs $450. Most patients need six.\n")
        let answer = try copy.asker().ask("How much does a ketamine infusion cost?")
        #expect(answer.answeredBy == "cost")
        #expect(answer.text.contains("$450"))
        let line = try #require(answer.lines.first { $0.text.contains("$450") })
        #expect(line.citations.map { answer.citations[$0].path } == ["prices.md"])
        #expect(Asker.isGrounded(answer))
    }

    @Test func withoutAPriceItSaysSoAndReportsInsuranceAndFinancing() throws {
        let answer = try Asker.bundled().ask("How much does a ketamine infusion cost in dollars?")
        #expect(answer.answeredBy == "cost")
        #expect(answer.text.hasPrefix("The Knowledge gives no price in dollars."))
        #expect(Set(answer.lines.compactMap(\.label)) == ["Insurance", "Financing"])
        #expect(!answer.text.contains("$"))
    }

    @Test func aPercentageIsNeverAPrice() throws {
        // 002 offers "20% off" a better price: a discount, not a price.
        let asker = try Asker.bundled()
        let price = asker.ask("What is the price of ketamine treatment?")
        #expect(price.text.hasPrefix("The Knowledge gives no price."))
        #expect(!price.text.contains("20%"))
        let discount = asker.ask("Is there a discount?")
        #expect(discount.answeredBy == "cost")
        #expect(discount.text.contains("20% off"))
    }

    @Test func aPriceInAnotherCurrencyIsNotPassedOffAsTheOneAsked() throws {
        let copy = try KnowledgeCopy()
        try copy.write("prices.md", "# Clinic prices\n\nEach infusion costs $450.\n")
        let answer = try copy.asker().ask("What is the price in euros?")
        #expect(answer.text.hasPrefix("The Knowledge gives no price in euros."))
        #expect(answer.lines.contains { $0.label == "Price given" && $0.text.contains("$450") })
        #expect(!answer.text.contains("€"))
    }

    @Test func insuranceAndFinancingQuestions() throws {
        let asker = try Asker.bundled()
        let insurance = asker.ask("Is ketamine therapy covered by insurance?")
        #expect(insurance.answeredBy == "cost")
        #expect(insurance.lines.map(\.label) == ["Insurance"])
        #expect(insurance.text.lowercased().contains("not all insurance plans cover"))
        let afford = asker.ask("How can I afford ketamine treatment?")
        #expect(afford.lines.map(\.label) == ["Financing"])
        #expect(afford.text.contains("financing"))
    }

    @Test func aQuestionAboutSomethingTheKnowledgeNeverMentionsIsLeftToTheRetriever() throws {
        let answer = try Asker.bundled().ask("How much does a Tesla cost?")
        #expect(answer.answeredBy == Answer.noneName)
        #expect(answer.citations.isEmpty)
    }
}
