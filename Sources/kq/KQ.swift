import ArgumentParser
import Core
import Foundation

@main
struct KQ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kq",
        abstract: "Ask questions about a folder of documents and get short answers with their sources.",
        discussion: """
        Without a subcommand kq starts the REPL on a terminal, or answers one question a line \
        from piped input. Knowledge comes from --knowledge, else $KQ_KNOWLEDGE, else the bundled \
        Knowledge/ folder.
        """,
        subcommands: [Chat.self, Ask.self, Search.self, SourcesCommand.self, PluginsCommand.self, IndexCommand.self, Eval.self, MCPCommand.self],
        defaultSubcommand: Chat.self
    )

    /// Exit codes: 0 answered or ran, 1 nothing found (`ask`), 2 a usage, input or I/O error.
    /// swift-argument-parser's own usage code is 64, so it is mapped here.
    static func main() {
        StandardDescriptors.ensureOpen()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as KQFailure {
            StandardStreams.error("kq: \(Sanitizer.clean(failure.description))\n")
            Foundation.exit(failure.exitCode)
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version
            // An error that is not the parser's (the system's, Foundation's) is one line in the
            // system's words and exit 2: the parser would print “Error: …” and exit 1, the code
            // that means “nothing found”.
            let message = code == .failure ? "kq: " + ReadableError.describe(error) : fullMessage(for: error)
            // The parser quotes what was typed back, escape sequences and all.
            let cleaned = Sanitizer.clean(message)
            if !cleaned.isEmpty { StandardStreams.error("\(cleaned)\n") }
            Foundation.exit(code == .validationFailure || code.rawValue == 64 || code == .failure ? 2 : code.rawValue)
        }
    }
}

extension ExitCode {
    static let nothingFound = ExitCode(1)
}

/// A failure kq reports in one line on stderr and exits 2 for: missing Knowledge, a bad file.
struct KQFailure: Error, CustomStringConvertible {
    let description: String
    var exitCode: Int32 = 2

    init(_ description: String) {
        self.description = description
    }
}
