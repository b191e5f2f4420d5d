import Foundation

/// A file the user names for output (`kq eval --run PATH`), written as any Unix tool writes
/// one: opened, truncated and written through, so a symbolic link is followed, a FIFO or a
/// device is written to, and the file keeps its owner and mode. Replacing it with a new file
/// (what an atomic write does) would break all of those, and as root could replace a device.
enum OutputFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(path, errno) }
        defer { close(descriptor) }
        if let error = writeWhole(bytes, to: descriptor) { throw failure(path, error) }
    }

    private static func failure(_ path: String, _ error: Int32) -> KQFailure {
        KQFailure("cannot write \(path): \(String(cString: strerror(error)))")
    }
}
