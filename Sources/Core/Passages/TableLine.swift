/// A table row as a passage writes it, `| cell | cell |`, one a line with its header row first:
/// every format that reads tables writes them so, and `QuotedUnit` reads a row under its header.
public enum TableLine {
    public static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}
