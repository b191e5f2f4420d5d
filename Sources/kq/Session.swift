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

    private(set) var knowledge: Knowledge
    /// The path every command's questions take (`Pipeline`).
    private(set) var pipeline: Pipeline
    var retriever: Retriever { pipeline.retriever }

    private let root: URL
    private let settings: Retriever.Settings
    private let indexSettings: IndexSettings
    private let answerers: Answerers
    /// Every answerer installed, read once for the session.
    private let plugins: [any Answerer]
    private let environment: [String: String]
    /// Threads that index (`--threads`).
    let threads: Int
    private let analyzer: Analyzer
    /// The sentence encoder, loaded when `--retriever` is dense or hybrid.
    private let encoder: SentenceEncoder?
    private var opened: IndexCache.Opened
    private var lastCheck = (at: DispatchTime.now().uptimeNanoseconds, took: UInt64(0))

    init(root: URL, settings: Retriever.Settings = Retriever.Settings(), index: IndexSettings = IndexSettings(),
         answerers: Answerers = .all, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.root = root
        self.threads = threads
        self.settings = settings
        indexSettings = index
        self.answerers = answerers
        self.environment = environment
        analyzer = try Analyzer.english()
        // The answerers are read on another thread while the index and the encoder open: a few
        // milliseconds of every start, on a core that is otherwise idle then. With an analyzer
        // of their own, since a stemmer is not to be shared between threads.
        let loading = Background { [environment] in
            InstalledAnswerers.load(root: root, analyzer: try Analyzer.english(), environment: environment).map(\.answerer)
        }
        encoder = settings.mode == .lexical ? nil : Self.encoder(environment: environment)
        opened = try Self.open(root, analyzer: analyzer, index: index, threads: threads, encoder: encoder, environment: environment)
        knowledge = opened.knowledge
        plugins = try loading.value()
        pipeline = try Self.pipeline(knowledge, analyzer: analyzer, settings: settings, encoder: encoder, plugins: plugins,
                                     answerers: answerers, environment: environment)
    }

    /// The installed model, or nil after saying why there is none and that kq answers lexically.
    static func encoder(environment: [String: String]) -> SentenceEncoder? {
        let folder = SentenceEncoder.installedFolder(environment: environment)
        do {
            return try SentenceEncoder(folder: folder)
        } catch {
            StandardStreams.error(Sanitizer.clean("kq: no sentence encoder (\(error)); ranking lexically. scripts/install-deps installs the model into \(folder.path)", keepNewlines: false) + "\n")
            return nil
        }
    }

    /// Reads the Knowledge again when a file in it has been added, changed or removed since it
    /// was read, saying so on stderr: a long session (the REPL, piped questions) must not quote
    /// a file that is gone. Listing the folder costs about 2 µs a file, so a large folder is
    /// checked at most once in ten times as long as its last check took. When the Knowledge can
    /// no longer be read, the session says so and answers from what it read before.
    func refresh() {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastCheck.at >= 10 * lastCheck.took else { return }
        let change = BaseDirectory.indexCache(environment: environment).change(since: opened, root: root, settings: indexSettings)
        lastCheck = (DispatchTime.now().uptimeNanoseconds, DispatchTime.now().uptimeNanoseconds - now)
        guard let change else { return }
        StandardStreams.error(Sanitizer.clean("kq: \(change); reading the Knowledge again", keepNewlines: false) + "\n")
        do {
            opened = try Self.open(root, analyzer: analyzer, index: indexSettings, threads: threads, encoder: encoder, environment: environment)
            knowledge = opened.knowledge
            pipeline = try Self.pipeline(knowledge, analyzer: analyzer, settings: settings, encoder: encoder, plugins: plugins,
                                         answerers: answerers, environment: environment)
        } catch {
            StandardStreams.error(Sanitizer.clean("kq: cannot read the Knowledge again (\(error)); answering from it as it was", keepNewlines: false) + "\n")
        }
        lastCheck = (DispatchTime.now().uptimeNanoseconds, lastCheck.took)
    }

    private static func open(_ root: URL, analyzer: Analyzer, index: IndexSettings, threads: Int, encoder: SentenceEncoder?,
                             environment: [String: String]) throws -> IndexCache.Opened {
        let progress = ProgressBar(label: "kq: indexing \(root.lastPathComponent)")
        defer { progress.finish() }
        var cache = BaseDirectory.indexCache(environment: environment, threads: threads)
        cache.encoder = encoder
        return try cache.open(root: root, analyzer: analyzer, settings: index, warn: progress.warn, progress: progress.update)
    }

    private static func pipeline(_ knowledge: Knowledge, analyzer: Analyzer, settings: Retriever.Settings, encoder: SentenceEncoder?,
                                 plugins: [any Answerer], answerers: Answerers, environment: [String: String]) throws -> Pipeline {
        let retriever = Retriever(knowledge: knowledge, analyzer: analyzer, settings: settings, encoder: encoder)
        let crisis = CrisisMessage.policy(environment: environment)
        let all = Router(plugins: plugins, crisis: crisis)
        switch answerers {
        case .all:
            return Pipeline(retriever: retriever, router: all)
        case .retrieverOnly:
            return Pipeline(retriever: retriever, router: Router(plugins: [], crisis: crisis), lexicon: all.vocabulary)
        case .only(let name):
            guard let answerer = all.answerer(named: name) else {
                throw KQFailure("no answerer named “\(name)”; choose one of: \(all.answerers.map(\.name).joined(separator: ", "))")
            }
            return Pipeline(retriever: retriever, router: all, forced: answerer)
        }
    }
}

/// A value computed on another thread, waited for when it is needed.
private final class Background<Value>: @unchecked Sendable {
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = Result(catching: work)
            self.done.signal()
        }
    }

    /// The value, once computed. The semaphore, signalled again for any later call, is what
    /// makes the other thread's write seen here.
    func value() throws -> Value {
        done.wait()
        defer { done.signal() }
        return try result!.get()
    }
}
