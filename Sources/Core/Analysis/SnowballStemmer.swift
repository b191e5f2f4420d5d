import CStemmer

/// Snowball stemming through libstemmer, the same algorithms Lucene's SnowballFilter runs.
///
/// A libstemmer instance is not thread-safe, so each stemmer owns its own. It keeps no cache:
/// `Analyzer.apply` caches whole filter chains, and the indexer keeps its own word table.
public final class SnowballStemmer: TokenFilter {
    public enum Failure: Error, CustomStringConvertible {
        case unknownAlgorithm(String)
        public var description: String {
            switch self {
            case .unknownAlgorithm(let name): "libstemmer has no '\(name)' stemmer"
            }
        }
    }

    private let stemmer: OpaquePointer

    public init(algorithm: String = "english") throws {
        guard let stemmer = sb_stemmer_new(algorithm, "UTF_8") else {
            throw Failure.unknownAlgorithm(algorithm)
        }
        self.stemmer = stemmer
    }

    deinit {
        sb_stemmer_delete(stemmer)
    }

    public func filter(_ term: String) -> String? {
        stem(term)
    }

    public func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        let stemmed: String = bytes.withUnsafeMutableBufferPointer { buffer in
            guard let result = sb_stemmer_stem(stemmer, buffer.baseAddress, Int32(buffer.count)) else {
                return word  // out of memory in libstemmer: keep the word unstemmed
            }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
        return stemmed
    }
}
