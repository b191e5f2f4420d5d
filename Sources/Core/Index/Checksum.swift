import CZlib

/// CRC-32 (zlib's) over an index file's body: cheap enough to verify on every open, and it
/// catches truncation-free damage such as a flipped bit.
public struct Checksum: Sendable, Equatable {
    public private(set) var value: UInt32

    public init() {
        value = UInt32(crc32(0, nil, 0))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else { return }
        var remaining = bytes.count
        // zlib takes a 32-bit length.
        while remaining > 0 {
            let chunk = min(remaining, 1 << 30)
            value = UInt32(crc32(uLong(value), base, uInt(chunk)))
            base += chunk
            remaining -= chunk
        }
    }
}
