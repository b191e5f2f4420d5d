/// How a list item is written in a passage's text: a line starting `- ` (a bullet) or `2. ` (a
/// numbered item keeps its number). Passages keep the marker so that readers, and answerers
/// that quote lists, can tell an item from a sentence.
public enum ListLine {
    public static let bullet = "- "

    public static func isItem<S: StringProtocol>(_ line: S) -> Bool {
        line.hasPrefix(bullet) || numberedPrefixLength(line) != nil
    }

    /// The item's words without a bullet; a numbered item keeps its number, as it was written.
    public static func content(_ line: Substring) -> Substring {
        line.hasPrefix(bullet) ? line.dropFirst(bullet.count) : line
    }

    /// A line that announces a list: it ends with a colon.
    public static func introducesList<S: StringProtocol>(_ line: S) -> Bool {
        line.last == ":"
    }

    static func numberedPrefixLength<S: StringProtocol>(_ line: S) -> Int? {
        let digits = line.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3, line.dropFirst(digits.count).hasPrefix(". ") else { return nil }
        return digits.count + 2
    }
}
