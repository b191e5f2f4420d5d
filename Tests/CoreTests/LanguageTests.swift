import Foundation
import Testing
@testable import Core

/// English at large: word frequencies (wordfreq's table), Hunspell's dictionary, and what kq
/// reads from a question with them.
@Suite struct LanguageTests {
    @Test func frequenciesTellEverydayWordsFromNames() throws {
        let table = try #require(WordFrequencies.shared)
        #expect(try #require(table.zipf("the")) > 7)
        #expect(try #require(table.zipf("Weight")) > 4.5)
        #expect(table.zipf("spravato") == nil)
        #expect(table.rarity("ok") == 0)
        #expect(table.rarity("metformin") > 0.5)
        #expect(table.rarity("esketaminezzz") == 1)
    }

    @Test func hunspellKnowsWordsFromSlips() throws {
        let speller = try #require(Speller.shared)
        #expect(speller.isWord("walk") && speller.isWord("metformin"))
        #expect(!speller.isWord("ibuprofin"))
    }

    static func retriever(_ texts: [String: String]) throws -> Retriever {
        let analyzer = try Analyzer.english()
        let documents = try texts.sorted { $0.key < $1.key }.flatMap { try MarkdownFormat().documents(in: $0.value, path: $0.key) }
        return Retriever(knowledge: try Knowledge(root: URL(fileURLWithPath: "/k"), documents: documents, analyzer: analyzer),
                         analyzer: analyzer)
    }

    @Test func aMissingEverydayWordWeighsNothingAndAMissingNameEverything() throws {
        let retriever = try Self.retriever(["a.md": "# Zorfen\n\nZorfen is taken every 4 hours.\n"])
        let question = retriever.question("is zorfen ok with metformin")
        #expect(retriever.weight(of: "ok", in: question) == 0)
        #expect(retriever.weight(of: "metformin", in: question) > retriever.weight(of: "zorfen", in: question) / 2)
        #expect(question.subjects.missing == ["metformin"])
    }

    @Test func slipsOfEverydayWordsAreThoseWordsNotNames() throws {
        let table = try #require(WordFrequencies.shared)
        #expect(table.everydayWord(near: "tomorow") == "tomorrow")
        #expect(table.everydayWord(near: "isnt") == "isn't")
        // A name a letter from a word stays a name.
        #expect(table.everydayWord(near: "paxil") == nil)
        #expect(table.everydayWord(near: "aleve") == nil && table.everydayWord(near: "coreg") == nil)
        #expect(table.everydayWord(near: String(repeating: "q", count: 3000)) == nil)
        let retriever = try Self.retriever(["a.md": "# Zorfen\n\nIf you miss a dose of zorfen, take it as soon as you remember.\n"])
        let question = retriever.question("i missed my zorfen, should i take two tomorow")
        #expect(question.subjects.missing.isEmpty, "\(question.subjects.missing)")
        #expect(retriever.weight(of: "tomorow", in: question) == 0)
        #expect(retriever.question("what is the zorfen dose for paxil").subjects.missing == ["paxil"])
    }

    @Test func anUnknownWordBesideKnownSubjectsIsMissingOnlyWhereItStandsAsOne() throws {
        let retriever = try Self.retriever([
            "a.md": "# Zorfen Tablets\n\nZorfen is taken every 4 hours.\n",
            "b.md": "# Quellamide Tablets\n\nTaking quellamide with zorfen increases the risk of bleeding.\n",
            "c.md": "# Glossary\n\nA copayment is a fixed amount.\n",
        ])
        let purpose = retriever.question("I take zorfen for afib, can I take quellamide too?")
        #expect(purpose.subjects.missing.isEmpty && purpose.subjects.context == ["afib"], "\(purpose.subjects)")
        let alias = retriever.question("how often do I take zorfen (brandexa)?")
        #expect(alias.subjects.missing.isEmpty && alias.subjects.context == ["brandexa"], "\(alias.subjects)")
        #expect(retriever.question("can I take zorfen with metformin?").subjects.missing == ["metformin"])
        #expect(retriever.question("zorfen, quellamide or metformin: which is safest?").subjects.missing == ["metformin"])
        // A label for people does not answer for a dog.
        #expect(retriever.question("can I give my dog zorfen?").subjects.missing == ["dog"])
    }

    @Test func derivedFormsAreReadAsTyped() throws {
        // The stemmer keeps “driver” apart from “drive”; a question about driving means it.
        let retriever = try Self.retriever(["a.md": "# After a session\n\nBring a driver to take you home.\n"])
        let question = retriever.question("can i drive myself")
        #expect(question.corrections.map(\.kind) == [.derived])
        #expect(question.terms.contains("driver"))
        #expect(retriever.question("can i walk").corrections.isEmpty)
    }

    @Test func subjectsAreTheNamesOfSomeDocumentsNotOfMost() throws {
        let retriever = try Self.retriever([
            "a.md": "# Zorfen Tablets\n\nZorfen text.\n", "b.md": "# Quellamide Tablets\n\nQuellamide text.\n",
            "c.md": "# Glossary\n\nWords.\n", "d.md": "# Other Tablets\n\nMore.\n", "e.md": "# Notes\n\nNotes.\n",
        ])
        let question = retriever.question("can i take zorfen tablets with quellamide")
        #expect(question.subjects.named.map(\.words) == [["zorfen"], ["quellamide"]])
        #expect(question.relation == .interaction)
        #expect(retriever.question("zorfen or quellamide: which is stronger").relation == .comparison)
    }

    @Test func whatIsAskedIsRecognisedFromTheWordsThatAskIt() {
        func kinds(_ text: String) -> [String] { Asked.recognised(in: text.lowercased()).map(\.name) }
        #expect(kinds("How often can I take it?") == ["frequency"])
        #expect(kinds("i missed my dose this morning") == ["missed"])
        #expect(kinds("What is the most I can take in a day?") == ["maximum"])
        #expect(kinds("what are the most common side effects") == ["sideEffects"])
        #expect(kinds("does my premium count toward the out of pocket maximum?").contains("maximum") == false)
        #expect(kinds("my toddler swallowed too many tablets") == ["overdose"])
        #expect(kinds("how long until it starts to work") == ["onset"])
        #expect(kinds("what's a copay") == ["definition"])
        // A yes-or-no question about taking it asks for a verdict; a wh-question does not.
        #expect(kinds("my 14 yr old has the flu, can I give her aspirin?") == ["verdict"])
        #expect(kinds("is it safe to take it for a few days") == ["verdict"])
        #expect(kinds("where can i get cheap drugs") == ["source"])
        // “Most nights” is no maximum; “the most I can take” is.
        #expect(!kinds("I have 3 beers most nights, is it safe to take ibuprofen").contains("maximum"))
        #expect(kinds("forgot my dose, should i double up tomorrow") == ["missed"])
    }

    @Test func aPopulationFitsTheQualifiersThatIncludeIt() {
        let ten = Population(question: "Can my 10 year old take these?")
        #expect(ten.fit(statement: "children under 12 years: ask a doctor") > 0)
        #expect(ten.fit(statement: "adults and children 12 years and over: take 1 caplet") < 0)
        let twenty = Population(question: "dose for a 20 kg child")
        #expect(twenty.fit(statement: "Body weight: 10 kg to less than 30 kg; Dose: 5 mg/kg") > 0)
        #expect(twenty.fit(statement: "Body weight: 30 kg and over; Dose: 150 mg") < 0)
        #expect(Population(question: "what is the dose").fit(statement: "children under 12 years") == 0)
        // A bound of zero is a range, not a crash.
        #expect(Population(question: "a dose for a baby less than 0 kg").weights == [0...0])
    }

    @Test func aHeadingAnywhereInASectionsPathFilesItsKind() throws {
        let uses = try #require(Asked.named("use"))
        #expect(uses.filesUnder("Drug Facts › Uses"))
        #expect(!uses.filesUnder("Drug Facts › Directions"))
    }

    @Test func aFollowUpInheritsOnlyWhenItNamesNothing() throws {
        let retriever = try Self.retriever(["a.md": "# Zorfen\n\nZorfen is taken every 4 hours.\n",
                                            "b.md": "# Quellamide\n\nQuellamide costs little.\n",
                                            "c.md": "# Notes\n\nStomach upset may occur with any tablet.\n"])
        var conversation = Conversation()
        conversation.record(retriever.question("how often is zorfen taken"), retriever: retriever)
        #expect(conversation.about == ["zorfen"])
        let followUp = retriever.question("and how much does it cost?", conversation: conversation)
        #expect(followUp.inheritedSubject == ["zorfen"])
        #expect(followUp.subjects.named.map(\.words) == [["zorfen"]])
        #expect(retriever.question("how much does quellamide cost?", conversation: conversation).inheritedSubject == nil)
        conversation.forget()
        #expect(retriever.question("and how much does it cost?", conversation: conversation).inheritedSubject == nil)
        // After a question about a name the Knowledge lacks, a follow-up is about that name.
        conversation.record(retriever.question("how often is zorfen taken"), retriever: retriever)
        conversation.record(retriever.question("what about metformin?"), retriever: retriever)
        let afterDecline = retriever.question("and how much of it do I take?", conversation: conversation)
        #expect(afterDecline.subjects.missing == ["metformin"])
        // A follow-up with a topic of its own stands alone.
        conversation.record(retriever.question("how often is zorfen taken"), retriever: retriever)
        #expect(retriever.question("and what about stomach upset?", conversation: conversation).inheritedSubject == nil)
        #expect(retriever.question("and what about it?", conversation: conversation).inheritedSubject == ["zorfen"])
    }

    @Test func aTableRowIsQuotedUnderItsHeader() throws {
        let retriever = try Self.retriever(["a.md": "# Zorfen\n\n## Doses\n\n| Body weight | Dose |\n|---|---|\n| under 30 kg | 5 mg/kg |\n"])
        let hit = PassageHit(passage: retriever.knowledge.passages[0], document: retriever.knowledge.documents[0], score: 1)
        let units = QuotedUnit.units(of: hit, splitter: SentenceSplitter())
        #expect(units.map(\.text) == ["Doses: Body weight: under 30 kg; Dose: 5 mg/kg"])
    }
}
