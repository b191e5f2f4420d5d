/// Term → postings, plus the per-passage lengths BM25 normalises by. Terms get dense integer
/// ids so the postings live in one array of arrays rather than a dictionary of them.
public struct InvertedIndex: Sendable {
    public private(set) var termIDs: [String: Int32] = [:]
    public private(set) var terms: [String] = []
    public private(set) var postings: [[Posting]] = []
    /// Analysed length of each passage, in terms (field text included).
    public private(set) var lengths: [Int32] = []
    /// The document each passage belongs to, for document-level ranking.
    public private(set) var documentOfPassage: [Int32] = []
    public private(set) var documentCount = 0
    private var totalLength = 0

    public init() {}

    public var passageCount: Int { lengths.count }

    public var averageLength: Double {
        lengths.isEmpty ? 0 : Double(totalLength) / Double(lengths.count)
    }

    /// Adds the next passage; passages must arrive in id order, 0 first.
    public mutating func add(terms passageTerms: [String], document: Int) {
        let passage = Int32(lengths.count)
        var counts: [Int32: Int32] = [:]
        for term in passageTerms {
            counts[id(for: term), default: 0] += 1
        }
        for (term, frequency) in counts {
            postings[Int(term)].append(Posting(passage: passage, frequency: frequency))
        }
        lengths.append(Int32(passageTerms.count))
        documentOfPassage.append(Int32(document))
        documentCount = max(documentCount, document + 1)
        totalLength += passageTerms.count
    }

    public func postings(for term: String) -> [Posting] {
        guard let id = termIDs[term] else { return [] }
        return postings[Int(id)]
    }

    public func documentFrequency(of term: String) -> Int {
        postings(for: term).count
    }

    /// How often `term` occurs in `passage` (binary search of the sorted postings).
    public func frequency(of term: String, in passage: Int) -> Int {
        let list = postings(for: term)
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if Int(list[mid].passage) < passage { low = mid + 1 } else { high = mid }
        }
        return low < list.count && Int(list[low].passage) == passage ? Int(list[low].frequency) : 0
    }

    private mutating func id(for term: String) -> Int32 {
        if let known = termIDs[term] { return known }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term)
        postings.append([])
        return id
    }
}
