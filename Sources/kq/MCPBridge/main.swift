import Foundation
import MCP

// kq-mcp: the protocol side of `kq mcp` (see MCPCommand there). It speaks MCP on stdin and
// stdout through the official Swift SDK, and hands each tool call to the kq that started it:
// one JSON line out on descriptor 3, one back on descriptor 4. It is not meant to be run alone.

let grounding = """
    Every answer is quoted from the user's own documents (the Knowledge) and cites the passages \
    it quotes; kq states nothing that is not in a cited passage. When the documents hold no \
    answer it says so (answeredBy "none", no citations): pass that on rather than answering \
    from elsewhere. It is not medical advice.
    """

func schema(_ properties: [String: (type: String, description: String)], required: [String]) -> Value {
    .object([
        "type": "object",
        "properties": .object(properties.mapValues { .object(["type": .string($0.type), "description": .string($0.description)]) }),
        "required": .array(required.map { .string($0) }),
    ])
}

let readOnly = Tool.Annotations(readOnlyHint: true, openWorldHint: false)
let tools = [
    Tool(name: "ask",
         description: """
            Answer a question from the Knowledge in a few quoted lines, with the passages they cite \
            (path, passage, page for a PDF). \(grounding) When "crisis" is true the message signals a \
            crisis: the answer opens with crisis resources, which must be shown to the person first.
            """,
         inputSchema: schema(["question": ("string", "The question, in plain words.")], required: ["question"]),
         annotations: readOnly),
    Tool(name: "search",
         description: """
            Rank the Knowledge's passages for a query (BM25, with sentence vectors when installed): each \
            with its id (for `get`), rank, score, document title, path, section, page (PDF) and text. The \
            passages are the documents' own words; nothing is summarised.
            """,
         inputSchema: schema(["query": ("string", "Words to look for."),
                              "top": ("integer", "How many passages, 1 to 100 (default 10).")], required: ["query"]),
         annotations: readOnly),
    Tool(name: "get",
         description: """
            The text of one passage (an id from `search` or a citation: PATH#N) or of a whole document \
            (its id, as `sources` lists it), verbatim.
            """,
         inputSchema: schema(["id": ("string", "A passage id (PATH#N) or a document's path.")], required: ["id"]),
         annotations: readOnly),
    Tool(name: "sources",
         description: "The documents in the Knowledge: id (its path, or a corpus's own id), title, format, pages (PDF) and passages.",
         inputSchema: schema([:], required: []),
         annotations: readOnly),
]

/// The kq that started this process, one call at a time: the SDK runs requests concurrently.
actor Engine {
    private struct Call: Encodable {
        let tool: String
        let arguments: [String: Value]
    }

    private struct Response: Decodable {
        let result: String?
        let error: String?
        let unknownTool: Bool?
    }

    private var pending: [UInt8] = []

    func call(_ tool: String, arguments: [String: Value]) throws -> String {
        var line = Array(try JSONEncoder().encode(Call(tool: tool, arguments: arguments)))
        line.append(UInt8(ascii: "\n"))
        var written = 0
        while written < line.count {
            let count = line[written...].withUnsafeBytes { write(3, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw MCPError.internalError("kq has gone") }
            written += count
        }
        let response = try JSONDecoder().decode(Response.self, from: Data(try readLine()))
        if let result = response.result { return result }
        let message = response.error ?? "kq gave no answer"
        throw response.unknownTool == true ? MCPError.methodNotFound(message) : MCPError.invalidParams(message)
    }

    private func readLine() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                defer { pending.removeSubrange(...end) }
                return Array(pending[..<end])
            }
            let count = buffer.withUnsafeMutableBytes { read(4, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw MCPError.internalError("kq has gone") }
            pending += buffer[..<count]
        }
    }
}

let engine = Engine()
let server = Server(name: "kq", version: "1", instructions: "kq answers questions from the user's own documents. " + grounding,
                    capabilities: .init(tools: .init(listChanged: false)))
await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools) }
await server.withMethodHandler(CallTool.self) { call in
    let text = try await engine.call(call.name, arguments: call.arguments ?? [:])
    return .init(content: [.text(text: text, annotations: nil, _meta: nil)], isError: false)
}
signal(SIGPIPE, SIG_IGN)
// Without kq there is nothing to serve: when kq ends, its end of the answers pipe closes (a hang-up
// on descriptor 4, which poll reports whatever it is asked), and so does this process.
Thread.detachNewThread {
    var watched = pollfd(fd: 4, events: 0, revents: 0)
    while poll(&watched, 1, -1) < 0 && errno == EINTR {}
    exit(1)
}
try await server.start(transport: StdioTransport())
await server.waitUntilCompleted()
