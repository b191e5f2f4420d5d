/// A JSON object whose values are all strings, read straight from the bytes of one line.
///
/// Foundation's JSONDecoder, which kq uses for every JSONL line, first maps the whole line and
/// builds a decoder over the map: about a tenth of a MedQuAD build's time, for objects that are
/// almost always `{"_id": "…", "title": "…", "text": "…"}`. Foundation's other reader
/// (JSONSerialization) was no faster, and Debian's C and C++ readers (jansson, simdjson) would
/// add a package and a shim for one shape of line. So this reads that shape, and nothing else:
/// a value that is not a string, a key given twice, an escape JSON does not define, a lone
/// surrogate, a control character or invalid UTF-8 in a string, or anything but spaces after
/// the object gives nil, and the caller decodes the line with JSONDecoder as before. What a
/// line says therefore never depends on which of the two read it (a test holds the two side
/// by side).
enum FlatJSONObject {
    /// The object's keys and values, or nil when the line is not such an object as JSON reads it.
    static func strings(in bytes: UnsafeRawBufferPointer) -> [String: String]? {
        var reader = Reader(bytes: bytes)
        reader.skipSpaces()
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        var fields: [String: String] = [:]
        reader.skipSpaces()
        if !reader.take(UInt8(ascii: "}")) {
            while true {
                guard reader.take(UInt8(ascii: "\"")), let key = reader.string() else { return nil }
                reader.skipSpaces()
                guard reader.take(UInt8(ascii: ":")) else { return nil }
                reader.skipSpaces()
                guard reader.take(UInt8(ascii: "\"")), let value = reader.string(),
                      fields.updateValue(value, forKey: key) == nil else { return nil }
                reader.skipSpaces()
                if reader.take(UInt8(ascii: "}")) { break }
                guard reader.take(UInt8(ascii: ",")) else { return nil }
                reader.skipSpaces()
            }
        }
        reader.skipSpaces()
        return reader.atEnd ? fields : nil
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard offset < bytes.count, bytes[offset] == byte else { return false }
            offset += 1
            return true
        }

        /// JSON's whitespace: space, tab, line feed, carriage return.
        mutating func skipSpaces() {
            while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x09 || bytes[offset] == 0x0A || bytes[offset] == 0x0D {
                offset += 1
            }
        }

        /// The string whose opening quote was just taken, through its closing quote.
        mutating func string() -> String? {
            // Bytes are copied only once an escape is met; a string without one is validated
            // where it lies.
            var unescaped: [UInt8]? = nil
            var run = offset
            while true {
                skipPlainBytes()
                guard offset < bytes.count else { return nil }
                let byte = bytes[offset]
                let plain = UnsafeRawBufferPointer(rebasing: bytes[run..<offset])
                offset += 1
                if byte == UInt8(ascii: "\"") {
                    guard var copied = unescaped else { return String(validating: plain, as: UTF8.self) }
                    copied.append(contentsOf: plain)
                    return String(validating: copied, as: UTF8.self)
                }
                guard byte == UInt8(ascii: "\\") else { return nil }  // a control character
                if unescaped == nil { unescaped = [] }
                unescaped!.append(contentsOf: plain)
                guard escape(into: &unescaped!) else { return nil }
                run = offset
            }
        }

        /// Moves past bytes that stand for themselves in a string: eight at a time while none
        /// of the eight is a quote, a backslash or a control character.
        private mutating func skipPlainBytes() {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while offset + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                // (x - ones) & ~x & highs is nonzero when a byte of x is zero: x is the word
                // with the byte sought xored out, or, for bytes below 0x20, the word less 0x20s.
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                offset += 8
            }
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return }
                offset += 1
            }
        }

        /// The escape after a backslash, appended as UTF-8.
        private mutating func escape(into unescaped: inout [UInt8]) -> Bool {
            guard offset < bytes.count else { return false }
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(byte)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                guard var value = hex() else { return false }
                if (0xDC00...0xDFFF).contains(value) { return false }
                if (0xD800...0xDBFF).contains(value) {
                    guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex(),
                          (0xDC00...0xDFFF).contains(low) else { return false }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else { return false }
                unescaped.append(contentsOf: UTF8.encode(scalar)!)
            default:
                return false
            }
            return true
        }

        /// Four hexadecimal digits.
        private mutating func hex() -> UInt32? {
            guard offset + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                offset += 1
            }
            return value
        }
    }
}
