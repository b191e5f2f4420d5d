/// What kq and an external answerer (`kq-answerer-NAME`) say to each other, version 1; the
/// README's "External answerers" has a complete exchange.
///
/// - `kq-answerer-NAME --manifest` prints a `Manifest` as JSON: kq routes on its cues and starts
///   the program only for a question its cues win.
/// - For that question kq writes one `Request` on the program's standard input, closes it, and
///   reads one `Response` from its standard output.
enum ExternalProtocol {
    static let version = 1

    struct Manifest: Codable, Equatable {
        var protocolVersion: Int
        var name: String
        var summary: String
        var examples: [String]?
        /// Phrase → weight, as a pack's cues.
        var cues: [String: Double]
        var priority: Int?
        /// Seconds kq waits for an answer; 2 when not given, at most 30.
        var timeout: Double?
        var medical: Bool?

        enum CodingKeys: String, CodingKey {
            case protocolVersion = "protocol", name, summary, examples, cues, priority, timeout, medical
        }
    }

    struct Request: Codable {
        var protocolVersion = ExternalProtocol.version
        var question: String
        /// The question's analysed terms, as kq searched with them.
        var terms: [String]
        /// The subjects the question names, as typed (“ibuprofen”), when it names any.
        var subjects: [String]
        var passages: [Passage]

        struct Passage: Codable {
            var id: Int
            var title: String
            var section: String?
            var path: String
            var text: String
        }

        enum CodingKeys: String, CodingKey {
            case protocolVersion = "protocol", question, terms, subjects, passages
        }
    }

    struct Response: Codable {
        var protocolVersion: Int?
        /// How sure it is that this answers the question, 0…1.
        var confidence: Double
        var lines: [Line]

        struct Line: Codable {
            var label: String?
            var text: String
            /// Ids of the passages it was sent that state this line.
            var cites: [Int]
        }

        enum CodingKeys: String, CodingKey {
            case protocolVersion = "protocol", confidence, lines
        }
    }
}
