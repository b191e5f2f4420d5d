/// Documents may carry terminal control sequences: ESC and the CSI or OSC sequences it starts
/// (colours, title changes, clear-screen), bells, carriage returns, C1 controls. They are
/// dropped as documents are indexed, so no index holds them and nothing kq prints from a
/// document can drive a terminal. Newlines and tabs are kept: they are layout.
public enum ControlCharacters {
    /// The text without control characters. An escape sequence goes whole, not just its ESC,
    /// so `ESC ] 0 ; title BEL` leaves nothing behind rather than `]0;title`.
    public static func stripped(_ text: String) -> String {
        guard contains(text) else { return text }
        var scalars = String.UnicodeScalarView()
        var input = text.unicodeScalars.makeIterator()
        while let scalar = input.next() {
            switch scalar.value {
            case 0x1B:
                guard let next = input.next() else { break }
                switch next {
                case "[": skipControlSequence(&input)
                case "]", "P", "X", "^", "_": skipString(&input)
                default: break  // a two-character escape
                }
            case 0x9B: skipControlSequence(&input)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipString(&input)
            case let value where isControl(value): continue
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// CSI parameters and intermediates run to a final character in @…~ (ECMA-48); a stray
    /// newline ends it too, so a malformed sequence cannot swallow the text after it.
    private static func skipControlSequence(_ input: inout String.UnicodeScalarView.Iterator) {
        while let scalar = input.next(), !(0x40...0x7E).contains(scalar.value), scalar != "\n" {}
    }

    /// OSC, DCS and the other string sequences end at BEL, ST (ESC \\ or U+009C), or here at
    /// a newline.
    private static func skipString(_ input: inout String.UnicodeScalarView.Iterator) {
        while let scalar = input.next() {
            switch scalar.value {
            case 0x07, 0x9C, 0x0A: return
            case 0x1B: _ = input.next(); return
            default: continue
            }
        }
    }

    public static func stripped(_ document: Document) -> Document {
        var cleaned = document
        cleaned.id = stripped(document.id)
        cleaned.title = stripped(document.title)
        cleaned.path = stripped(document.path)
        cleaned.blocks = document.blocks.map { block in
            var cleaned = block
            cleaned.section = block.section.map(stripped)
            cleaned.text = stripped(block.text)
            return cleaned
        }
        return cleaned
    }

    /// C0 but tab and newline, DEL, C1, and the bidirectional embeddings, overrides and
    /// isolates (U+202A…U+202E, U+2066…U+2069), which reorder what a terminal shows: a
    /// document's “evil‮txt.exe” must not be shown as “evilexe.txt”.
    static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// A byte scan, as fast as the text can be read: nearly every document has none.
    static func contains(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while all are printable ASCII (0x20…0x7E), as nearly all
                // text is: none is below 0x20, none has its top bit set once 1 is added.
                if index + 8 <= bytes.count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    let ones: UInt64 = 0x0101_0101_0101_0101, tops: UInt64 = 0x8080_8080_8080_8080
                    if ((word &- 0x20 &* ones) | word | (word &+ ones)) & tops == 0 {
                        previous = 0
                        beforePrevious = 0
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                index += 1
                if byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == 0x7F { return true }
                // C1 controls, U+0080…U+009F, are C2 80…C2 9F in UTF-8.
                if previous == 0xC2 && byte >= 0x80 && byte <= 0x9F { return true }
                // Bidirectional controls: E2 80 AA…AE and E2 81 A6…A9.
                if beforePrevious == 0xE2 && ((previous == 0x80 && (0xAA...0xAE).contains(byte))
                    || (previous == 0x81 && (0xA6...0xA9).contains(byte))) { return true }
                beforePrevious = previous
                previous = byte
            }
            return false
        }
    }
}
