import Core
import Foundation

/// The answerers kq ships, as packs (`Packs/*.yaml`, see `AnswererPack`): adding one means
/// adding a pack file; no Swift changes. The router asks them in order of priority (then name),
/// the first of equal confidence winning.
public enum Registry {
    public static func plugins(analyzer: Analyzer) -> [any Answerer] {
        bundledPacks().map { $0.answerer(analyzer: analyzer) }
    }

    /// The packs shipped with kq. They are checked by the tests, so their patterns are not
    /// compiled before use; one that cannot be read is a broken install, and says so.
    public static func bundledPacks() -> [AnswererPack] {
        guard let folder = bundledFolder() else {
            FileHandle.standardError.write(Data("kq: the bundled answerer packs are missing beside kq; only the retriever answers\n".utf8))
            return []
        }
        // One a thread: reading YAML is most of a start's work before the first answer, and
        // the packs are independent.
        let files = packFiles(in: folder)
        let read = Slots<Result<AnswererPack, PackProblems>>(files.count)
        concurrently(files.count) { read[$0] = Self.read(files[$0], validatingPatterns: false) }
        let packs = files.indices.compactMap { item -> AnswererPack? in
            let file = files[item]
            switch read[item]! {
            case .success(let pack): return pack
            case .failure(let problems):
                FileHandle.standardError.write(Data("kq: a bundled answerer pack is broken: \(problems.first?.description ?? file.path)\n".utf8))
                return nil
            }
        }
        return packs.sorted { inRouterOrder(($0.priority, $0.name), ($1.priority, $1.name)) }
    }

    /// Highest priority first, then by name, so that ties break the same way on every run.
    static func inRouterOrder(_ a: (priority: Int, name: String), _ b: (priority: Int, name: String)) -> Bool {
        (a.priority, b.name) > (b.priority, a.name)
    }

    /// The `.yaml` files of a folder, by name.
    static func packFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// SwiftPM's resource folder beside the executable, or, for tests and a binary run from
    /// the source tree, the sources.
    static func bundledFolder() -> URL? {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(executable.appendingPathComponent("kq_Plugins.resources/Packs"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Packs"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}
