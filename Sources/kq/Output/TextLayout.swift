/// Word-wraps plain text for the terminal. Runs before styling, so escape codes never count
/// toward a line's width.
enum TextLayout {
    /// `firstIndent`, when given, starts each paragraph's first line instead of `indent` (a
    /// bullet, with the rest hanging under it); it should be as wide as `indent`.
    static func wrap(_ text: String, width: Int, indent: String = "", firstIndent: String? = nil) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lead = firstIndent ?? indent
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if !line.isEmpty, lead.count + line.count + 1 + word.count > width {
                    lines.append(lead + line)
                    lead = indent
                    line = ""
                }
                line += line.isEmpty ? String(word) : " " + word
            }
            lines.append(lead + line)
        }
        return lines
    }
}
