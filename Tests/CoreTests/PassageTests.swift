import Testing
@testable import Core

@Suite struct PassageTests {
    static func words(_ n: Int, _ word: String = "word") -> String {
        Array(repeating: word, count: n).joined(separator: " ") + "."
    }

    @Test func shortBlocksMergeUntilTheMinimum() {
        let document = Document(id: "d", title: "T", path: "d", blocks: [
            Block(section: "S", text: Self.words(10)),
            Block(section: "S", text: Self.words(10)),
            Block(section: "S", text: Self.words(30)),
            Block(section: "S", text: Self.words(45)),
        ])
        let passages = PassageSplitter(minimumWords: 40, maximumWords: 200).passages(of: document, documentIndex: 3, firstID: 7)
        #expect(passages.map { PassageSplitter.wordCount($0.text) } == [50, 45])
        #expect(passages.map(\.id) == [7, 8])
        #expect(passages.map(\.ordinal) == [0, 1])
        #expect(passages.allSatisfy { $0.document == 3 && $0.section == "S" })
        #expect(passages[0].text.split(separator: "\n").count == 3)
    }

    @Test func passagesNeverCrossASectionHeading() {
        let document = Document(id: "d", title: "T", path: "d", blocks: [
            Block(section: "One", text: Self.words(5)),
            Block(section: "Two", text: Self.words(5)),
        ])
        let passages = PassageSplitter().passages(of: document, documentIndex: 0, firstID: 0)
        #expect(passages.map(\.section) == ["One", "Two"])
    }

    @Test func aShortTailJoinsThePassageBefore() {
        let document = Document(id: "d", title: "T", path: "d", blocks: [
            Block(section: nil, text: Self.words(60)),
            Block(section: nil, text: Self.words(8)),
        ])
        let passages = PassageSplitter(minimumWords: 40, maximumWords: 200).passages(of: document, documentIndex: 0, firstID: 0)
        #expect(passages.map { PassageSplitter.wordCount($0.text) } == [68])
    }

    @Test func longBlocksAreCutAtSentenceEnds() {
        let sentence = "Ketamine " + Array(repeating: "helps", count: 29).joined(separator: " ") + "."
        let block = Array(repeating: sentence, count: 10).joined(separator: " ")  // 300 words
        let document = Document(id: "d", title: "T", path: "d", blocks: [Block(section: nil, text: block)])
        let passages = PassageSplitter(minimumWords: 40, maximumWords: 200).passages(of: document, documentIndex: 0, firstID: 0)
        #expect(passages.map { PassageSplitter.wordCount($0.text) } == [180, 120])
        #expect(passages.allSatisfy { $0.text.hasPrefix("Ketamine") && $0.text.hasSuffix(".") })
    }

    @Test func aSentenceLongerThanTheMaximumIsCutAtWords() {
        let document = Document(id: "d", title: "T", path: "d", blocks: [Block(section: nil, text: Self.words(450))])
        let passages = PassageSplitter(minimumWords: 40, maximumWords: 200).passages(of: document, documentIndex: 0, firstID: 0)
        #expect(passages.map { PassageSplitter.wordCount($0.text) } == [200, 200, 50])
    }
}

@Suite struct SentenceSplitterTests {
    let splitter = SentenceSplitter()

    func split(_ text: String) -> [String] { splitter.sentences(in: text).map(String.init) }

    @Test func splitsOnTerminalPunctuation() {
        #expect(split("It works. Does it? Yes!  Good") == ["It works.", "Does it?", "Yes!", "Good"])
    }

    @Test func respectsAbbreviationsInitialsAndDecimals() {
        #expect(split("Dr. Lifschutz treats TRD. Zarate, C. A., et al. (2006) showed relief. The dose was 0.5 mg per kg. Done.")
                == ["Dr. Lifschutz treats TRD.", "Zarate, C. A., et al. (2006) showed relief.", "The dose was 0.5 mg per kg.", "Done."])
        #expect(split("Use a spray, e.g. Spravato, twice. Then rest.") == ["Use a spray, e.g. Spravato, twice.", "Then rest."])
    }

    @Test func aLowercaseWordAfterAFullStopDoesNotStartASentence() {
        #expect(split("See fig. below for more.") == ["See fig. below for more."])
    }

    @Test func closingQuotesStayWithTheirSentence() {
        #expect(split("He said “it helps.” Then he left.") == ["He said “it helps.”", "Then he left."])
    }

    @Test func aSectionReferenceStaysWithTheSentenceBeforeIt() {
        #expect(split("Warfarin can cause major bleeding. ( 5.1) Monitor INR in all patients. (2.1, 7) Done.")
                == ["Warfarin can cause major bleeding. ( 5.1)", "Monitor INR in all patients. (2.1, 7)", "Done."])
        // Words in brackets are no reference: they open the next sentence.
        #expect(split("It helps. (In most people.) Then stop.") == ["It helps.", "(In most people.)", "Then stop."])
        // A list's number or a year opens the next sentence.
        #expect(split("Tell patients the following. (1) Stop if a rash appears.") == ["Tell patients the following.", "(1) Stop if a rash appears."])
    }

    /// Each sentence's word count, found in the same walk as its end, is the number of runs
    /// of non-space in it, whatever mixes of spaces, tabs, marks and other scripts it holds.
    @Test func eachSentenceCountsTheWordsInIt() {
        let texts = [
            "It works. Does it?  Yes!\tGood",
            "  Leading and trailing spaces.   ",
            "Café au lait — très bon. Naïve résumé\u{00A0}here. 5 mg, twice a day!\n\nNext line",
            "a.b.c d... e?! F\r\nG\u{2003}h",
            String(repeating: "word ", count: 40) + ".\nEnd",
        ]
        for text in texts {
            let sentences = text.utf8CString.withUnsafeBufferPointer { raw in
                raw.withMemoryRebound(to: UInt8.self) { splitter.sentences(in: UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
            let bytes = Array(text.utf8)
            for (range, words) in sentences {
                let sentence = String(decoding: bytes[range], as: UTF8.self)
                #expect(words == sentence.split(whereSeparator: \.isWhitespace).count, "\(sentence)")
            }
        }
    }

    @Test func lineBreaksEndSentences() {
        #expect(split("Side effects include:\nNausea\nHeadache") == ["Side effects include:", "Nausea", "Headache"])
    }
}
