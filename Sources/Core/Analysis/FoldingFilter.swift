import Foundation

/// Lowercases and strips accents (`Kétamine` → `ketamine`), so that spelling variants of the same
/// word index alike. ASCII terms, the common case, take a fast path that allocates once.
public struct FoldingFilter: TokenFilter {
    public init() {}

    public func filter(_ term: String) -> String? {
        if term.utf8.allSatisfy({ $0 < 0x80 }) {
            return term.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? term.lowercased() : term
        }
        var folded = String.UnicodeScalarView()
        for scalar in term.lowercased().decomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            folded.append(scalar == "\u{2019}" ? "'" : scalar)
        }
        return String(folded)
    }
}
