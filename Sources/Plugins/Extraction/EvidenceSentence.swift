import Core

/// A sentence from a passage an answerer searched, ready to be tested by an aspect's patterns.
public struct EvidenceSentence {
    /// As written, without a list marker.
    public let text: Substring
    /// Its analysed terms, for topic overlap.
    public let terms: Set<String>
    /// When the sentence announces a list (“Common side effects include:”), the items that
    /// follow it in the passage.
    public let items: [Substring]
    /// The search hit of the passage it stands in.
    public let hit: PassageHit
}

/// The sentences of the passages one question's searches find, split and analysed once per
/// passage however many aspects' searches return it.
final class EvidenceSentences {
    private let analyzer: Analyzer
    private let splitter: SentenceSplitter
    private var parsed: [Int: [(text: Substring, terms: Set<String>, items: [Substring])]] = [:]

    init(analyzer: Analyzer, splitter: SentenceSplitter) {
        self.analyzer = analyzer
        self.splitter = splitter
    }

    /// The passage's sentences in reading order. Questions in the text (an FAQ's headings) are
    /// left out, since they state nothing, and so is a line announcing a list whose items the
    /// passage does not hold.
    func of(_ hit: PassageHit) -> [EvidenceSentence] {
        let sentences = parsed[hit.passage.id] ?? parse(hit.passage.text)
        parsed[hit.passage.id] = sentences
        return sentences.map { EvidenceSentence(text: $0.text, terms: $0.terms, items: $0.items, hit: hit) }
    }

    private func parse(_ passage: String) -> [(text: Substring, terms: Set<String>, items: [Substring])] {
        var result: [(text: Substring, terms: Set<String>, items: [Substring])] = []
        let lines = passage.split(separator: "\n")
        for (number, line) in lines.enumerated() {
            var items: [Substring] = []
            if ListLine.introducesList(line) {
                items = lines[(number + 1)...].prefix(while: ListLine.isItem).map(ListLine.content)
            }
            let sentences = splitter.sentences(in: String(line))
            for (index, sentence) in sentences.enumerated() where !sentence.hasSuffix("?") {
                let text = ListLine.content(sentence)
                let isLast = index == sentences.count - 1
                if isLast, ListLine.introducesList(text), items.isEmpty { continue }
                result.append((text, Set(analyzer.terms(String(text))), isLast ? items : []))
            }
        }
        return result
    }
}
