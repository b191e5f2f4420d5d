import Core

/// Every plugin answerer kq ships, in the order the router asks them (first wins a tie).
/// Adding one means writing its type and naming it here; nothing else changes.
public enum Registry {
    public static func plugins(analyzer: Analyzer) -> [any Answerer] {
        [
            SafetyAnswerer(analyzer: analyzer),
            DosingAnswerer(analyzer: analyzer),
            CostAnswerer(analyzer: analyzer),
        ]
    }
}
