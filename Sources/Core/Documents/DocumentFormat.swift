/// A file format kq can read documents from. New formats register in `KnowledgeLoader.formats`.
public protocol DocumentFormat: Sendable {
    /// Lowercased file extensions, without the dot.
    var extensions: Set<String> { get }
    /// Documents in a file's text; `path` is relative to the Knowledge root.
    func documents(in text: String, path: String) throws -> [Document]
}

extension DocumentFormat {
    /// A file's name without its extension: the title of a document that gives none.
    static func fallbackTitle(for path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
