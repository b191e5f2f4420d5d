import Core
import Foundation
import Plugins

/// One loaded Knowledge and everything that answers from it: the path a question takes is
/// `Session.ask` → `Router` → plugins or the retriever → `Answer`.
final class Session {
    /// Which answerers may answer: `--plugin NAME` and `--no-plugins`.
    enum Answerers: Equatable {
        case all
        case retrieverOnly
        case only(String)
    }

    let knowledge: Knowledge
    let retriever: Retriever
    let router: Router
    /// Set by `--plugin NAME`: this answerer alone answers.
    let forced: (any Answerer)?
    /// Every answerer's cue words, known to spelling correction even under `--no-plugins`, so a
    /// question is read the same way whoever answers it.
    private let lexicon: Set<String>


    init(root: URL, settings: Retriever.Settings = Retriever.Settings(), index: IndexSettings = IndexSettings(),
         answerers: Answerers = .all, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let analyzer = try Analyzer.english()
        let progress = ProgressBar(label: "kq: indexing \(root.lastPathComponent)")
        let opened = try BaseDirectory.indexCache(environment: environment).open(
            root: root, analyzer: analyzer, settings: index,
            warn: progress.warn,
            progress: progress.update)
        progress.finish()
        knowledge = opened.knowledge
        retriever = Retriever(knowledge: knowledge, analyzer: analyzer, settings: settings)
        let crisis = CrisisMessage.policy(environment: environment)
        let all = Router(plugins: Registry.plugins(analyzer: analyzer), crisis: crisis)
        lexicon = all.vocabulary
        switch answerers {
        case .all:
            router = all
            forced = nil
        case .retrieverOnly:
            router = Router(plugins: [], crisis: crisis)
            forced = nil
        case .only(let name):
            guard let answerer = all.answerer(named: name) else {
                throw KQFailure("no answerer named “\(name)”; choose one of: \(all.answerers.map(\.name).joined(separator: ", "))")
            }
            router = all
            forced = answerer
        }
    }

    /// Control characters in a question (a pasted escape sequence, a NUL from a pipe) are
    /// dropped before anything reads it, so they neither split its words nor come back in the
    /// answer's echo of them.
    ///
    /// With a conversation (the REPL, piped input), a follow-up takes the subject of the
    /// question before it, and each question is remembered for the next.
    func ask(_ text: String, top: Int, conversation: inout Conversation) -> Router.Outcome {
        let question = self.question(text, in: conversation)
        conversation.record(question, retriever: retriever)
        return route(question, top: top)
    }

    func ask(_ text: String, top: Int) -> Router.Outcome {
        route(question(text), top: top)
    }

    private func route(_ question: Question, top: Int) -> Router.Outcome {
        if let forced { return router.route(question, to: forced, retriever: retriever, limit: top) }
        return router.route(question, retriever: retriever, limit: top)
    }

    /// A question read as every command reads it: control characters dropped, the answerers'
    /// cue words known to spelling correction.
    func question(_ text: String, in conversation: Conversation? = nil) -> Question {
        retriever.question(ControlCharacters.stripped(text), lexicon: lexicon, conversation: conversation)
    }

    /// The search terms alone, read as `question` reads them, for batch runs (`kq search
    /// --queries`, `kq eval`).
    func queryTerms(_ text: String) -> [String] {
        retriever.queryTerms(ControlCharacters.stripped(text), lexicon: lexicon)
    }

    var answerers: [any Answerer] { router.answerers }
}
