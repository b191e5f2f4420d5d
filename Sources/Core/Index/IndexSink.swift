import Foundation

/// Where an index is written: a file (buffered, for the cache) or memory (for a Knowledge that
/// is not cached, such as a test's). It keeps the running checksum of everything after the
/// header, which is written last, once the section offsets are known.
final class IndexSink {
    private enum Target {
        case file(Int32)
        case memory
    }

    private let target: Target
    private var buffer: [UInt8] = []
    private(set) var position = IndexLayout.headerSize
    private let checksum = Checksum()

    /// Memory: the header's bytes are reserved now and filled by `finish`.
    init() {
        target = .memory
        buffer = [UInt8](repeating: 0, count: IndexLayout.headerSize)
    }

    init(fileDescriptor: Int32) throws {
        target = .file(fileDescriptor)
        buffer.reserveCapacity(1 << 20)
        try seek(to: IndexLayout.headerSize)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        checksum.update(bytes)
        position += bytes.count
        buffer.append(contentsOf: bytes)
        if case .file = target, buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write<T: FixedWidthInteger>(_ values: [T]) throws {
        let little = values.map(\.littleEndian)
        try little.withUnsafeBytes { try write($0) }
    }

    /// Pads with zeros to a multiple of 8, so that fixed-width arrays start aligned.
    func align() throws {
        let padding = (8 - position % 8) % 8
        if padding > 0 { try write([UInt8](repeating: 0, count: padding)) }
    }

    /// Writes the header and returns the whole index when in memory.
    @discardableResult
    func finish(header: IndexHeader) throws -> [UInt8]? {
        var header = header
        header.checksum = checksum.value
        header.fileLength = UInt64(position)
        let encoded = header.encoded()
        switch target {
        case .memory:
            buffer.replaceSubrange(0..<encoded.count, with: encoded)
            return buffer
        case .file(let descriptor):
            try flush()
            try encoded.withUnsafeBytes { bytes in
                guard pwrite(descriptor, bytes.baseAddress, bytes.count, 0) == bytes.count else {
                    throw IndexSinkError(errno: errno)
                }
            }
            return nil
        }
    }

    private func flush() throws {
        guard case .file(let descriptor) = target else { return }
        try buffer.withUnsafeBytes { try Self.writeAll($0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes all of `bytes`, through short writes and interruptions.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw IndexSinkError(errno: errno)
            }
            offset += written
        }
    }

    private func seek(to offset: Int) throws {
        guard case .file(let descriptor) = target else { return }
        guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else { throw IndexSinkError(errno: errno) }
    }
}

struct IndexSinkError: Error, CustomStringConvertible {
    let errno: Int32
    var description: String { String(cString: strerror(errno)) }
}
