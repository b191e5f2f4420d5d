import Core
import Foundation

/// The crisis resources kq shows, which a deployment outside the US will want to replace:
/// `$KQ_CRISIS_MESSAGE`, else the file `$XDG_CONFIG_HOME/kq/crisis.txt` (or
/// `~/.config/kq/crisis.txt`), else `CrisisPolicy.defaultMessage`. An empty setting falls back
/// too: the resources can be changed but not removed.
enum CrisisMessage {
    static func load(environment: [String: String]) -> String {
        if let message = environment["KQ_CRISIS_MESSAGE"], !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return message.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let file = BaseDirectory.url("XDG_CONFIG_HOME", fallback: ".config", environment: environment)?
            .appendingPathComponent("kq/crisis.txt")
        if let file, let text = try? String(contentsOf: file, encoding: .utf8),
           !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return CrisisPolicy.defaultMessage
    }
}
