import Foundation
import Synchronization

/// Signals the line editor reacts to. Handlers only set a flag (all a signal handler may safely
/// do); the editor's read loop sees the interrupted read() and acts on the flag.
enum Signals {
    static let interrupted = Atomic<Bool>(false)
    static let resized = Atomic<Bool>(false)

    /// Installs SIGINT and SIGWINCH handlers without SA_RESTART, so a blocked read() returns
    /// EINTR, and returns the previous actions for `restore`.
    static func install() -> [Int32: sigaction] {
        var previous: [Int32: sigaction] = [:]
        for (signal, handler) in [(SIGINT, onInterrupt), (SIGWINCH, onResize)] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
        return previous
    }

    static func restore(_ previous: [Int32: sigaction]) {
        for (signal, old) in previous {
            var action = old
            sigaction(signal, &action, nil)
        }
    }

    private static let onInterrupt: @convention(c) (Int32) -> Void = { _ in
        Signals.interrupted.store(true, ordering: .relaxed)
    }

    private static let onResize: @convention(c) (Int32) -> Void = { _ in
        Signals.resized.store(true, ordering: .relaxed)
    }
}
