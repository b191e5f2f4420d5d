import Core
import FuzzSupport

/// libFuzzer target: any bytes, as a question or a passage, through the English analyzer and
/// the sentence splitter. Nothing may trap, and every token's range must lie in the text.
nonisolated(unsafe) let analyzer = try! Analyzer.english()

func fuzzAnalyzer(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    for token in analyzer.tokens(text) {
        precondition(token.range.lowerBound >= text.startIndex && token.range.upperBound <= text.endIndex)
        _ = text[token.range]
    }
    _ = analyzer.keepingStopwords.tokens(text)
    _ = SentenceSplitter().sentences(in: text)
    return 0
}

@main
enum FuzzAnalyzer {
    static func main() { runFuzzer { fuzzAnalyzer($0, $1) } }
}
