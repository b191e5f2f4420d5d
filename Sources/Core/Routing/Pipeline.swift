/// The one path every question takes, whichever command or test asks it: analysis (control
/// characters dropped, the answerers' cue words known to spelling correction, a follow-up's
/// subject inherited) → routing → evidence → answer. Renderers receive the `Router.Outcome`
/// and never call back in.
public struct Pipeline {
    public let retriever: Retriever
    public let router: Router
    /// `--plugin NAME`: this answerer alone answers, whatever its confidence.
    public let forced: (any Answerer)?
    /// Every answerer's cue words, kept even when the router has no plugins (`--no-plugins`),
    /// so a question is read the same way whoever answers it.
    public let lexicon: Set<String>

    public init(retriever: Retriever, router: Router, forced: (any Answerer)? = nil, lexicon: Set<String>? = nil) {
        self.retriever = retriever
        self.router = router
        self.forced = forced
        self.lexicon = lexicon ?? router.vocabulary
    }

    /// A question read as every command reads it. Control characters (a pasted escape
    /// sequence, a NUL from a pipe) are dropped first, so they neither split its words nor come
    /// back in the answer's echo of them.
    public func question(_ text: String, in conversation: Conversation? = nil) -> Question {
        retriever.question(ControlCharacters.stripped(text), lexicon: lexicon, conversation: conversation)
    }

    /// With a conversation (the REPL, piped input), a follow-up takes the subject of the
    /// question before it, and each question is remembered for the next.
    public func ask(_ text: String, top: Int, conversation: inout Conversation) -> Router.Outcome {
        let question = self.question(text, in: conversation)
        conversation.record(question, retriever: retriever)
        return route(question, top: top)
    }

    public func ask(_ text: String, top: Int) -> Router.Outcome {
        route(question(text), top: top)
    }

    public func route(_ question: Question, top: Int) -> Router.Outcome {
        if let forced { return router.route(question, to: forced, retriever: retriever, limit: top) }
        return router.route(question, retriever: retriever, limit: top)
    }

    /// The search terms alone, read as `question` reads them, for batch runs (`kq search
    /// --queries`, `kq eval`).
    public func queryTerms(_ text: String) -> [String] {
        retriever.queryTerms(ControlCharacters.stripped(text), lexicon: lexicon)
    }

    public var answerers: [any Answerer] { router.answerers }
}
