import Core
import Foundation
import Testing
import Plugins

/// What the README's "Writing a plugin" describes: a new answerer written outside kq's plugins,
/// given to the router beside them, takes the questions that are its own.
struct OpeningHoursAnswerer: AspectAnswerer {
    let name = "hours"
    let summary = "When the clinic is open."
    let examples = ["When is the clinic open?"]
    let extractor: AspectExtractor

    init(analyzer: Analyzer) {
        var hours = Aspect(name: "hours", label: "Opening hours", askedBy: ["open", "opening hours"],
                           searchWords: "open hours") { sentence, _ in
            Pattern(#"\bopen\b.*\b\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b"#).matches(sentence.text) ? Aspect.Evidence(1) : nil
        }
        hours.general = true
        extractor = AspectExtractor(domain: [("open", 0.6), ("opening hours", 0.6)], aspects: [hours],
                                    isMedical: false, analyzer: analyzer)
    }
}

@Suite struct NewPluginTests {
    @Test func theRouterPicksUpANewAnswerer() throws {
        let copy = try KnowledgeCopy()
        try copy.write("clinic.md", "# The clinic\n\nThe clinic is open from 9 am to 5 pm on weekdays.\n")
        let analyzer = try Analyzer.english()
        let asker = try copy.asker(plugins: Registry.plugins(analyzer: analyzer) + [OpeningHoursAnswerer(analyzer: analyzer)])
        let answer = asker.ask("When is the clinic open?")
        #expect(answer.answeredBy == "hours")
        #expect(answer.text == "Opening hours: The clinic is open from 9 am to 5 pm on weekdays.")
        #expect(answer.citations.map(\.path) == ["clinic.md"])
        #expect(!answer.isMedical)
        // Its cues do not take questions that are not its own.
        #expect(asker.ask("How long does an IV ketamine infusion take?").answeredBy == "dosing")
    }

    @Test func cuesMatchWholePhrasesInOrder() throws {
        let asker = try Asker.bundled()
        let cues = CueSet([("how long", 0.3), ("side effect", 0.8)], analyzer: asker.retriever.analyzer)
        #expect(cues.matches(in: asker.question("How long do side effects last?")).map(\.phrase) == ["how long", "side effect"])
        #expect(cues.matches(in: asker.question("long-term effects on the side")).isEmpty)
        #expect(cues.score(asker.question("How long do side effects last?")) == 1)
        let gap = CueSet(["how * given"], analyzer: asker.retriever.analyzer)
        #expect(!gap.matches(in: asker.question("How is ketamine given?")).isEmpty)
        #expect(gap.matches(in: asker.question("How are the many infusions of ketamine given?")).isEmpty)
    }

    @Test func cueWordsAreNeverCorrectedAway() throws {
        let asker = try Asker.bundled()
        // "routes" (rout) is one edit from "root", which the Knowledge uses; it is a dosing cue,
        // and an English word, so it is never corrected, with the cue lexicon or without.
        #expect(asker.question("What routes are used?").corrections.isEmpty)
        #expect(asker.retriever.question("What routes are used?").corrections.isEmpty)
        // "lenght" is no word: one edit from the cue "length", it is read as that.
        #expect(asker.question("What is the lenght?").corrections.map(\.replacements) == [["length"]])
    }
}
