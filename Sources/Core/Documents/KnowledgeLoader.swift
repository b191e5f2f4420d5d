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
            case .empty(let path): "Knowledge at \(path) holds no readable documents (.md, .markdown, .html, .htm, .pdf, .txt, .jsonl)"
            }
        }
    }

    public var formats: [any DocumentFormat]

    public init(formats: [any DocumentFormat] = [MarkdownFormat(), HTMLFormat(), PDFFormat(), PlainTextFormat(), JSONLinesFormat()]) {
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
        guard isDirectory.boolValue else {
            var status = stat()
            guard stat(root.path, &status) == 0 else { throw Failure.missing(root.path) }
            return [SourceFile.Located(absolutePath: root.path, file: SourceFile(path: root.lastPathComponent, status: status), problem: nil)]
        }
        let walk = FolderWalk { name in format(forName: name) != nil }
        return walk.files(under: root.standardizedFileURL.path)
    }

    /// Hands over each document of `files` in order; `progress` receives bytes read. A file
    /// that cannot give documents is skipped with one line to `warn` saying which and why, and
    /// the others are read: a folder is seldom all good.
    public func forEachDocument(in files: [SourceFile.Located], root: URL, progress: (Int) -> Void = { _ in },
                                warn: (String) -> Void = { _ in }, _ body: (Document) throws -> Void) throws {
        let pieces = files.map { Piece(located: $0, part: nil) }
        guard try forEachDocument(in: pieces, progress: progress, warn: warn, body) else { throw Failure.empty(root.path) }
    }

    /// A file, or a piece of one (see `DocumentFormat.pieces`).
    public struct Piece: Sendable {
        public let located: SourceFile.Located
        public let part: FilePiece?
    }

    /// As `forEachDocument(in:root:…)`, over pieces; returns whether any document was read. What
    /// is wrong with a whole file is told by its first piece alone.
    func forEachDocument(in pieces: [Piece], progress: (Int) -> Void, warn: (String) -> Void,
                         _ body: (Document) throws -> Void) throws -> Bool {
        var any = false
        for piece in pieces {
            let located = piece.located
            let first = (piece.part?.bytes.lowerBound ?? 0) == 0
            let warn = first ? warn : { _ in }
            if let problem = located.problem {
                warn("kq: skipped \(located.file.path): \(problem)")
                continue
            }
            guard let format = format(forName: Array(located.absolutePath.utf8)) else { continue }
            if let problem = problem(with: located, format: format) {
                warn("kq: skipped \(located.file.path): \(problem)")
                progress(piece.part?.bytes.count ?? Int(located.file.size))
                continue
            }
            var failure: (any Error)?
            var count = 0
            do {
                let each: (Document) throws -> Void = { document in
                    var document = document
                    document.format = format.name
                    count += 1
                    do { try body(document) } catch { failure = error; throw error }
                }
                if let part = piece.part {
                    try format.forEachDocument(at: located.url, path: located.file.path, in: part, progress: progress, warn: warn, each)
                } else {
                    try format.forEachDocument(at: located.url, path: located.file.path, progress: progress, warn: warn, each)
                }
            } catch {
                if let failure { throw failure }
                warn("kq: skipped \(located.file.path): \(Self.reason(error))")
                continue
            }
            if count == 0 && piece.part == nil { warn("kq: skipped \(located.file.path): no text in it") }
            any = any || count > 0
        }
        return any
    }

    /// Why a file is not worth opening as text, from `lstat`, `stat` and its first bytes.
    func problem(with located: SourceFile.Located, format: any DocumentFormat) -> String? {
        var info = stat()
        guard stat(located.absolutePath, &info) == 0 else {
            let error = errno
            return error == ENOENT ? "a link to nothing (\(Self.linkTarget(located.url)))"
                : error == ELOOP ? "a loop of links" : String(cString: strerror(error))
        }
        // A FIFO or device named like a document would block or never end.
        guard info.st_mode & S_IFMT == S_IFREG else { return "not a regular file" }
        if info.st_size == 0 { return "empty" }
        // A PDF's size is mostly its images and fonts; poppler's time limit bounds reading one.
        if format is any TextFormat, !format.holdsManyDocuments, info.st_size > maximumFileBytes {
            return "\(Self.megabytes(Int(info.st_size))) is over the \(Self.megabytes(maximumFileBytes)) limit (--max-file-size)"
        }
        let descriptor = open(located.absolutePath, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return "cannot be read (\(String(cString: strerror(errno))))" }
        defer { close(descriptor) }
        // Text never holds a NUL byte; binary files nearly always do, early (git and grep
        // decide the same way).
        var head = [UInt8](repeating: 0, count: 8192)
        let count = read(descriptor, &head, head.count)
        guard count >= 0 else { return "cannot be read (\(String(cString: strerror(errno))))" }
        if format is any TextFormat, head.prefix(count).contains(0) { return "binary, not text" }
        return nil
    }

    /// The largest Markdown, HTML or text file read; see `IndexSettings.maximumFileBytes`.
    public var maximumFileBytes = IndexSettings().maximumFileBytes

    /// This loader with the file limit an index is built under.
    public func limited(by settings: IndexSettings) -> KnowledgeLoader {
        var loader = self
        loader.maximumFileBytes = settings.maximumFileBytes
        return loader
    }

    private static func reason(_ error: any Error) -> String {
        if let failure = error as? PDFFormat.Failure { return failure.description }
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            return "cannot be read (\(String(cString: strerror(underlying.code.rawValue))))"
        }
        return "cannot be read (\(error.localizedDescription))"
    }

    private static func linkTarget(_ url: URL) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
    }

    /// The format that reads a file of this name or path, by its extension, in any case.
    /// Extensions are ASCII, so a name's is lowered byte by byte: a folder walk asks this of
    /// every file, and a String a name cost 6 % of checking 50,000 files.
    func format(forName path: [UInt8]) -> (any DocumentFormat)? {
        let start = (path.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        guard let dot = path.lastIndex(of: UInt8(ascii: ".")), dot > start else { return nil }
        let ext = path[(dot + 1)...].lazy.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        return formats.first { $0.extensions.contains { $0.utf8.elementsEqual(ext) } }
    }
}
