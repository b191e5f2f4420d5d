import ArgumentParser
import Core
import Foundation

/// `kq mcp`: the Knowledge as a Model Context Protocol server on stdin and stdout.
///
/// Two processes. The protocol is spoken by `kq-mcp`, built beside kq, the one binary that links
/// the MCP Swift SDK: linked into kq, the SDK's FoundationNetworking and libcurl cost every
/// command 7 ms of start-up (21.9 → 29.3 ms for a cold `kq ask`). kq opens the session, starts
/// `kq-mcp` on its own stdin, stdout and stderr, and answers its tool calls (`KnowledgeTools`),
/// one JSON line each way: on the child's descriptor 3 it writes `{"tool": NAME, "arguments":
/// {…}}`, on its descriptor 4 it reads `{"result": JSON}` or `{"error": TEXT, "unknownTool":
/// BOOL}`. kq itself never writes to stdout. When the client closes stdin, `kq-mcp` ends, and so
/// does kq, with its status.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mcp", abstract: "Serve the Knowledge to MCP clients over stdio.")

    @OptionGroup var source: KnowledgeOptions

    func run() throws {
        let tools = KnowledgeTools(session: try source.openSession())
        let bridge = try Bridge.start()
        // A client that goes away mid-call closes the pipe kq answers on.
        signal(SIGPIPE, SIG_IGN)
        LineReader(fileDescriptor: bridge.calls, maximumLineBytes: 1 << 20).forEach { line, cut in
            let response = cut ? Response(error: "the call is over 1 MB") : Self.respond(to: line, tools: tools)
            guard let encoded = try? JSONEncoder().encode(response) else { return }
            _ = writeWhole(Array(encoded) + [UInt8(ascii: "\n")], to: bridge.answers)
        }
        close(bridge.answers)
        var status: Int32 = 0
        while waitpid(bridge.pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 2
        if code != 0 { throw ExitCode(code) }
    }

    struct Call: Decodable {
        let tool: String
        let arguments: [String: KnowledgeTools.Argument]?
    }

    struct Response: Encodable {
        var result: String?
        var error: String?
        var unknownTool: Bool?
    }

    static func respond(to line: [UInt8], tools: KnowledgeTools) -> Response {
        guard let call = try? JSONDecoder().decode(Call.self, from: Data(line)) else { return Response(error: "not a call") }
        do {
            return Response(result: try tools.call(call.tool, arguments: call.arguments ?? [:]))
        } catch {
            return Response(error: error.message, unknownTool: error.unknownTool)
        }
    }

    /// `kq-mcp`, started beside this process with the two pipes on its descriptors 3 and 4.
    struct Bridge {
        let pid: pid_t
        /// Where its calls arrive, and where the answers go.
        let calls: Int32
        let answers: Int32

        static func start() throws -> Bridge {
            let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
                .deletingLastPathComponent().appendingPathComponent("kq-mcp").path
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw KQFailure("kq mcp needs kq-mcp beside kq (\(executable)): swift build -c release --product kq-mcp")
            }
            // Close-on-exec, and the child's ends above 4 before they become its 3 and 4: the
            // pipes reach kq-mcp alone, not the answerer programs and pdftotext kq starts, which
            // could otherwise answer for kq or hold a pipe open after kq is gone.
            var calls: [Int32] = [0, 0], answers: [Int32] = [0, 0]
            guard pipe(&calls) == 0, pipe(&answers) == 0 else { throw KQFailure("kq mcp: no pipe (\(String(cString: strerror(errno))))") }
            for descriptor in calls + answers { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            let childCalls = fcntl(calls[1], F_DUPFD_CLOEXEC, 10), childAnswers = fcntl(answers[0], F_DUPFD_CLOEXEC, 10)
            close(calls[1])
            close(answers[0])
            defer { close(childCalls); close(childAnswers) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_adddup2(&actions, childCalls, 3)
            posix_spawn_file_actions_adddup2(&actions, childAnswers, 4)
            var pid: pid_t = 0
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(executable), nil]
            defer { argv.forEach { free($0) } }
            let status = posix_spawn(&pid, executable, &actions, nil, argv, environ)
            guard status == 0 else { throw KQFailure("kq mcp: cannot start kq-mcp (\(String(cString: strerror(status))))") }
            return Bridge(pid: pid, calls: calls[0], answers: answers[1])
        }
    }
}
