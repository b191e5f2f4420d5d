import Foundation

/// A file an index was built from, as the file system described it then. An index is current
/// while the Knowledge root holds exactly these files with these sizes and times.
public struct SourceFile: Sendable, Equatable {
    /// Relative to the Knowledge root (the file's name when the root is a file).
    public let path: String
    public let size: Int64
    /// Modification time in nanoseconds since 1970.
    public let modified: Int64

    public init(path: String, size: Int64, modified: Int64) {
        self.path = path
        self.size = size
        self.modified = modified
    }

    /// A source file and where it is.
    public struct Located: Sendable {
        public let url: URL
        public let file: SourceFile
    }

    /// What `stat` says of `url` now (links followed; of the link itself when it leads
    /// nowhere, so that mending it counts as a change); nil when there is nothing there.
    public init?(url: URL, path: String) {
        var info = stat()
        guard stat(url.path, &info) == 0 || lstat(url.path, &info) == 0 else { return nil }
        self.path = path
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
