import ArgumentParser
import Core
import Foundation

/// Where the Knowledge is, shared by every command: --knowledge, else $KQ_KNOWLEDGE, else the
/// bundled Knowledge/ folder of the checkout kq was built from.
struct KnowledgeOptions: ParsableArguments {
    @Option(name: .long, help: "A folder (searched recursively: .md, .markdown, .txt, .jsonl) or a single file.")
    var knowledge: String?

    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        if let knowledge { return URL(fileURLWithPath: knowledge) }
        if let path = environment["KQ_KNOWLEDGE"], !path.isEmpty { return URL(fileURLWithPath: path) }
        if let bundled = Self.bundledKnowledge() { return bundled }
        throw KQFailure("no Knowledge found: pass --knowledge PATH or set KQ_KNOWLEDGE")
    }

    func openSession(answerers: Session.Answerers = .all, settings: Retriever.Settings = Retriever.Settings(),
                     index: IndexSettings = IndexSettings()) throws -> Session {
        let root = try resolve()
        do {
            return try Session(root: root, settings: settings, index: index, answerers: answerers)
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
