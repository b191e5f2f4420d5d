import Foundation

/// Writes all of `bytes` to a file descriptor, across short writes and interruptions; the
/// errno of a failure, or nil. The one write loop behind stdout, stderr and output files.
func writeWhole(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
    var written = 0
    while written < bytes.count {
        let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
        if result < 0 {
            if errno == EINTR { continue }
            return errno
        }
        written += result
    }
    return nil
}
