import Foundation

/// Segment readers by path, reused while the file at the path is the same file; and which
/// segment files need hashing at all. A segment is written once under a temporary name and
/// renamed into place, never changed: while its device, inode, size and modification time are
/// those the manifest recorded when kq wrote it, it is that file, and hashing 340 MB at each
/// start would only check the disk. Any write to it changes its time, and then it is hashed
/// and checked whole, as Lucene checks a segment's checksum when it merges rather than on
/// every open.
final class SegmentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var readers: [String: (identity: [Int64], reader: SegmentReader)] = [:]

    /// The file's identity now, or nil when it cannot be read.
    static func identity(of path: String) -> [Int64]? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return [Int64(bitPattern: UInt64(status.st_dev)), Int64(bitPattern: UInt64(status.st_ino)), Int64(status.st_size),
                Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)]
    }

    /// The reader of the segment at `path`; `written` is the identity it had when kq wrote it.
    func reader(at path: String, written: [Int64]? = nil) throws -> SegmentReader {
        guard let identity = Self.identity(of: path) else { return try SegmentReader(path: path) }
        lock.lock()
        defer { lock.unlock() }
        if let known = readers[path], known.identity == identity { return known.reader }
        let reader = try SegmentReader(path: path, verified: identity == written)
        readers[path] = (identity, reader)
        return reader
    }

    /// Lets go of the readers of `folder`'s segments whose name starts with `prefix` but that
    /// `kept` does not name: merged away, their files deleted, they would stay mapped for as
    /// long as a REPL session runs.
    func forget(prefix: String, keeping kept: Set<String>) {
        lock.lock()
        defer { lock.unlock() }
        for path in readers.keys where path.hasPrefix(prefix) && !kept.contains(path) { readers[path] = nil }
    }
}
