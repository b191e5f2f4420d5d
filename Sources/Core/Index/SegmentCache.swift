import Foundation

/// Segment readers by path, reused while the file at the path is the same file (device,
/// inode, size and time).
final class SegmentCache: @unchecked Sendable {
    private let lock = NSLock()
    private var readers: [String: (identity: [Int64], reader: SegmentReader)] = [:]

    func reader(at path: String) throws -> SegmentReader {
        var status = stat()
        guard stat(path, &status) == 0 else { return try SegmentReader(path: path) }
        let identity = [Int64(status.st_dev), Int64(status.st_ino), Int64(status.st_size),
                        Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec)]
        lock.lock()
        defer { lock.unlock() }
        if let known = readers[path], known.identity == identity { return known.reader }
        let reader = try SegmentReader(path: path)
        readers[path] = (identity, reader)
        return reader
    }
}
