/// Ranks passages, or documents by their best passage, for a bag of query terms with BM25.
///
/// Term at a time, rarest term first, into a score array reused between queries; only the
/// passages a query touches are visited and reset, so a query costs what its postings cost,
/// not what the Knowledge's size costs. The top k are selected once, among the candidates left
/// at the end (`TopK`).
///
/// Common terms are where the postings are, and they can add little: a term adds less than
/// its idf to any passage. So before each term the searcher asks whether a passage no earlier
/// term touched could still reach the current k-th best score, given everything the remaining
/// terms could add (MaxScore, after Turtle and Flood). Once it cannot, the remaining terms
/// only update the passages already touched: a touched passage is one with a score above
/// zero, so a list not much longer than the candidates is walked with that test, and a much
/// longer one is jumped through to each candidate instead of read whole. The result is the
/// same as scoring every posting: a test compares the two.
///
/// It searches one segment, with the statistics of the whole index (`Searcher` gathers the
/// segments' results), and never scores a deleted passage.
///
/// Not thread-safe: its working arrays are shared by the searches it runs; `copy()` gives another
/// thread its own, over the same tables.
final class SegmentSearcher {
    let index: SegmentReader
    let similarity: BM25
    private let tables: Tables
    var prunes = true
    var documentScore = Searcher.DocumentScore.bestPassage

    // Working memory, all zeros between queries; `touched` lists the passages scored so far.
    private let scores: UnsafeMutableBufferPointer<Double>
    private let touched: UnsafeMutableBufferPointer<Int32>
    /// One bit a passage, all clear between uses: sorts `touched` in time linear in its size.
    private let marks: UnsafeMutableBufferPointer<UInt64>
    private let best: UnsafeMutableBufferPointer<Double>
    private let touchedDocuments: UnsafeMutableBufferPointer<Int32>
    /// The candidates gathered at the end of a search, and their scores alone for a threshold.
    private let hits: UnsafeMutableBufferPointer<Hit>
    private let values: UnsafeMutableBufferPointer<Double>

    /// What scoring reads of a segment besides its postings, worked out once and shared by the
    /// searchers of every thread: `similarity.lengthNorm` of every passage and its document,
    /// copied out of the index so the inner loops read dense arrays, and the deleted passages.
    final class Tables: @unchecked Sendable {
        /// Live passages and their document frequencies in the whole index.
        let passageCount: Int
        let documentFrequency: (String) -> Int
        /// One bit a passage, set for deleted ones; nil when none is.
        let deleted: UnsafeMutableBufferPointer<UInt64>?
        let norms: UnsafeMutableBufferPointer<Double>
        let documentOf: UnsafeMutableBufferPointer<Int32>

        init(part: IndexReader.Part, of whole: IndexReader, similarity: BM25) {
            let index = part.segment
            passageCount = whole.passageCount
            documentFrequency = { [unowned whole] in whole.documentFrequency(of: $0) }
            let passages = index.passageCount, documents = index.documentCount
            if part.deletedPassages.isEmpty {
                deleted = nil
            } else {
                let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: (passages + 63) / 64)
                bits.initialize(repeating: 0)
                for range in part.deletedPassages { for passage in range { bits[passage >> 6] |= 1 << UInt64(passage & 63) } }
                deleted = bits
            }
            norms = .allocate(capacity: passages)
            documentOf = .allocate(capacity: passages)
            for passage in 0..<passages {
                norms[passage] = similarity.lengthNorm(length: Double(index.length(ofPassage: passage)),
                                                       averageLength: whole.averageLength)
                let document = index.documentOfPassage(passage)
                documentOf[passage] = document < documents ? Int32(document) : -1
            }
        }

        deinit {
            norms.deallocate()
            documentOf.deallocate()
            deleted?.deallocate()
        }
    }

    convenience init(part: IndexReader.Part, of whole: IndexReader, similarity: BM25) {
        self.init(part.segment, tables: Tables(part: part, of: whole, similarity: similarity), similarity: similarity)
    }

    private init(_ index: SegmentReader, tables: Tables, similarity: BM25) {
        self.index = index
        self.tables = tables
        self.similarity = similarity
        let passages = index.passageCount, documents = index.documentCount
        scores = .allocate(capacity: passages)
        scores.initialize(repeating: 0)
        touched = .allocate(capacity: passages)
        marks = .allocate(capacity: (passages + 63) / 64)
        marks.initialize(repeating: 0)
        best = .allocate(capacity: documents)
        best.initialize(repeating: 0)
        touchedDocuments = .allocate(capacity: documents)
        values = .allocate(capacity: max(passages, documents))
        hits = .allocate(capacity: max(passages, documents))
    }

    /// A searcher of the same segment with the same settings and working memory of its own.
    func copy() -> SegmentSearcher {
        let copy = SegmentSearcher(index, tables: tables, similarity: similarity)
        copy.prunes = prunes
        copy.documentScore = documentScore
        return copy
    }

    deinit {
        for buffer in [UnsafeMutableRawBufferPointer(scores), UnsafeMutableRawBufferPointer(touched),
                       UnsafeMutableRawBufferPointer(marks),
                       UnsafeMutableRawBufferPointer(best), UnsafeMutableRawBufferPointer(touchedDocuments),
                       UnsafeMutableRawBufferPointer(values), UnsafeMutableRawBufferPointer(hits)] {
            buffer.deallocate()
        }
    }

    private var norms: UnsafeMutableBufferPointer<Double> { tables.norms }
    private var documentOf: UnsafeMutableBufferPointer<Int32> { tables.documentOf }
    private var deleted: UnsafeMutableBufferPointer<UInt64>? { tables.deleted }

    func idf(of term: String) -> Double {
        similarity.idf(documentFrequency: tables.documentFrequency(term), passageCount: tables.passageCount)
    }

    /// The passage's norm, as scoring uses it.
    func norm(_ passage: Int) -> Double { norms[passage] }

    @inline(__always)
    private func isDeleted(_ passage: Int) -> Bool {
        guard let deleted else { return false }
        return deleted[passage >> 6] & (1 << UInt64(passage & 63)) != 0
    }

    /// Top `limit` passages holding at least one of `terms`. Repeated terms count once.
    /// `reached` is a score the whole index's k-th best is known to reach (another segment's
    /// k-th best): what cannot reach it need not be ranked here.
    func search(_ terms: [String], limit: Int, reached: Double = 0) -> [Hit] {
        let (count, floor) = accumulate(terms, limit: limit, byDocument: false, reached: reached)
        var found = 0
        for slot in 0..<count {
            let passage = Int(touched[slot])
            if scores[passage] >= floor {
                hits[found] = Hit(id: passage, score: scores[passage])
                found += 1
            }
            scores[passage] = 0
        }
        return TopK.best(limit, of: UnsafeMutableBufferPointer(rebasing: hits[..<found]))
    }

    /// Top `limit` documents, each scored by its best passage.
    func searchDocuments(_ terms: [String], limit: Int, reached: Double = 0) -> [Hit] {
        let (count, floor) = accumulate(terms, limit: limit, byDocument: true, reached: reached)
        var found = 0
        // A passage under the floor cannot make its document's score reach it.
        collectDocuments(count, reset: true, above: floor.nextDown) { hits[found] = $0; found += 1 }
        return TopK.best(limit, of: UnsafeMutableBufferPointer(rebasing: hits[..<found]))
    }

    // MARK: Scoring

    private struct QueryTerm {
        let term: String
        let postings: Postings
        let idf: Double
    }

    /// Scores the terms into `scores` and returns how many passages `touched` lists, and a
    /// floor: a score the final k-th best is known to reach, so nothing below it need be ranked.
    private func accumulate(_ terms: [String], limit: Int, byDocument: Bool, reached: Double) -> (count: Int, floor: Double) {
        var query: [QueryTerm] = unique(terms).compactMap { term in
            guard let id = index.termID(term) else { return nil }
            let postings = index.postings(id)
            guard !postings.isEmpty else { return nil }
            return QueryTerm(term: term, postings: postings, idf: idf(of: term))
        }
        query.sort { $0.idf != $1.idf ? $0.idf > $1.idf : $0.term < $1.term }
        // What the terms from each position on can add to one passage, at most.
        var remaining = [Double](repeating: 0, count: query.count + 1)
        for position in query.indices.reversed() { remaining[position] = remaining[position + 1] + query[position].idf }

        let mayPrune = prunes && limit > 0 && !(byDocument && documentScore == .sumOfPassages)
        var count = 0
        var floor = 0.0
        var candidatesOnly = false
        var sorted = false
        // No passage has more than every term so far could give it: while that bound is not
        // above what the remaining terms could add, no k-th best can be either.
        var bound = 0.0
        for (position, term) in query.enumerated() {
            // A passage untouched so far scores less than the remaining terms' reach: at or
            // under what another segment's k-th best reached, it cannot rank.
            if mayPrune, !candidatesOnly, reached > 0, remaining[position] <= reached {
                floor = reached
                count = keep(count) { $0 + remaining[position] >= floor }
                candidatesOnly = true
            }
            if mayPrune, !candidatesOnly, position > 0, count >= limit, remaining[position] < bound,
               atLeast(limit, scoringAbove: remaining[position], count, byDocument: byDocument) {
                // Nothing untouched can now reach the top k. The exact k-th best is a floor for
                // the final one (scores only grow), so a touched passage that cannot reach it
                // even with every remaining term is dropped too.
                // At least k score above the remaining terms' reach, so only those can decide it.
                floor = threshold(count, limit: limit, byDocument: byDocument, above: remaining[position])
                count = keep(count) { $0 + remaining[position] >= floor }
                candidatesOnly = true
            }
            if candidatesOnly {
                // Jumping through a long list needs the candidates in order; walking it does not.
                let jumps = term.postings.count > 8 * count
                if jumps, !sorted {
                    sortTouched(count)
                    sorted = true
                }
                addToTouched(term, count: count, jumping: jumps)
            } else {
                count = addAll(term, count: count)
                bound += term.idf
            }
        }
        return (count, floor)
    }

    /// Whether at least `limit` passages (or documents, by their best passage) score above
    /// `score` so far: a count that stops as soon as it gets there.
    private func atLeast(_ limit: Int, scoringAbove score: Double, _ count: Int, byDocument: Bool) -> Bool {
        var found = 0
        if !byDocument {
            for slot in 0..<count where scores[Int(touched[slot])] > score {
                found += 1
                if found == limit { return true }
            }
            return false
        }
        // `best` marks the documents counted, and is cleared again before returning.
        for slot in 0..<count where scores[Int(touched[slot])] > score {
            let document = Int(documentOf[Int(touched[slot])])
            guard document >= 0, best[document] == 0 else { continue }
            best[document] = 1
            touchedDocuments[found] = Int32(document)
            found += 1
            if found == limit { break }
        }
        for slot in 0..<found { best[Int(touchedDocuments[slot])] = 0 }
        return found == limit
    }

    /// Puts the touched passages in ascending order: each sets its bit, then the bits are read
    /// back in order (and cleared), which beats a comparison sort on the few thousand a query
    /// touches.
    private func sortTouched(_ count: Int) {
        for slot in 0..<count {
            let passage = Int(touched[slot])
            marks[passage >> 6] |= 1 << UInt64(passage & 63)
        }
        var slot = 0
        for word in 0..<marks.count where marks[word] != 0 {
            var bits = marks[word]
            while bits != 0 {
                touched[slot] = Int32(word << 6 | bits.trailingZeroBitCount)
                slot += 1
                bits &= bits - 1
            }
            marks[word] = 0
        }
    }

    /// Keeps the touched passages whose score passes `test`, clearing the others; returns how
    /// many are kept.
    private func keep(_ count: Int, where test: (Double) -> Bool) -> Int {
        var kept = 0
        for slot in 0..<count {
            let passage = Int(touched[slot])
            if test(scores[passage]) {
                touched[kept] = Int32(passage)
                kept += 1
            } else {
                scores[passage] = 0
            }
        }
        return kept
    }

    private func addAll(_ term: QueryTerm, count: Int) -> Int {
        var count = count
        let postings = term.postings, idf = term.idf, similarity = similarity
        let passageCount = index.passageCount
        for slot in 0..<postings.count {
            let passage = Int(postings.passages[slot])
            guard passage < passageCount else { break }  // only a damaged index
            if isDeleted(passage) { continue }
            if scores[passage] == 0 {
                touched[count] = Int32(passage)
                count += 1
            }
            scores[passage] += similarity.score(frequency: Double(postings.frequencies[slot]),
                                                lengthNorm: norms[passage], idf: idf)
        }
        return count
    }

    /// Adds a term to the passages already touched, and to no others: by walking the postings
    /// (a touched passage is one whose score is above zero), or, when the postings are much
    /// longer than the candidates, by jumping through them to each candidate, in order.
    private func addToTouched(_ term: QueryTerm, count: Int, jumping: Bool) {
        let postings = term.postings, idf = term.idf, similarity = similarity
        if !jumping {
            let passageCount = index.passageCount
            for slot in 0..<postings.count {
                let passage = Int(postings.passages[slot])
                guard passage < passageCount else { break }  // only a damaged index
                if scores[passage] != 0 {
                    scores[passage] += similarity.score(frequency: Double(postings.frequencies[slot]),
                                                        lengthNorm: norms[passage], idf: idf)
                }
            }
            return
        }
        var cursor = 0
        for slot in 0..<count {
            let passage = UInt32(bitPattern: touched[slot])
            cursor = postings.firstIndex(atLeast: passage, from: cursor)
            guard cursor < postings.count else { break }
            if postings.passages[cursor] == passage {
                scores[Int(passage)] += similarity.score(frequency: Double(postings.frequencies[cursor]),
                                                         lengthNorm: norms[Int(passage)], idf: idf)
            }
        }
    }

    /// The k-th best score so far, of passages or of documents: a score nothing untouched can
    /// beat means the remaining terms need only visit what is touched.
    private func threshold(_ count: Int, limit: Int, byDocument: Bool, above floor: Double) -> Double {
        // Only the k-th score is wanted, not which passages or documents have it: selected
        // among plain scores, which compare faster than hits and their ties.
        var found = 0
        if byDocument {
            collectDocuments(count, reset: false, above: floor) { values[found] = $0.score; found += 1 }
        } else {
            for slot in 0..<count where scores[Int(touched[slot])] > floor {
                values[found] = scores[Int(touched[slot])]
                found += 1
            }
        }
        return TopK.kthBest(limit, of: UnsafeMutableBufferPointer(rebasing: values[..<found])) ?? 0
    }

    /// Hands over each touched document with its best passage's score, and clears `best`;
    /// `reset` clears the passage scores too, ending the query.
    /// Passages at or below `floor` are passed over (and, with `reset`, still cleared).
    private func collectDocuments(_ count: Int, reset: Bool, above floor: Double = 0, _ body: (Hit) -> Void) {
        var documents = 0
        for slot in 0..<count {
            let passage = Int(touched[slot])
            let score = scores[passage]
            if reset { scores[passage] = 0 }
            guard score > floor else { continue }
            let document = Int(documentOf[passage])
            guard document >= 0 else { continue }
            if best[document] == 0 {
                touchedDocuments[documents] = Int32(document)
                documents += 1
            }
            switch documentScore {
            case .bestPassage: if score > best[document] { best[document] = score }
            case .sumOfPassages: best[document] += score
            }
        }
        for slot in 0..<documents {
            let document = Int(touchedDocuments[slot])
            body(Hit(id: document, score: best[document]))
            best[document] = 0
        }
    }

    private func unique(_ terms: [String]) -> [String] {
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }
}

/// One term's part in a passage's BM25 score.
public struct TermContribution: Sendable, Equatable {
    public let term: String
    public let frequency: Int
    public let documentFrequency: Int
    public let idf: Double
    public let score: Double
}
