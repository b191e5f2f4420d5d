@testable import Core
import Testing

@Suite struct WordPatternTests {
    let classes = ["pills": ["pills", "sleeping pills"], "refl": ["myself", "herself"]]

    func matches(_ pattern: String, _ text: String) -> [String] {
        let words = CrisisText(text, vocabulary: CrisisText.Vocabulary(words: [], prefixes: [])).words
        return WordPattern(pattern, classes: classes).matches(in: words).map { words[$0].joined(separator: " ") }
    }

    @Test func wordsChoicesClassesAndGroups() {
        #expect(matches("(have|got) the/my/enough @pills ~1 already/ready", "i have the pills already") == ["have the pills already"])
        #expect(matches("kill @refl", "she said she would kill herself") == ["kill herself"])
        #expect(matches("how many ~3 (would it take|to die)", "how many of them to die") == ["how many of them to die"])
        #expect(matches("suicid*", "suicidal thoughts") == ["suicidal"])
        #expect(matches("want to? die", "i want die").count == 1)
    }

    @Test func gapsStopAtNegationsClauseEndsAndNewTopics() {
        #expect(matches("hope ~4 dies", "i hope the dog dies").count == 1)
        #expect(matches("hope ~4 dies", "i hope the dog never dies").isEmpty)
        #expect(matches("hope ~4 dies", "i hope so, the dog dies").isEmpty)
        #expect(matches("want ~4 die", "i want to know if people die").isEmpty)
    }

    @Test func clauseStartAndEnd() {
        #expect(matches("^ sh", "sh again tonight").count == 1)
        #expect(matches("^ sh", "run it in sh").isEmpty)
        #expect(matches("end it $", "i will end it. soon").count == 1)
        #expect(matches("end it $", "can i end it early").isEmpty)
    }
}

@Suite struct CrisisLexiconTests {
    /// A word the reading of a message never produces (`gonna` becomes `going to`, `mum` becomes
    /// `mom`, `2000` becomes `many`) can never match: each pattern word must read as itself.
    @Test func everyPatternWordCanBeMatched() {
        let classes = WordPattern.Classes(CrisisLexicon.classes)
        for source in CrisisLexicon.rules.map(\.pattern) + CrisisLexicon.idioms + CrisisLexicon.history {
            _ = WordPattern(source, classes: classes)
        }
        let vocabulary = CrisisText.Vocabulary(words: [], prefixes: [])
        let unreadable = classes.words.filter { CrisisText($0, vocabulary: vocabulary).words != [$0] }
        #expect(unreadable.isEmpty, "\(unreadable.sorted())")
    }
}
