import Foundation

/// The Knowledge folders whose own answerers (`.kq/answerers`) the user has agreed to load:
/// one absolute path a line in `$XDG_CONFIG_HOME/kq/trusted-knowledge`. Trust is for a folder,
/// as its path is now, not for its contents: whoever may write the folder may change them.
public struct KnowledgeTrust {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    public func trusts(_ root: URL) -> Bool {
        paths().contains(Self.key(root))
    }

    public func trust(_ root: URL) throws {
        guard !trusts(root) else { return }
        guard !Self.key(root).contains("\n") else { throw CocoaError(.fileWriteInvalidFileName) }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let lines = paths() + [Self.key(root)]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file, options: .atomic)
    }

    private func paths() -> [String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }

    /// A folder by its full path, links resolved, so that two ways to name it are one.
    public static func key(_ root: URL) -> String {
        root.standardizedFileURL.resolvingSymlinksInPath().path
    }
}
