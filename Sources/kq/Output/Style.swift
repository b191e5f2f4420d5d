import Foundation

/// ANSI styling, on only when stdout is a colour terminal and the user has not opted out:
/// NO_COLOR set to anything non-empty (no-color.org), or TERM=dumb, turns it off.
struct Style {
    let enabled: Bool

    static let plain = Style(enabled: false)

    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let dumb = environment["TERM"] == "dumb"
        return Style(enabled: isatty(STDOUT_FILENO) == 1 && !noColor && !dumb)
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func highlight(_ text: String) -> String { wrap(text, "1;33") }
    func accent(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
