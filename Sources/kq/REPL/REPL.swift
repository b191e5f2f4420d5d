import Core
import Foundation

/// The interactive loop: read a line, answer it or run a `:` command, print, repeat.
final class REPL {
    let session: Session
    var top: Int
    let quiet: Bool
    private var last: Router.Outcome?
    private var conversation = Conversation()
    private let style = Style.forStandardOutput()

    init(session: Session, top: Int, quiet: Bool = false) {
        self.session = session
        self.top = top
        self.quiet = quiet
    }

    func run() {
        let knowledge = session.knowledge
        StandardStreams.line(style.dim("kq · \(knowledge.documents.count) documents, \(knowledge.passages.count) passages. Ask a question, :help for commands, Ctrl-D to leave."))
        let editor = LineEditor(program: "kq", historyURL: HistoryFile.url(), completions: REPLCommand.names)
        while true {
            switch editor.read(prompt: "kq> ") {
            case .endOfInput:
                StandardStreams.line()
                return
            case .interrupted:
                StandardStreams.line("^C")
            case .line(let line):
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { continue }
                editor.remember(line)
                if trimmed.hasPrefix(":") {
                    if !perform(REPLCommand(parsing: trimmed)) { return }
                } else {
                    answer(trimmed)
                }
            }
        }
    }

    private func answer(_ text: String) {
        session.refresh()
        let outcome = session.pipeline.ask(text, top: top, conversation: &conversation)
        last = outcome
        StandardStreams.line(AnswerText(style: style, analyzer: session.retriever.analyzer, quiet: quiet).render(outcome.answer))
        StandardStreams.line()
    }

    /// Runs a command; false means leave.
    private func perform(_ command: REPLCommand) -> Bool {
        switch command {
        case .quit:
            return false
        case .help:
            StandardStreams.line(String(format: REPLCommand.helpText, top))
        case .sources:
            session.refresh()
            StandardStreams.line(SourcesText(style: style).render(session.knowledge))
        case .plugins:
            StandardStreams.line(AnswerersText(style: style).render(session.pipeline.answerers))
        case .top(let n):
            if let n { top = n }
            StandardStreams.line("Answers draw on the top \(top) passage\(top == 1 ? "" : "s").")
        case .explain:
            if let last {
                StandardStreams.line(ExplainText(style: style).render(last))
            } else {
                StandardStreams.line("Ask a question first; :explain then shows how it was read and why it was answered so.")
            }
        case .new:
            conversation.forget()
            StandardStreams.line("The next question starts afresh.")
        case .invalid(let message):
            StandardStreams.line(message)
        }
        return true
    }
}
