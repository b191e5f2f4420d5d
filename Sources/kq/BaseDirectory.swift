import Core
import Foundation

/// XDG base directories: `$VARIABLE` when it holds an absolute path, else the fallback under
/// `$HOME` (`.local/state` for state, `.config` for configuration); nil without either.
enum BaseDirectory {
    static func url(_ variable: String, fallback: String, environment: [String: String]) -> URL? {
        if let path = environment[variable], path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(fallback)
    }

    /// kq's state (REPL history, notes said once): `$XDG_STATE_HOME/kq`, else `~/.local/state/kq`.
    static func state(environment: [String: String]) -> URL? {
        url("XDG_STATE_HOME", fallback: ".local/state", environment: environment)?.appendingPathComponent("kq")
    }

    /// kq's configuration (the user's answerer packs, the Knowledge folders trusted to bring
    /// their own): `$XDG_CONFIG_HOME/kq`, else `~/.config/kq`.
    static func config(environment: [String: String]) -> URL? {
        url("XDG_CONFIG_HOME", fallback: ".config", environment: environment)?.appendingPathComponent("kq")
    }

    /// kq's index cache: `$XDG_CACHE_HOME/kq`, else `~/.cache/kq` (the account's home when
    /// `$HOME` is unset).
    static func indexCache(environment: [String: String], threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> IndexCache {
        let base = url("XDG_CACHE_HOME", fallback: ".cache", environment: environment)
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".cache")
        return IndexCache(directory: base.appendingPathComponent("kq"), threads: threads)
    }
}
