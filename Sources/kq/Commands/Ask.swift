import ArgumentParser
import Core
import Foundation

/// `kq ask QUESTION…`: one answer, then exit (1 when the Knowledge has none).
struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Answer one question and exit.")

    @OptionGroup var source: KnowledgeOptions
    @OptionGroup var answering: AnsweringOptions

    @Flag(help: "Print one JSON object: question, answer, answeredBy, confidence, citations.")
    var json = false

    @Flag(help: "After the answer, show why: each answerer's confidence and each term's BM25 share.")
    var explain = false

    @Option(help: "How many top passages the answer may draw on.")
    var top = 3

    @Argument(help: "The question.")
    var question: [String]

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        guard !question.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("ask needs a question")
        }
    }

    func run() throws {
        let session = try source.openSession(answerers: answering.choice)
        let outcome = session.pipeline.ask(question.joined(separator: " "), top: top)
        let answer = outcome.answer
        let style = Style.forStandardOutput()
        if json {
            StandardStreams.line(JSONOutput.encode(AnswerJSON(answer)))
        } else {
            StandardStreams.line(AnswerText(style: style, analyzer: session.retriever.analyzer, quiet: answering.quiet).render(answer))
        }
        if explain {
            let text = ExplainText(style: json ? .plain : style).render(outcome)
            if json {
                StandardStreams.error(text + "\n")
            } else {
                StandardStreams.line("\n" + text)
            }
        }
        if !answer.isAnswered { throw ExitCode.nothingFound }
    }
}
