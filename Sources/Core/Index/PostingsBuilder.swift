/// The inverted index while it is being built: term ids handed out on first sight, and each
/// term's postings as LEB128 (passage gap, frequency) pairs, about a quarter of their size on
/// disk, so that a large build stays small in memory.
/// Passages must arrive in id order, so gaps are never negative.
struct PostingsBuilder {
    private(set) var termIDs: [String: Int32] = [:]
    private(set) var terms: [String] = []
    private var postings: [[UInt8]] = []
    private var lastPassage: [Int32] = []
    private(set) var documentFrequencies: [UInt32] = []
    /// Per term, how many documents have it in their title.
    private(set) var titleDocuments: [UInt32] = []
    private(set) var passageCount = 0
    private(set) var totalLength = 0
    // Per-passage term counts, reset through `touched` rather than cleared whole.
    private var counts: [Int32] = []
    private var touched: [Int32] = []

    mutating func id(for term: String) -> Int32 {
        if let known = termIDs[term] { return known }
        let id = Int32(terms.count)
        termIDs[term] = id
        terms.append(term)
        postings.append([])
        lastPassage.append(-1)
        documentFrequencies.append(0)
        titleDocuments.append(0)
        counts.append(0)
        return id
    }

    /// Counts one document whose title holds these terms (repeats count once).
    mutating func countTitle(_ ids: [Int32]) {
        for id in Set(ids) { titleDocuments[Int(id)] += 1 }
    }

    /// Adds the next passage, given its terms' ids (repeats count) and its field terms (title
    /// and section), which count `weight` times each; returns the passage's length in terms.
    mutating func addPassage(_ ids: [Int32], fields: [Int32] = [], weight: Int = 0) -> Int {
        let passage = Int32(passageCount)
        // Through buffer pointers: indexing the arrays one term at a time checked each for
        // uniqueness at every step (2 % of a one-thread MedQuAD build's instructions, callgrind).
        counts.withUnsafeMutableBufferPointer { counts in
            for id in ids {
                if counts[Int(id)] == 0 { touched.append(id) }
                counts[Int(id)] += 1
            }
            if weight > 0 {
                for id in fields {
                    if counts[Int(id)] == 0 { touched.append(id) }
                    counts[Int(id)] += Int32(weight)
                }
            }
            postings.withUnsafeMutableBufferPointer { postings in
                lastPassage.withUnsafeMutableBufferPointer { lastPassage in
                    documentFrequencies.withUnsafeMutableBufferPointer { documentFrequencies in
                        for id in touched {
                            let term = Int(id)
                            VarInt.append(UInt32(passage - lastPassage[term]), to: &postings[term])
                            VarInt.append(UInt32(counts[term]), to: &postings[term])
                            lastPassage[term] = passage
                            documentFrequencies[term] += 1
                            counts[term] = 0
                        }
                    }
                }
            }
        }
        touched.removeAll(keepingCapacity: true)
        let length = ids.count + fields.count * max(weight, 0)
        passageCount += 1
        totalLength += length
        return length
    }

    /// The term's postings decoded: passages ascending, with frequencies.
    func forEachPosting(of id: Int, _ body: (UInt32, UInt32) -> Void) {
        postings[id].withUnsafeBytes { bytes in
            var offset = 0
            var passage: Int64 = -1
            while offset < bytes.count, let gap = VarInt.read(bytes, at: &offset), let frequency = VarInt.read(bytes, at: &offset) {
                passage += Int64(gap)
                body(UInt32(passage), frequency)
            }
        }
    }
}
