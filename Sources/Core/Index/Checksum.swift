import CXXHash

/// XXH3-64 over an index file's body: at memory speed, so a whole index is verified on every
/// open, and it catches damage that keeps the length, such as a flipped bit.
public final class Checksum {
    private let state: OpaquePointer

    public init() {
        state = XXH3_createState()
        XXH3_64bits_reset(state)
    }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        XXH3_64bits_update(state, base, bytes.count)
    }

    public var value: UInt64 { XXH3_64bits_digest(state) }

    deinit { XXH3_freeState(state) }

    /// The hash of one buffer, for names and fingerprints.
    public static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { XXH3_64bits($0.baseAddress, $0.count) }
    }
}
