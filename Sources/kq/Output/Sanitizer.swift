import Core

/// Keeps a document's bytes, and a question's, from driving the terminal: everything kq prints
/// goes through here. Escape sequences go whole (`ControlCharacters`); tabs become spaces, and
/// newlines too where the caller allows none.
enum Sanitizer {
    static func clean(_ text: String, keepNewlines: Bool = true) -> String {
        let stripped = ControlCharacters.stripped(text)
        guard stripped.utf8.contains(where: { $0 == 0x09 || (!keepNewlines && $0 == 0x0A) }) else { return stripped }
        return String(String.UnicodeScalarView(stripped.unicodeScalars.map { scalar in
            scalar == "\t" || (!keepNewlines && scalar == "\n") ? " " : scalar
        }))
    }
}
