import Core
import Foundation
import Plugins

/// One loaded Knowledge and everything that answers from it: the path a question takes is
/// `Pipeline.ask` → `Router` → plugins or the retriever → `Answer`.
final class Session {
    /// Which answerers may answer: `--plugin NAME` and `--no-plugins`.
    enum Answerers: Equatable {
        case all
        case retrieverOnly
        case only(String)
    }

    let knowledge: Knowledge
    /// The path every command's questions take (`Pipeline`).
    let pipeline: Pipeline
    var retriever: Retriever { pipeline.retriever }

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
        let retriever = Retriever(knowledge: knowledge, analyzer: analyzer, settings: settings)
        let crisis = CrisisMessage.policy(environment: environment)
        let all = Router(plugins: Registry.plugins(analyzer: analyzer), crisis: crisis)
        switch answerers {
        case .all:
            pipeline = Pipeline(retriever: retriever, router: all)
        case .retrieverOnly:
            pipeline = Pipeline(retriever: retriever, router: Router(plugins: [], crisis: crisis), lexicon: all.vocabulary)
        case .only(let name):
            guard let answerer = all.answerer(named: name) else {
                throw KQFailure("no answerer named “\(name)”; choose one of: \(all.answerers.map(\.name).joined(separator: ", "))")
            }
            pipeline = Pipeline(retriever: retriever, router: all, forced: answerer)
        }
    }

}
