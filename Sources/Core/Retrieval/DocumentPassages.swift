/// A subject's documents as runs of passages (`Knowledge.passages(ofDocument:)`), found by
/// binary search rather than by reading every passage of the Knowledge for each question.
extension Retriever {
    /// The passages of `passage`'s section: its neighbours with the same document and heading.
    func section(around passage: Passage, limit: Int = 12) -> [Passage] {
        let ids = knowledge.passages(ofDocument: passage.document)
        var first = passage.id, last = passage.id
        func same(_ id: Int) -> Bool { ids.contains(id) && knowledge.passages[id].section == passage.section }
        while passage.id - first < limit, same(first - 1) { first -= 1 }
        while last - passage.id < limit, same(last + 1) { last += 1 }
        return (first...last).map { knowledge.passages[$0] }
    }

    func passageCount(in documents: Set<Int>) -> Int {
        documents.reduce(0) { $0 + knowledge.passages(ofDocument: $1).count }
    }

    func passageCount(in documents: Set<Int>, using term: String) -> Int {
        guard let id = index.termID(term) else { return 0 }
        return index.postings(id).lazy.filter { documents.contains(self.index.documentOfPassage(Int($0.passage))) }.count
    }

    /// The passages of `documents` filed under a heading of one of the kinds, as hits with no
    /// score: a label's “Missed Dose” section states what to do whatever words it uses.
    func passages(in documents: Set<Int>, under asked: [Asked], excluding: Set<Int>) -> [PassageHit] {
        guard asked.contains(where: { $0.heading != nil }) else { return [] }
        var hits: [PassageHit] = []
        var verdict: [String: Bool] = [:]
        for document in documents.sorted() {
            for id in knowledge.passages(ofDocument: document) where !excluding.contains(id) {
                let passage = knowledge.passages[id]
                guard let section = passage.section else { continue }
                let filed = verdict[section] ?? asked.contains { $0.filesUnder(section) }
                verdict[section] = filed
                if filed { hits.append(PassageHit(passage: passage, document: knowledge.documents[document], score: 0)) }
            }
        }
        return hits
    }
}
