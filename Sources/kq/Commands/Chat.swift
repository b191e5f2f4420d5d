import ArgumentParser
import Foundation

/// The default command: the REPL on a terminal; without one, a question a line from stdin.
struct Chat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Ask questions interactively (the default). With piped input, answers one question a line."
    )

    @OptionGroup var source: KnowledgeOptions
    @OptionGroup var answering: AnsweringOptions

    @Option(help: "How many top passages each answer may draw on.")
    var top = 3

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let session = try source.openSession(answerers: answering.choice)
        if isatty(STDIN_FILENO) == 1 {
            REPL(session: session, top: top, quiet: answering.quiet).run()
        } else {
            PipedQuestions(session: session, top: top, quiet: answering.quiet).run()
        }
    }
}
