import Foundation

/// Where REPL history is kept between sessions: $XDG_STATE_HOME/kq/history, else
/// ~/.local/state/kq/history (the XDG base-directory rules for state).
enum HistoryFile {
    static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        BaseDirectory.state(environment: environment)?.appendingPathComponent("history")
    }
}
