import Core
import Foundation

/// Where answerers, packs and programs, are found besides kq's own and `PATH`, in the order
/// that a later one overrides an earlier one of the same name: the user's folder (`$XDG_CONFIG_HOME/kq/answerers`), then
/// the Knowledge's own (`<Knowledge>/.kq/answerers`), so that a folder can carry answerers for
/// its documents. A Knowledge's answerers come with someone else's documents, so they are read
/// only from a folder its user has trusted (`KnowledgeTrust`).
public struct AnswererFolders {
    public var user: URL?
    public var knowledge: URL?
    /// Where external answerers (`kq-answerer-NAME`) are also looked for: `PATH`'s folders.
    public var path: [URL] = []
    /// Where external answerers' manifests are kept between runs.
    public var manifestCache: URL?

    public init(user: URL?, knowledge: URL?) {
        self.user = user
        self.knowledge = knowledge
    }

    /// Where a Knowledge root keeps its answerers.
    public static func inside(_ root: URL) -> URL {
        root.appendingPathComponent(".kq/answerers")
    }

    /// Whether a Knowledge root carries answerers of its own, packs or programs.
    public static func holdsAnswerers(_ root: URL) -> Bool {
        !Registry.packFiles(in: inside(root)).isEmpty || !ExternalDiscovery.programs(in: inside(root)).isEmpty
    }
}

/// One answerer and the file it was read from.
public struct LoadedAnswerer {
    public let answerer: any Answerer
    public let file: String
    public let priority: Int
}

extension Registry {
    /// Every answerer, in the router's order: kq's packs, programs on `PATH`, then the user's
    /// folder's packs and programs, then the Knowledge's, each replacing an earlier one of its
    /// name. One that cannot be read is skipped with one line to `warn`: a user's mistake must
    /// not stop kq answering.
    public static func answerers(analyzer: Analyzer, folders: AnswererFolders, warn: @escaping @Sendable (String) -> Void) -> [LoadedAnswerer] {
        var loaded = bundledPacks().map { LoadedAnswerer(answerer: $0.answerer(analyzer: analyzer), file: $0.file, priority: $0.priority) }
        func add(_ answerer: LoadedAnswerer) {
            loaded.removeAll { $0.answerer.name == answerer.answerer.name }
            loaded.append(answerer)
        }
        let discovery = ExternalDiscovery(cache: folders.manifestCache, warn: warn)
        func addPrograms(in folders: [URL]) {
            for (program, manifest) in discovery.manifests(of: ExternalDiscovery.programs(in: folders)) {
                let external = ExternalAnswerer(manifest: manifest, executable: program, analyzer: analyzer, warn: warn)
                add(LoadedAnswerer(answerer: external, file: program.path, priority: external.priority))
            }
        }
        addPrograms(in: folders.path)
        for folder in [folders.user, folders.knowledge.map(AnswererFolders.inside)].compactMap({ $0 }) {
            for file in packFiles(in: folder) {
                switch read(file) {
                case .success(let pack):
                    add(LoadedAnswerer(answerer: pack.answerer(analyzer: analyzer), file: pack.file, priority: pack.priority))
                case .failure(let problems):
                    warn("kq: skipped the answerer pack \(file.path): \(problems.first?.message ?? "unreadable") (kq plugins check lists every problem)")
                }
            }
            addPrograms(in: [folder])
        }
        return loaded.sorted { inRouterOrder(($0.priority, $0.answerer.name), ($1.priority, $1.answerer.name)) }
    }

    /// A pack file read and checked whole: its regular expressions compiled, so a bad one is
    /// found now rather than when a question meets it (kq's own packs, which the tests check,
    /// skip that).
    public static func read(_ file: URL, validatingPatterns: Bool = true) -> Result<AnswererPack, PackProblems> {
        var reader = PackReader(file: file.path, validatesPatterns: validatingPatterns)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            return .failure(PackProblems([PackProblem(file: file.path, line: nil, message: "cannot be read as UTF-8 text")]))
        }
        guard let pack = reader.read(text) else { return .failure(PackProblems(reader.problems)) }
        return .success(pack)
    }
}

public struct PackProblems: Error {
    public let all: [PackProblem]
    public var first: PackProblem? { all.first }

    init(_ all: [PackProblem]) {
        self.all = all
    }
}
