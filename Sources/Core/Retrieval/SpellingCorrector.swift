/// Did-you-mean for query terms the Knowledge never uses: the closest term of the index
/// vocabulary by edit distance (Damerau's optimal string alignment: an insertion, deletion,
/// substitution or swap of neighbours costs 1). It works on analysed terms, so `relieve`
/// (`reliev`) finds `relief` and `lenght` finds `length`.
///
/// Short terms are left alone (too many near neighbours); terms of up to seven letters may move
/// by one edit, longer ones by two. Among equally close candidates the most frequent wins, then
/// the alphabetically first, so a correction never depends on hash order.
public struct SpellingCorrector: Sendable {
    public var minimumLength = 4

    public init() {}

    /// The correction and how many edits away it is. `lexicon`: further known terms (answerers'
    /// cue words), candidates with frequency 0.
    public func nearest(to term: String, in index: IndexReader, lexicon: Set<String> = []) -> (term: String, distance: Int)? {
        guard index.termID(term) == nil, !lexicon.contains(term) else { return nil }
        let word = term.unicodeScalars.map(\.value)
        guard word.count >= minimumLength else { return nil }
        let allowed = word.count >= 8 ? 2 : 1
        var best: (term: String, distance: Int, frequency: Int)?
        func consider(_ candidate: [UInt32], frequency: Int, spelled: () -> String) {
            guard abs(candidate.count - word.count) <= allowed, candidate.count >= minimumLength else { return }
            let distance = Self.distance(word, candidate, limit: allowed)
            guard distance <= allowed else { return }
            if let current = best {
                guard (distance, -frequency) <= (current.distance, -current.frequency) else { return }
                let spelling = spelled()
                if (distance, -frequency, spelling) < (current.distance, -current.frequency, current.term) {
                    best = (spelling, distance, frequency)
                }
            } else {
                best = (spelled(), distance, frequency)
            }
        }
        // The vocabulary is compared as bytes straight from the index; a term is decoded into
        // scalars only when its byte length could be within reach.
        var scalars: [UInt32] = []
        for id in 0..<index.termCount {
            let bytes = index.termBytes(id)
            guard bytes.count + allowed >= word.count else { continue }
            scalars.removeAll(keepingCapacity: true)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                guard bytes.count <= word.count + allowed else { continue }
                for byte in bytes { scalars.append(UInt32(byte)) }
            } else {
                scalars += String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
            }
            consider(scalars, frequency: index.documentFrequency(id)) { String(decoding: bytes, as: UTF8.self) }
        }
        for extra in lexicon where index.termID(extra) == nil {
            consider(extra.unicodeScalars.map(\.value), frequency: 0) { extra }
        }
        return best.map { ($0.term, $0.distance) }
    }

    /// Decompounding for a word typed without its space (`sideeffects`, `bloodpressure`): the
    /// cut into two words, each of at least `minimumPart` letters and each analysing to a
    /// vocabulary term, whose rarer part is most frequent. Returns the two words as typed and
    /// their terms; nil when no cut qualifies.
    public func split(_ word: String, analyzer: Analyzer, in index: IndexReader) -> (words: [String], terms: [String])? {
        let letters = Array(word)
        // Each cut analyses both parts, so a pasted run of letters must not be cut thousands of ways.
        guard (2 * minimumPart...maximumCompound).contains(letters.count), letters.allSatisfy(\.isLetter) else { return nil }
        var best: (words: [String], terms: [String], frequency: Int)?
        for cut in minimumPart...(letters.count - minimumPart) {
            guard let first = analyzer.apply(String(letters[..<cut])), let second = analyzer.apply(String(letters[cut...])),
                  let firstID = index.termID(first), let secondID = index.termID(second)
            else { continue }
            let frequency = min(index.documentFrequency(firstID), index.documentFrequency(secondID))
            if frequency > (best?.frequency ?? 0) {
                best = ([String(letters[..<cut]), String(letters[cut...])], [first, second], frequency)
            }
        }
        return best.map { ($0.words, $0.terms) }
    }

    /// The most frequent vocabulary term that is `term` plus a derivational suffix the
    /// stemmer keeps (`drive` + `r`, `copay` + `ment`), for a word of `minimumLength` letters
    /// or more.
    public func derivedForm(of term: String, in index: IndexReader) -> String? {
        guard term.count >= minimumLength, index.termID(term) == nil else { return nil }
        var best: (term: String, frequency: Int)?
        for suffix in Self.derivationalSuffixes {
            let candidate = term + suffix
            guard let id = index.termID(candidate) else { continue }
            let frequency = index.documentFrequency(id)
            if frequency > (best?.frequency ?? 0) { best = (candidate, frequency) }
        }
        return best?.term
    }

    /// Suffixes that make a related noun or adjective, as Snowball's English stemmer leaves
    /// them on its stems.
    static let derivationalSuffixes = ["r", "er", "or", "ment", "ion", "ation", "al", "ic", "ive", "ist", "ism", "ity", "ness"]

    public var minimumPart = 3
    public var maximumCompound = 30

    /// Optimal string alignment distance, giving up (returning `limit + 1`) once every path
    /// exceeds `limit`.
    static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int) -> Int {
        if a == b { return 0 }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowBest = min(rowBest, value)
            }
            if rowBest > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
