import Core
import Foundation

/// Without a terminal: one question a line from stdin, each answered in plain text (no prompt,
/// no escape codes), answers separated by a blank line. Bytes are decoded as UTF-8 with
/// replacement, so no input can stop it; a line over `maximumQuestionBytes` is cut there, with a
/// warning on stderr.
struct PipedQuestions {
    let session: Session
    let top: Int
    var quiet = false
    var maximumQuestionBytes = 64 * 1024

    func run() {
        let renderer = AnswerText(style: .plain, analyzer: session.retriever.analyzer, quiet: quiet)
        var first = true
        var conversation = Conversation()
        LineReader(fileDescriptor: STDIN_FILENO, maximumLineBytes: maximumQuestionBytes).forEach { bytes, cut in
            if cut {
                StandardStreams.error("kq: a question over \(maximumQuestionBytes) bytes was cut to that length\n")
            }
            let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return }
            if REPLCommand(parsing: text) == .new {
                conversation.forget()
                return
            }
            session.refresh()
            let outcome = session.pipeline.ask(text, top: top, conversation: &conversation)
            var block = first ? "" : "\n"
            block += "Q: \(Self.echo(Sanitizer.clean(text, keepNewlines: false)))\n"
            block += renderer.render(outcome.answer) + "\n"
            StandardStreams.write(Array(block.utf8))
            first = false
        }
    }

    /// The question as echoed above its answer: enough to tell which answer is which, not a
    /// pasted page again.
    static func echo(_ question: String, limit: Int = 200) -> String {
        question.count <= limit ? question : question.prefix(limit) + "…"
    }
}

/// Reads lines of bytes from a file descriptor in chunks, holding at most one line's first
/// `maximumLineBytes` in memory however long the line runs.
struct LineReader {
    let fileDescriptor: Int32
    let maximumLineBytes: Int

    func forEach(_ body: (_ line: [UInt8], _ wasCut: Bool) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var line: [UInt8] = []
        var cut = false
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fileDescriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            for byte in buffer[0..<n] {
                if byte == UInt8(ascii: "\n") {
                    body(line, cut)
                    line.removeAll(keepingCapacity: true)
                    cut = false
                } else if line.count < maximumLineBytes {
                    line.append(byte)
                } else {
                    cut = true
                }
            }
        }
        if !line.isEmpty { body(line, cut) }
    }
}
