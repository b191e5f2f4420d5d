import Testing
@testable import Core

@Suite struct AnalyzerTests {
    let analyzer = try! Analyzer.english()

    @Test func stemsWithSnowballEnglish() {
        #expect(analyzer.terms("running infusions depressed ketamine studies") == ["run", "infus", "depress", "ketamin", "studi"])
    }

    @Test func foldsCaseAndAccents() {
        #expect(analyzer.terms("KETAMINE Kétamine ÉTUDE naïve") == ["ketamin", "ketamin", "etud", "naiv"])
    }

    @Test func dropsEnglishStopwords() {
        #expect(analyzer.terms("What is the treatment for it?") == ["treatment"])
        #expect(analyzer.terms("how are you") == [])
    }

    @Test func hyphenatedWordsGivePartsAndTheCatenatedWord() {
        #expect(analyzer.terms("twice-weekly") == ["twice", "week", "twiceweek"])
        #expect(analyzer.terms("N-methyl-D-aspartate") == ["n", "methyl", "d", "aspart", "nmethyldaspart"])
    }

    @Test func hyphensAroundNumbersDoNotCatenate() {
        #expect(analyzer.terms("COVID-19") == ["covid", "19"])
        #expect(analyzer.terms("2-4 weeks") == ["2", "4", "week"])
    }

    @Test func numbersKeepDecimalsAndDropThousandsSeparators() {
        #expect(analyzer.terms("0.5 mg") == ["0.5", "mg"])
        #expect(analyzer.terms("17,908 documents") == ["17908", "document"])
        #expect(analyzer.terms("4 million Americans") == ["4", "million", "american"])
        #expect(analyzer.terms("the 1970s.") == ["1970s"])
    }

    @Test func aNumberWrittenAgainstItsUnitIsTwoWords() {
        #expect(analyzer.terms("200mg caplets") == ["200", "mg", "caplet"])
        #expect(analyzer.terms("2.5mg/kg every 24hrs") == ["2.5", "mg", "kg", "everi", "24", "hrs"])
        #expect(analyzer.terms("vitamin B12 and H1N1") == ["vitamin", "b12", "h1n1"])
        #expect(analyzer.terms("the 3rd dose at 10am") == ["3rd", "dose", "10am"])
    }

    @Test func apostrophesStayInsideWords() {
        #expect(analyzer.terms("the patient’s dose") == ["patient", "dose"])
        #expect(analyzer.terms("you're") == [])
    }

    @Test func tokensKeepTheirSourceRange() {
        let text = "Ketamine works"
        let tokens = analyzer.tokens(text)
        #expect(tokens.map { String(text[$0.range]) } == ["Ketamine", "works"])
        #expect(tokens.map(\.position) == [0, 1])
    }

    @Test func unicodeLettersAreWords() {
        #expect(StandardTokenizer().tokens(in: "депрессия 抑郁 café").map(\.term) == ["депрессия", "抑郁", "café"])
    }

    @Test func punctuationAndEmptyTextGiveNoTokens() {
        #expect(analyzer.terms("?!… — ...") == [])
        #expect(analyzer.terms("") == [])
    }
}
