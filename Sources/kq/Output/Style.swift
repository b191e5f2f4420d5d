import Foundation

/// ANSI styling, on only when stdout is a colour terminal and the user has not opted out:
/// NO_COLOR set to anything non-empty (no-color.org), or TERM=dumb, turns it off.
struct Style {
    let enabled: Bool

    static let plain = Style(enabled: false)

    /// Colour only on a terminal that says what it is: no `NO_COLOR`, and a `TERM` that is set
    /// and not `dumb` (a terminal with no `TERM` may show escape codes as text).
    static func forStandardOutput(environment: [String: String] = ProcessInfo.processInfo.environment,
                                  isTerminal: Bool = isatty(STDOUT_FILENO) == 1) -> Style {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let term = environment["TERM"] ?? ""
        return Style(enabled: isTerminal && !noColor && !term.isEmpty && term != "dumb")
    }

    func bold(_ text: String) -> String { wrap(text, "1") }
    func dim(_ text: String) -> String { wrap(text, "2") }
    func highlight(_ text: String) -> String { wrap(text, "1;33") }
    func accent(_ text: String) -> String { wrap(text, "36") }

    private func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
