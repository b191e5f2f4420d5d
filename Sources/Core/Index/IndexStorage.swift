import Foundation

/// The bytes of one index, held still for as long as readers point into them: a read-only
/// memory map of a file, or a copy of bytes built in memory.
final class IndexStorage: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let isMapped: Bool

    /// Maps `path`; throws `IndexError.truncated` for an empty file, which cannot be mapped.
    /// Only a regular file is read: opened without blocking, a FIFO at the index's path (whose
    /// open would wait for a writer forever) or a folder is reported, not waited on.
    init(mapping path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw IndexStorageError(path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw IndexStorageError(path: path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw IndexStorageError(path: path, errno: info.st_mode & S_IFMT == S_IFDIR ? EISDIR : EINVAL) }
        let size = Int(info.st_size)
        guard size > 0 else { throw IndexError.truncated }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw IndexStorageError(path: path, errno: errno)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        isMapped = true
    }

    init(copying source: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(source.count, 1), alignment: 8)
        source.withUnsafeBytes { copy.copyMemory(from: $0) }
        bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0..<source.count])
        isMapped = false
    }

    /// Tells the kernel a mapped range need not stay resident: verifying the checksum reads the
    /// whole file, and a process should not keep text it never shows counted as its memory.
    func release(_ range: Range<Int>) {
        guard isMapped, !range.isEmpty, let base = bytes.baseAddress else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + range.lowerBound), range.count, MADV_DONTNEED)
    }

    deinit {
        if isMapped {
            munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        } else {
            UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        }
    }
}

struct IndexStorageError: Error, CustomStringConvertible {
    let path: String
    let errno: Int32
    var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
