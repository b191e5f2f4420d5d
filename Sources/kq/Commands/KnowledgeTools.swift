import Core
import Foundation

/// The tools `kq mcp` serves: `ask`, `search`, `get` and `sources`. Each answers with the JSON
/// the command line gives (`ask` is `kq ask --json`'s object, `search` is `kq search --format
/// json`'s array), so that an assistant and a script read the same thing.
///
/// One session serves every call: the index is opened once and, before each call, checked for
/// changes to the folder (`Session.refresh`).
struct KnowledgeTools {
    let session: Session

    /// Longer arguments are refused: a question is a sentence or two, and a huge one would only
    /// cost time to analyse.
    static let maximumArgumentCharacters = 4096
    static let maximumTop = 100

    /// What was wrong with a call, in words for the client; `unknownTool` is MCP's "method not
    /// found", the rest its "invalid params".
    struct Refusal: Error {
        let message: String
        var unknownTool = false
    }

    /// A call's arguments as JSON gives them.
    enum Argument: Decodable {
        case string(String)
        case integer(Int)
        case other

        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let text = try? value.decode(String.self) { self = .string(text) }
            else if let number = try? value.decode(Int.self) { self = .integer(number) }
            else { self = .other }
        }
    }

    /// The tool's JSON.
    func call(_ name: String, arguments: [String: Argument]) throws(Refusal) -> String {
        session.refresh()
        switch name {
        case "ask":
            let question = try Self.text("question", in: arguments)
            return JSONOutput.encode(AnswerJSON(session.pipeline.ask(question, top: 3).answer))
        case "search":
            let query = try Self.text("query", in: arguments)
            let top = try Self.top(in: arguments)
            return SearchResultJSON.encode(session.retriever.search(session.pipeline.question(query), limit: top))
        case "get":
            return try get(Self.text("id", in: arguments))
        case "sources":
            let knowledge = session.knowledge
            return JSONOutput.encode(knowledge.index.documentsInFileOrder.map { index in
                SourceJSON(knowledge.documents[index], passages: knowledge.passages(ofDocument: index).count)
            })
        default:
            throw Refusal(message: "no tool \(name): kq has ask, search, get and sources", unknownTool: true)
        }
    }

    /// A document by its id, else a passage by `ID#N`.
    private func get(_ id: String) throws(Refusal) -> String {
        let knowledge = session.knowledge
        let documents = knowledge.documents
        if let index = knowledge.document(withID: id) {
            let texts = knowledge.passages(ofDocument: index).map { knowledge.passages[$0].text }
            return JSONOutput.encode(DocumentTextJSON(source: SourceJSON(documents[index], passages: texts.count),
                                                      text: texts.joined(separator: "\n\n")))
        }
        guard let hash = id.lastIndex(of: "#"), let number = Int(id[id.index(after: hash)...]),
              let index = knowledge.document(withID: id[..<hash]) else {
            throw Refusal(message: "no document or passage \(id): ids are a document's path, or PATH#N for its passage N")
        }
        let range = knowledge.passages(ofDocument: index)
        guard number >= 1, number <= range.count else {
            throw Refusal(message: "\(id[..<hash]) has passages 1 to \(range.count)")
        }
        let passage = knowledge.passages[range.lowerBound + number - 1]
        let document = documents[index]
        return JSONOutput.encode(PassageJSON(document: document.title, path: document.id, ordinal: passage.ordinal,
                                             text: passage.text, score: nil, pages: passage.pages, section: passage.section))
    }

    private static func text(_ name: String, in arguments: [String: Argument]) throws(Refusal) -> String {
        guard case .string(let value) = arguments[name], !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Refusal(message: "\(name) is required: a non-empty string")
        }
        guard value.count <= maximumArgumentCharacters else {
            throw Refusal(message: "\(name) is \(value.count) characters, over the \(maximumArgumentCharacters) kq takes")
        }
        return value
    }

    private static func top(in arguments: [String: Argument]) throws(Refusal) -> Int {
        guard let value = arguments["top"] else { return 10 }
        guard case .integer(let top) = value, (1...maximumTop).contains(top) else {
            throw Refusal(message: "top is a whole number from 1 to \(maximumTop)")
        }
        return top
    }
}

/// A document as `sources` lists it.
struct SourceJSON: Encodable {
    let id: String
    let title: String
    let format: String
    let pages: Int?
    let passages: Int

    init(_ document: Document, passages: Int) {
        id = Sanitizer.clean(document.id, keepNewlines: false)
        title = document.title
        format = document.format
        pages = document.pages > 0 ? document.pages : nil
        self.passages = passages
    }
}

/// A whole document's text, for `get`.
struct DocumentTextJSON: Encodable {
    let source: SourceJSON
    let text: String
}
