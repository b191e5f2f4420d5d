import CLibXML2
import Foundation

/// What a PDF says of its headings beyond type size, from poppler's `pdftohtml -xml`: its
/// outline (the bookmarks a word processor makes of headings, nested by level) and which lines
/// are set in bold throughout. `pdftotext`'s layout gives neither; a heading set bold at body
/// size (“Do not use” on a Drug Facts label) is known only by these.
struct PDFMarks {
    /// Outline entries by page, keyed by their words with one space between (as
    /// `PDFLayout.Line.text`): their depth, from 1.
    var outline: [Int: [String: Int]] = [:]
    var deepestOutline = 0
    /// Lines in bold throughout, by page, keyed the same way.
    var bold: [Int: Set<String>] = [:]

    init() {}

    init(xml: Data) {
        PopplerXML.read(xml) { read($0) }
    }

    static func key(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `text`: words with one space between.
    func outlineDepth(of text: String, page: Int) -> Int? { outline[page]?[text] }

    func isBold(_ text: String, page: Int) -> Bool { bold[page]?.contains(text) == true }

    private mutating func read(_ reader: xmlTextReaderPtr) {
        var page = 0, depth = 0, bolds = 0
        var itemPage: Int?
        var text = "", boldText = "", inText = false
        while xmlTextReaderRead(reader) == 1 {
            let type = xmlTextReaderNodeType(reader)
            if PopplerXML.isText(type) {
                guard inText || itemPage != nil, let value = xmlTextReaderConstValue(reader) else { continue }
                let piece = String(cString: value)
                text += piece
                if bolds > 0 { boldText += piece }
                continue
            }
            guard let pointer = xmlTextReaderConstLocalName(reader) else { continue }
            let name = String(cString: pointer)
            let empty = xmlTextReaderIsEmptyElement(reader) == 1
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                switch name {
                case "page": page = Int(Self.attribute(reader, "number") ?? "") ?? page &+ 1
                case "outline": if !empty { depth += 1 }
                case "item" where !empty: itemPage = Int(Self.attribute(reader, "page") ?? ""); text = ""
                case "text" where !empty: inText = true; text = ""; boldText = ""
                case "b" where !empty: bolds += 1
                default: break
                }
            } else if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) {
                switch name {
                case "outline": depth -= 1
                case "item":
                    if let number = itemPage, depth > 0 {
                        outline[number, default: [:]][Self.key(text)] = outline[number]?[Self.key(text)] ?? depth
                        deepestOutline = max(deepestOutline, depth)
                    }
                    itemPage = nil
                case "text":
                    inText = false
                    let key = Self.key(text)
                    if !key.isEmpty, Self.key(boldText) == key { bold[page, default: []].insert(key) }
                case "b": bolds = max(0, bolds - 1)
                default: break
                }
            }
        }
    }

    private static func attribute(_ reader: xmlTextReaderPtr, _ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }
}
