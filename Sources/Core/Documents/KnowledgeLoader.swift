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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) else {
            throw Failure.missing(root.path)
        }
        let files: [(url: URL, relative: String)]
        if isDirectory.boolValue {
            files = supportedFiles(under: root)
        } else {
            files = [(root, root.lastPathComponent)]
        }
        var documents: [Document] = []
        for file in files {
            guard let format = format(for: file.url) else { continue }
            guard let data = try? Data(contentsOf: file.url) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            documents += try format.documents(in: text, path: file.relative)
        }
        guard !documents.isEmpty else { throw Failure.empty(root.path) }
        return documents
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
