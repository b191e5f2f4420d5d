import Foundation

/// Where REPL history is kept between sessions: $XDG_STATE_HOME/kq/history, else
/// ~/.local/state/kq/history (the XDG base-directory rules for state).
enum HistoryFile {
    static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("kq/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/kq/history")
    }
}
