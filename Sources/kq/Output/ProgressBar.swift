import Core
import Foundation

/// A one-line bar on stderr while an index builds, shown only on a terminal and only once the
/// build has taken a second, so that quick builds and scripts see nothing.
final class ProgressBar {
    private let label: String
    private let started = DispatchTime.now().uptimeNanoseconds
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false
    private var lastDrawn = -1

    init(label: String) {
        self.label = Sanitizer.clean(label, keepNewlines: false)
    }

    func update(_ progress: IndexProgress) {
        guard enabled, DispatchTime.now().uptimeNanoseconds - started > 1_000_000_000 else { return }
        let percent = Int(progress.fraction * 100)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        shown = true
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        StandardStreams.error("\r\(label) \(bar) \(percent)%")
    }

    /// Writes a warning on a line of its own, cleaned of control characters (it names files,
    /// and a file's name can hold an escape sequence); the bar is drawn again on its next update.
    func warn(_ line: String) {
        let clear = shown ? "\r\u{1B}[2K" : ""
        lastDrawn = -1
        StandardStreams.error(clear + Sanitizer.clean(line, keepNewlines: false) + "\n")
    }

    /// Clears the bar's line.
    func finish() {
        guard shown else { return }
        StandardStreams.error("\r\u{1B}[2K")
    }
}
