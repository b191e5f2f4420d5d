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

    /// A source file, where it is, and why it cannot be read when that is known from its
    /// name alone (not UTF-8, a path too long).
    public struct Located: Sendable {
        public let absolutePath: String
        public let file: SourceFile
        public let problem: String?

        public var url: URL { URL(fileURLWithPath: absolutePath) }
    }

    /// What `stat` said of it (of what a link leads to; of the link itself when it leads
    /// nowhere, so that mending it counts as a change).
    init(path: String, status: stat) {
        self.path = path
        (size, modified) = Self.measures(status)
    }

    /// Size and modification time (nanoseconds) from `stat`.
    public static func measures(_ status: stat) -> (size: Int64, modified: Int64) {
        (Int64(status.st_size), Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
    }
}
