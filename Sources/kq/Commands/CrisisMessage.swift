import Core
import Foundation

/// The crisis resources kq shows, which a deployment outside the US will want to replace. For a
/// writer in crisis: `$KQ_CRISIS_MESSAGE`, else the file `$XDG_CONFIG_HOME/kq/crisis.txt` (or
/// `~/.config/kq/crisis.txt`); for someone worried about another person: `$KQ_CRISIS_OTHER_MESSAGE`,
/// else `crisis-other.txt` beside it; the line after an answer that names the topic:
/// `$KQ_CRISIS_LINE`, else `crisis-line.txt`. Each else falls back to `CrisisPolicy`'s default, and
/// so does an empty setting: the resources can be changed but not removed.
enum CrisisMessage {
    static func policy(environment: [String: String]) -> CrisisPolicy {
        CrisisPolicy(
            message: load("KQ_CRISIS_MESSAGE", file: "crisis.txt", environment: environment) ?? CrisisPolicy.defaultMessage,
            otherMessage: load("KQ_CRISIS_OTHER_MESSAGE", file: "crisis-other.txt", environment: environment)
                ?? CrisisPolicy.defaultOtherMessage,
            mentionLine: load("KQ_CRISIS_LINE", file: "crisis-line.txt", environment: environment)
                ?? CrisisPolicy.defaultMentionLine)
    }

    /// A message is read as a document is: without control characters, so none reaches the
    /// terminal or `--json`.
    private static func load(_ variable: String, file name: String, environment: [String: String]) -> String? {
        if let message = environment[variable].map(ControlCharacters.stripped)?.trimmingCharacters(in: .whitespacesAndNewlines), !message.isEmpty {
            return message
        }
        let file = BaseDirectory.url("XDG_CONFIG_HOME", fallback: ".config", environment: environment)?
            .appendingPathComponent("kq/\(name)")
        guard let file, let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let trimmed = ControlCharacters.stripped(text).trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
