import Core
import Foundation
import Plugins

/// One loaded Knowledge and everything that answers from it: the path a question takes is
/// `Session.ask` → `Router` → plugins or the retriever → `Answer`.
final class Session {
    let knowledge: Knowledge
    let retriever: Retriever
    let router: Router

    init(root: URL, settings: Retriever.Settings = Retriever.Settings()) throws {
        knowledge = try Knowledge.load(from: root)
        retriever = Retriever(knowledge: knowledge, analyzer: try Analyzer.english(), settings: settings)
        router = Router(plugins: Registry.plugins())
    }

    func ask(_ text: String, top: Int) -> (question: Question, outcome: Router.Outcome) {
        let question = retriever.question(text)
        return (question, router.route(question, retriever: retriever, limit: top))
    }

    var answerers: [any Answerer] { router.plugins + [router.fallback] }
}
