import ArgumentParser
import Core
import Foundation

/// Where the Knowledge is, shared by every command: --knowledge, else $KQ_KNOWLEDGE, else the
/// bundled Knowledge/ folder of the checkout kq was built from.
struct KnowledgeOptions: ParsableArguments {
    @Option(name: .long, help: "A folder (searched recursively: .md, .markdown, .html, .htm, .pdf, .txt, .jsonl) or a single file.")
    var knowledge: String?

    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Skip Markdown, HTML and text files over this many MB (not PDFs or JSONL).", valueName: "MB"))
    var maxFileSize = IndexSettings().maximumFileBytes >> 20

    @Option(name: .customLong("max-passages"), help: ArgumentHelp("Index at most this many passages of one document.", valueName: "N"))
    var maxPassages = IndexSettings().maximumPassagesPerDocument

    @Option(help: ArgumentHelp("Threads that index, and that run a file of queries (default: one a core).", valueName: "N"))
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("retriever"), help: ArgumentHelp("Which retrievers rank passages: lexical (BM25), dense (sentence vectors) or hybrid (both, fused; the default when the sentence encoder's model is installed, else lexical). Dense and hybrid add a vector to every passage of the index.", valueName: "lexical|dense|hybrid"))
    var chosenRetriever: RetrievalMode?

    /// `--retriever`, else hybrid when the model is installed (a file's presence: whether it
    /// loads is found when it is loaded), else lexical, and then kq says how to install the
    /// model the first time only: a missing optional model is not worth a line on every answer.
    func retriever(environment: [String: String] = ProcessInfo.processInfo.environment) -> RetrievalMode {
        if let chosenRetriever { return chosenRetriever }
        if SentenceEncoder.isInstalled(environment: environment) { return .hybrid }
        let said = BaseDirectory.state(environment: environment)?.appendingPathComponent("said-how-to-install-the-encoder")
        if let said, !FileManager.default.fileExists(atPath: said.path) {
            StandardStreams.error(Sanitizer.clean("kq: ranking lexically: the sentence encoder for hybrid retrieval is not installed; scripts/install-deps installs it into \(SentenceEncoder.installedFolder(environment: environment).path) (said once)", keepNewlines: false) + "\n")
            try? FileManager.default.createDirectory(at: said.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: said.path, contents: nil)  // not remembered: said again next time
        }
        return .lexical
    }

    func validate() throws {
        guard threads > 0, threads <= 1024 else { throw ValidationError("--threads must be 1 to 1024") }
        guard maxFileSize > 0, maxFileSize <= 1 << 20 else { throw ValidationError("--max-file-size is in MB, 1 to 1048576") }
        guard maxPassages > 0 else { throw ValidationError("--max-passages must be at least 1") }
    }

    /// `settings` with this command's limits.
    func limits(_ settings: IndexSettings) -> IndexSettings {
        var settings = settings
        settings.maximumFileBytes = maxFileSize << 20
        settings.maximumPassagesPerDocument = maxPassages
        return settings
    }

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let knowledge { return URL(fileURLWithPath: knowledge) }
        if let path = environment["KQ_KNOWLEDGE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let bundled = Self.bundledKnowledge() { return bundled }
        throw KQFailure("no Knowledge found: pass --knowledge PATH or set KQ_KNOWLEDGE")
    }

    func openSession(answerers: Session.Answerers = .all, settings: Retriever.Settings = Retriever.Settings(),
                     index: IndexSettings = IndexSettings()) throws -> Session {
        let root = try resolve()
        var settings = settings
        settings.mode = retriever()
        do {
            return try Session(root: root, settings: settings, index: limits(index), answerers: answerers, threads: threads)
        } catch let failure as KnowledgeLoader.Failure {
            throw KQFailure(failure.description)
        }
    }

    /// The repository's Knowledge/: found above the executable (.build/release/kq), so it works
    /// from any working directory, else beside the sources kq was compiled from.
    static func bundledKnowledge() -> URL? {
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var directory = start
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("Knowledge")
                if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                   FileManager.default.fileExists(atPath: candidate.path) {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}

extension RetrievalMode: ExpressibleByArgument {}
