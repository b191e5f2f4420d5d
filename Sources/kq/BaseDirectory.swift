import Foundation

/// XDG base directories: `$VARIABLE` when it holds an absolute path, else the fallback under
/// `$HOME` (`.local/state` for state, `.config` for configuration); nil without either.
enum BaseDirectory {
    static func url(_ variable: String, fallback: String, environment: [String: String]) -> URL? {
        if let path = environment[variable], path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(fallback)
    }
}
