import Foundation

/// Everything kq writes to stdout and stderr goes through here, in whole writes to the file
/// descriptors. `print` drops write errors (`kq ask > /dev/full` would exit 0 having written
/// nothing) and `FileHandle.write` traps on them; here a failed write to stdout is one line on
/// stderr and exit 2, a closed pipe (`| head -1`) ends kq quietly, and a failed write to
/// stderr is dropped, since there is nowhere left to say so.
enum StandardStreams {
    /// `text` and a newline on stdout.
    static func line(_ text: String = "") {
        write(Array((text + "\n").utf8))
    }

    static func write(_ bytes: [UInt8]) {
        if let error = writeWhole(bytes, to: STDOUT_FILENO) {
            if error == EPIPE { exit(0) }
            _ = writeWhole(Array("kq: cannot write the output: \(String(cString: strerror(error)))\n".utf8), to: STDERR_FILENO)
            exit(2)
        }
    }

    /// `text` as it is on stderr.
    static func error(_ text: String) {
        _ = writeWhole(Array(text.utf8), to: STDERR_FILENO)
    }
}
