import Foundation

/// Markdown: the first top-level heading is the title, later headings name sections, blank lines
/// end paragraphs and each list item is a block of its own. Inline markup is removed so that
/// answers quote plain sentences.
public struct MarkdownFormat: DocumentFormat {
    public let extensions: Set<String> = ["md", "markdown"]

    public init() {}

    public func documents(in text: String, path: String) throws -> [Document] {
        var title: String?
        var section: String?
        var open: [(level: Int, numbering: [Substring], heading: String)] = []
        var blocks: [Block] = []
        var paragraph: [Substring] = []
        var inFence = false

        func flush() {
            // A table's rows stay lines, so a row can be quoted under its header.
            let isTable = paragraph.first?.hasPrefix("|") == true
            let joined = paragraph.joined(separator: isTable ? "\n" : " ")
            paragraph.removeAll()
            let cleaned = Self.stripInlineMarkup(joined)
            if !cleaned.isEmpty { blocks.append(Block(section: section, text: cleaned)) }
        }

        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let line = String(Substring(rawLine).trimmingSpaces())
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                flush()
                inFence.toggle()
                continue
            }
            if inFence {
                paragraph.append(Substring(line))
                continue
            }
            if line.isEmpty {
                flush()
            } else if let (level, heading) = Self.heading(line) {
                flush()
                if level == 1 && title == nil && blocks.isEmpty {
                    title = heading
                } else {
                    let numbering = Self.numbering(heading)
                    open.removeAll { !Self.encloses($0, level: level, numbering: numbering) }
                    open.append((level, numbering, heading))
                    section = open.map(\.heading).joined(separator: Self.pathSeparator)
                }
            } else if let item = Self.listItem(line) {
                flush()
                paragraph.append(item)
                flush()
            } else {
                // A table starts or ends a paragraph.
                if line.hasPrefix("|") != (paragraph.first?.hasPrefix("|") ?? line.hasPrefix("|")) { flush() }
                paragraph.append(Substring(line))
            }
        }
        flush()
        guard !blocks.isEmpty || title != nil else { return [] }
        return [Document(id: path, title: title ?? Self.fallbackTitle(for: path), path: path, blocks: blocks)]
    }

    static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        let text = stripInlineMarkup(String(rest).trimmingCharacters(in: CharacterSet(charactersIn: "# ")))
        return text.isEmpty ? nil : (hashes, text)
    }

    /// A section is named by its heading under the headings that enclose it (“Warnings › Do
    /// not use”, “10 OVERDOSAGE › 10.1 Signs and Symptoms”): what a passage states is filed
    /// under all of them.
    public static let pathSeparator = " › "

    /// A heading encloses a later one of a deeper level, or, among headings of one level as
    /// labels write them, one whose numbering extends its own (10 encloses 10.1).
    static func encloses(_ outer: (level: Int, numbering: [Substring], heading: String), level: Int, numbering: [Substring]) -> Bool {
        if !outer.numbering.isEmpty, !numbering.isEmpty {
            return numbering.count > outer.numbering.count && numbering.starts(with: outer.numbering)
        }
        return outer.level < level
    }

    /// “2.6 Missed Dose” → [2, 6]; no numbering → [].
    static func numbering(_ heading: String) -> [Substring] {
        let number = heading.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty, heading.dropFirst(number.count).first == " " else { return [] }
        return number.split(separator: ".")
    }

    /// A list item as a passage writes it (see `ListLine`): bullets become `- `, and ordered
    /// items keep their number, so "2. Ketamine therapy is performed..." reads as written.
    static func listItem(_ line: String) -> Substring? {
        for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) {
            return Substring(ListLine.bullet + line.dropFirst(marker.count))
        }
        return ListLine.isItem(line) ? Substring(line) : nil
    }

    /// Removes emphasis, code ticks, images and link targets, keeping the words. It works on
    /// UTF-8 bytes, as every mark is ASCII: walking Characters spent a third of indexing here.
    static func stripInlineMarkup(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func at(_ offset: Int) -> UInt8? {
            index + offset >= 0 && index + offset < bytes.count ? bytes[index + offset] : nil
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "_") where !isWordByte(at(-1)) || !isWordByte(at(1)),
                 UInt8(ascii: "*"), UInt8(ascii: "`"), UInt8(ascii: "["):
                index += 1
            case UInt8(ascii: "!") where at(1) == UInt8(ascii: "["):
                index += 1
            case UInt8(ascii: "]") where at(1) == UInt8(ascii: "("):
                index = (bytes[index...].firstIndex(of: UInt8(ascii: ")")) ?? index) + 1
            case let byte:
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self).trimmingSpaces()
    }

    /// An underscore inside a word (snake_case) is text; at a word's edge it is emphasis. Any
    /// byte of a non-ASCII character counts as a word's, as nearly all such are letters.
    private static func isWordByte(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x80 || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }
}
