import Foundation

/// Standard input, output and error, open before anything else is. A process started with one
/// of them closed (`kq 2>&-`) would otherwise get that number for the next file it opens (the
/// temporary index), and every warning would be written into the index.
enum StandardDescriptors {
    static func ensureOpen() {
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            // open returns the lowest free number: the one that was closed.
            let opened = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
