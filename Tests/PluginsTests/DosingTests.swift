import Core
import Testing
@testable import Plugins

@Suite struct DosingTests {
    static let lengthSentence = "Intravenous infusions, often administered over 40 minutes, remain a common and well-studied method, showcasing rapid relief for some individuals."

    @Test func aSpecificQuestionGetsOnlyWhatItAsks() throws {
        let answer = try Asker.bundled().ask("How long does an IV ketamine infusion take?")
        #expect(answer.answeredBy == "dosing")
        #expect(answer.lines.map(\.label) == ["Session length"])
        #expect(answer.text.contains("40 minutes"))
        #expect(answer.citations.map(\.path) == ["002_409199b4de3c9526.md"])
        #expect(Asker.isGrounded(answer))
        #expect(answer.isMedical)
    }

    @Test func withoutTheLengthSentenceNoLengthIsStated() throws {
        let copy = try KnowledgeCopy()
        try copy.remove(Self.lengthSentence)
        let answer = try copy.asker().ask("How long does an IV ketamine infusion take?")
        #expect(answer.answeredBy == "dosing")
        #expect(!answer.text.contains("40"))
        #expect(answer.text.contains("does not say how long"))
        #expect(Asker.isGrounded(answer))
    }

    @Test func misspelledWordsStillReachDosing() throws {
        let asker = try Asker.bundled()
        let question = asker.question("What is the lenght of a ketamin infusion?")
        #expect(question.corrections.map(\.typed) == ["lenght"])
        let answer = asker.ask("What is the lenght of a ketamin infusion?")
        #expect(answer.answeredBy == "dosing")
        #expect(answer.text.contains("40 minutes"))
    }

    @Test func theStartOfACourseAndItsMaintenanceAreToldApart() throws {
        let asker = try Asker.bundled()
        let start = asker.ask("How often are ketamine infusions given at the start of treatment?")
        #expect(start.text.contains("twice-weekly") && start.text.contains("three-week"))
        #expect(!start.text.contains("two to four weeks"))
        let later = asker.ask("After the first treatments, how often do patients get maintenance infusions?")
        #expect(later.lines.map(\.label) == ["Maintenance"])
        #expect(later.text.contains("every two to four weeks"))
    }

    @Test func routesAreListedFromTheText() throws {
        let answer = try Asker.bundled().ask("What routes of administration are used for ketamine?")
        #expect(answer.answeredBy == "dosing")
        for route in ["intravenous", "intramuscular", "nasal spray"] {
            #expect(answer.text.lowercased().contains(route))
        }
    }

    @Test func aDoseInUnitsTheKnowledgeNeverGivesIsSaidPlainly() throws {
        let asker = try Asker.bundled()
        for question in ["What dose of ketamine in mg per kg is used?", "What is the maximum safe dose in mg?"] {
            let answer = asker.ask(question)
            #expect(answer.answeredBy == "dosing", "\(question)")
            #expect(answer.text.hasPrefix("The Knowledge states no dose in “mg"), "\(question)")
            #expect(Asker.numbers(in: answer.text).isEmpty, "\(question)")
            #expect(answer.text.contains("weight"), "\(question)")
        }
    }

    /// Units far apart in a long question are not one phrase: only the first is quoted back.
    @Test func unitsFarApartAreNotQuotedAsOnePhrase() throws {
        let asker = try Asker.bundled()
        #expect(asker.ask("What dose of ketamine in mg per kg is used?").text.hasPrefix("The Knowledge states no dose in “mg per kg”."))
        let long = "What is the ketamine mg dose" + String(repeating: " and more words", count: 10) + " per kg?"
        #expect(asker.ask(long).text.hasPrefix("The Knowledge states no dose in “mg”."))
    }

    @Test func aDoseStatedInTheKnowledgeIsQuoted() throws {
        let copy = try KnowledgeCopy()
        try copy.write("protocol.md", "# Infusion protocol\n\nThe usual dose is 0.5 mg/kg given over 40 minutes.\n")
        let answer = try copy.asker().ask("What dose of ketamine in mg per kg is used?")
        #expect(answer.text.contains("0.5 mg/kg"))
        #expect(answer.citations.map(\.path).contains("protocol.md"))
        #expect(Asker.isGrounded(answer))
    }

    @Test func weakCuesAloneAreLeftToTheRetriever() throws {
        let asker = try Asker.bundled()
        #expect(asker.ask("How long does it take for ketamine to work?").answeredBy == "retriever")
        #expect(asker.ask("How does ketamine work in the brain?").answeredBy == "retriever")
        #expect(asker.ask("How is ketamine given?").answeredBy == "dosing")
        #expect(asker.ask("How many doses of nasal spray per session?").lines.map(\.label) == ["Each session"])
    }

    @Test func aGeneralQuestionGetsEveryAspectFound() throws {
        let answer = try Asker.bundled().ask("Tell me about ketamine dosing")
        #expect(answer.answeredBy == "dosing")
        #expect(Set(answer.lines.compactMap(\.label)).isSuperset(of: ["Routes", "Session length", "How often", "Maintenance"]))
        #expect(Asker.isGrounded(answer))
    }
}
