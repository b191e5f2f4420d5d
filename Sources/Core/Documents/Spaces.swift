import Foundation

extension Substring {
    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`), by scalar:
    /// Foundation's own trimming converts through UTF-16, which dominated reading large corpora.
    func trimmingSpaces() -> Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return Substring(scalars[first...last])
    }
}

extension String {
    /// See `Substring.trimmingSpaces`.
    func trimmingSpaces() -> String { String(self[...].trimmingSpaces()) }
}
