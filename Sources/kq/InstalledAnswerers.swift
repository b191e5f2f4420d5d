import Core
import Foundation
import Plugins

/// The answerers a command runs with: kq's packs, programs on `PATH`, the user's packs and
/// programs (`$XDG_CONFIG_HOME/kq/answerers`) and, once trusted with `kq plugins trust`, the
/// Knowledge's own. A Knowledge that brings
/// answerers it is not trusted with gets one note on how to trust them, once per folder.
enum InstalledAnswerers {
    static func load(root: URL?, analyzer: Analyzer, environment: [String: String]) -> [LoadedAnswerer] {
        let config = BaseDirectory.config(environment: environment)
        var folders = AnswererFolders(user: config?.appendingPathComponent("answerers"), knowledge: nil)
        folders.path = (environment["PATH"] ?? "").split(separator: ":").filter { $0.hasPrefix("/") }.map { URL(fileURLWithPath: String($0)) }
        folders.manifestCache = BaseDirectory.indexCache(environment: environment).directory.appendingPathComponent("answerer-manifests.json")
        if let root, AnswererFolders.holdsAnswerers(root) {
            if let trust = trust(environment: environment), trust.trusts(root) {
                folders.knowledge = root
            } else {
                sayOnce(about: root, environment: environment)
            }
        }
        return Registry.answerers(analyzer: analyzer, folders: folders) { StandardStreams.error(Sanitizer.clean($0, keepNewlines: false) + "\n") }
    }

    static func trust(environment: [String: String]) -> KnowledgeTrust? {
        BaseDirectory.config(environment: environment).map { KnowledgeTrust(file: $0.appendingPathComponent("trusted-knowledge")) }
    }

    private static func sayOnce(about root: URL, environment: [String: String]) {
        let key = String(Checksum.hash(KnowledgeTrust.key(root)), radix: 16)
        let said = BaseDirectory.state(environment: environment)?.appendingPathComponent("said-untrusted-answerers-\(key)")
        if let said, FileManager.default.fileExists(atPath: said.path) { return }
        StandardStreams.error(Sanitizer.clean("kq: \(root.path) brings its own answerers (.kq/answerers), which are not loaded: they came with the documents, not from you. To load them: kq plugins trust --knowledge \(root.path) (said once)", keepNewlines: false) + "\n")
        if let said {
            try? FileManager.default.createDirectory(at: said.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: said.path, contents: nil)
        }
    }
}
