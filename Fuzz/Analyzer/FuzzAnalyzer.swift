import Core
import FuzzSupport

/// libFuzzer target: any bytes, as a question or a passage, through the English analyzer, the
/// sentence splitter and what reads a question's words against English at large (the frequency
/// table, Hunspell, the kinds asked, the population). Nothing may trap, and every token's range
/// must lie in the text.
nonisolated(unsafe) let analyzer = try! Analyzer.english()

func fuzzAnalyzer(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    for token in analyzer.tokens(text) {
        precondition(token.range.lowerBound >= text.startIndex && token.range.upperBound <= text.endIndex)
        _ = text[token.range]
    }
    _ = analyzer.keepingStopwords.tokens(text)
    _ = SentenceSplitter().sentences(in: text)
    _ = Asked.recognised(in: text.lowercased())
    _ = Population(question: text).fit(statement: text)
    for token in analyzer.keepingStopwords.tokens(text).prefix(20) {
        let word = String(text[token.range])
        _ = WordFrequencies.shared?.zipf(word)
        if word.utf8.count < 100 { _ = Speller.shared?.isWord(word) }
    }
    return 0
}

@main
enum FuzzAnalyzer {
    static func main() { runFuzzer { fuzzAnalyzer($0, $1) } }
}
