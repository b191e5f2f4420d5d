import Foundation

/// Reads a Knowledge root (a folder, searched recursively, or a single file) into documents.
/// Files are read in path order so that ids, passage numbers and ties are the same on every run.
public struct KnowledgeLoader: Sendable {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missing(String)
        case empty(String)

        public var description: String {
            switch self {
            case .missing(let path): "Knowledge not found at \(path)"
            case .empty(let path): "Knowledge at \(path) holds no readable documents (.md, .markdown, .txt, .jsonl)"
            }
        }
    }

    public var formats: [any DocumentFormat]

    public init(formats: [any DocumentFormat] = [MarkdownFormat(), PlainTextFormat(), JSONLinesFormat()]) {
        self.formats = formats
    }

    public func load(_ root: URL) throws -> [Document] {
        var documents: [Document] = []
        try forEachDocument(in: try files(in: root), root: root) { documents.append($0) }
        return documents
    }

    /// The files a Knowledge root holds that some format reads, in path order, as they are now.
    public func files(in root: URL) throws -> [SourceFile.Located] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw Failure.missing(root.path)
        }
        let found = isDirectory.boolValue ? supportedFiles(under: root) : [(root, root.lastPathComponent)]
        return found.compactMap { url, relative in
            SourceFile(url: url, path: relative).map { SourceFile.Located(url: url, file: $0) }
        }
    }

    /// Hands over each document of `files` in order; `progress` receives bytes read.
    public func forEachDocument(in files: [SourceFile.Located], root: URL, progress: (Int) -> Void = { _ in },
                                _ body: (Document) throws -> Void) throws {
        var any = false
        for located in files {
            guard let format = format(for: located.url) else { continue }
            var failure: (any Error)?
            do {
                try format.forEachDocument(at: located.url, path: located.file.path, progress: progress) { document in
                    any = true
                    do { try body(document) } catch { failure = error; throw error }
                }
            } catch {
                if let failure { throw failure }
                continue  // an unreadable file is skipped
            }
        }
        guard any else { throw Failure.empty(root.path) }
    }

    func format(for url: URL) -> (any DocumentFormat)? {
        let ext = url.pathExtension.lowercased()
        return formats.first { $0.extensions.contains(ext) }
    }

    private func supportedFiles(under root: URL) -> [(url: URL, relative: String)] {
        let base = root.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]
        ) else { return [] }
        var found: [(url: URL, relative: String)] = []
        for case let url as URL in walker where format(for: url) != nil {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let full = url.standardizedFileURL.path
            let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            found.append((url, relative))
        }
        return found.sorted { $0.relative < $1.relative }
    }
}
