/// Turns text into index terms: a tokenizer followed by a chain of filters, as in Lucene.
/// Questions and passages must go through the same analyzer, or their terms will not meet.
public final class Analyzer {
    public let tokenizer: StandardTokenizer
    public let filters: [any TokenFilter]

    public init(tokenizer: StandardTokenizer = StandardTokenizer(), filters: [any TokenFilter]) {
        self.tokenizer = tokenizer
        self.filters = filters
    }

    /// Folding, English stopwords and Snowball English stemming.
    public static func english() throws -> Analyzer {
        Analyzer(filters: [FoldingFilter(), StopwordFilter(), try SnowballStemmer(algorithm: "english")])
    }

    /// The same chain without its stopword filter: phrases such as “how long” or “side effect”
    /// keep every word, so intent cues can match them word for word.
    public var keepingStopwords: Analyzer {
        Analyzer(tokenizer: tokenizer, filters: filters.filter { !($0 is StopwordFilter) })
    }

    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        for var token in tokenizer.tokens(in: text) {
            guard let term = apply(token.term) else { continue }
            token.term = term
            result.append(token)
        }
        return result
    }

    public func terms(_ text: String) -> [String] {
        var terms: [String] = []
        tokenizer.forEachWord(in: text) { word in
            if let term = apply(String(decoding: word.bytes, as: UTF8.self)) { terms.append(term) }
        }
        return terms
    }

    /// Runs the filters on a single word, for callers (like spelling suggestions) that already
    /// hold words rather than text. Results are cached: natural text repeats a small vocabulary,
    /// and the filter chain (a C call to the stemmer among them) would otherwise run per token.
    public func apply(_ word: String) -> String? {
        if let known = cache[word] { return known }
        let term = filtered(word)
        if cache.count < 1 << 18 { cache[word] = .some(term) }
        return term
    }

    private var cache: [String: String?] = [:]

    private func filtered(_ word: String) -> String? {
        var term = word
        for filter in filters {
            guard let next = filter.filter(term) else { return nil }
            term = next
        }
        return term.isEmpty ? nil : term
    }
}
