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
    public let hit: PassageHit
    /// The passage's rank in the search that found it, from 0.
    public let rank: Int

    /// The sentences of a passage in reading order. Questions in the text (an FAQ's headings)
    /// are left out, since they state nothing, and so is a line announcing a list whose items
    /// the passage does not hold.
    static func all(in hit: PassageHit, rank: Int, analyzer: Analyzer, splitter: SentenceSplitter) -> [EvidenceSentence] {
        var result: [EvidenceSentence] = []
        let lines = hit.passage.text.split(separator: "\n")
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
                result.append(EvidenceSentence(text: text, terms: Set(analyzer.terms(String(text))),
                                               items: isLast ? items : [], hit: hit, rank: rank))
            }
        }
        return result
    }
}
