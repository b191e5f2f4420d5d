/// Decoding one scalar from UTF-8 bytes, for the scanners that walk text byte by byte (the
/// tokenizer, word counting): ASCII is handled by the callers, this is the rest.
enum UTF8Scalar {
    /// White space as `Character.isWhitespace` sees it, with ASCII decided without a lookup.
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }


    /// The scalar starting at `index` and its length in bytes. Swift strings hold valid UTF-8,
    /// so the lead byte gives the length; a cut-off sequence decodes to U+FFFD.
    @inline(__always)
    static func decode(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        var value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = UInt32(lead & 0x1F); length = 2
        } else if lead < 0xF0 {
            value = UInt32(lead & 0x0F); length = 3
        } else {
            value = UInt32(lead & 0x07); length = 4
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", bytes.count - index) }
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
