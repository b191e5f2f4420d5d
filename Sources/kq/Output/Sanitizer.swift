/// Keeps a document's bytes from driving the terminal: control characters (ESC sequences,
/// bells, carriage returns, C1 controls) are dropped from everything kq prints. Newlines and
/// tabs survive where the caller allows them.
enum Sanitizer {
    static func clean(_ text: String, keepNewlines: Bool = true) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: scalars.append(scalar)
            case 0x09: scalars.append(" ")
            case 0x0A: scalars.append(" ")
            case 0x00...0x1F, 0x7F...0x9F: continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
