import CLibXML2
import Foundation

/// A PDF's text as poppler lays it out (`pdftotext -bbox-layout`): pages of blocks of lines of
/// words, each with its box in points from the page's top left, in poppler's reading order.
/// This is all kq takes from a PDF; `PDFStructure` makes a document of it.
struct PDFLayout {
    struct Box {
        var xMin = 0.0, yMin = 0.0, xMax = 0.0, yMax = 0.0
        var height: Double { yMax - yMin }
        var width: Double { xMax - xMin }
        var middle: Double { (yMin + yMax) / 2 }

        func overlapsVertically(_ other: Box) -> Bool { yMin < other.yMax && other.yMin < yMax }
        func overlapsHorizontally(_ other: Box) -> Bool { xMin < other.xMax && other.xMin < xMax }
    }

    struct Line {
        var box = Box()
        var words: [String] = []
        /// Its words, one space between each.
        var text = ""
        /// The size of its type: the height of its words, the most common one by characters, so
        /// that a superscript or a symbol does not make a line a heading.
        var size = 0.0
    }

    struct Block {
        var box = Box()
        var lines: [Line] = []
    }

    struct Page {
        var number: Int
        var height = 0.0
        var blocks: [Block] = []
    }

    /// The document information's title, when the PDF has one.
    var title: String?
    var pages: [Page] = []

    /// Reads what `pdftotext -bbox-layout` wrote.
    init(xhtml: Data) {
        PopplerXML.read(xhtml) { read($0) }
    }

    private enum Element { case title, page, block, line, word, other }

    private mutating func read(_ reader: xmlTextReaderPtr) {
        var inside = Element.other
        var word = "", wordBox = Box(), wordSizes: [(size: Double, characters: Int)] = []
        var line = Line(), block = Block()
        while xmlTextReaderRead(reader) == 1 {
            let type = xmlTextReaderNodeType(reader)
            if PopplerXML.isText(type) {
                guard inside == .word || inside == .title, let value = xmlTextReaderConstValue(reader) else { continue }
                let text = String(cString: value)
                if inside == .word { word += text } else { title = (title ?? "") + text }
                continue
            }
            guard let namePointer = xmlTextReaderConstLocalName(reader) else { continue }
            let element = Self.element(namePointer)
            if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                switch element {
                case .page:
                    var page = Page(number: pages.count + 1)
                    Self.attributes(reader) { name, value in
                        if name == "height" { page.height = value }
                    }
                    pages.append(page)
                case .block:
                    block = Block(box: Self.box(reader))
                case .line:
                    line = Line(box: Self.box(reader))
                    wordSizes.removeAll(keepingCapacity: true)
                case .word:
                    wordBox = Self.box(reader)
                    word = ""
                    if !empty { inside = .word }
                case .title:
                    if !empty { inside = .title }
                case .other:
                    break
                }
            } else if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) {
                switch element {
                case .word:
                    inside = .other
                    let trimmed = word.trimmingSpaces()
                    guard !trimmed.isEmpty else { break }
                    line.words.append(trimmed)
                    wordSizes.append((wordBox.height, trimmed.count))
                case .line:
                    guard !line.words.isEmpty else { break }
                    line.size = Self.commonSize(wordSizes)
                    line.text = line.words.joined(separator: " ")
                    block.lines.append(line)
                case .block:
                    guard !block.lines.isEmpty, !pages.isEmpty else { break }
                    pages[pages.count - 1].blocks.append(block)
                case .title:
                    inside = .other
                default:
                    break
                }
            }
        }
        title = title?.trimmingSpaces()
    }

    /// The height most characters of a line have, to a tenth of a point.
    private static func commonSize(_ sizes: [(size: Double, characters: Int)]) -> Double {
        var counts: [Int: Int] = [:]
        for (size, characters) in sizes where size.isFinite {
            counts[Int((size * 10).rounded()), default: 0] += characters
        }
        guard let common = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }) else { return 0 }
        return Double(common.key) / 10
    }

    private static func element(_ name: UnsafePointer<xmlChar>) -> Element {
        name.withMemoryRebound(to: CChar.self, capacity: 6) { name in
            if strcmp(name, "word") == 0 { return .word }
            if strcmp(name, "line") == 0 { return .line }
            if strcmp(name, "block") == 0 { return .block }
            if strcmp(name, "page") == 0 { return .page }
            if strcmp(name, "title") == 0 { return .title }
            return .other
        }
    }

    private static func box(_ reader: xmlTextReaderPtr) -> Box {
        var box = Box()
        attributes(reader) { name, value in
            switch name {
            case "xMin": box.xMin = value
            case "yMin": box.yMin = value
            case "xMax": box.xMax = value
            case "yMax": box.yMax = value
            default: break
            }
        }
        // A damaged file can give any numbers; a box kq reasons about is finite and upright.
        guard [box.xMin, box.yMin, box.xMax, box.yMax].allSatisfy({ $0.isFinite && abs($0) < 1e7 }) else { return Box() }
        return Box(xMin: min(box.xMin, box.xMax), yMin: min(box.yMin, box.yMax), xMax: max(box.xMin, box.xMax), yMax: max(box.yMin, box.yMax))
    }

    /// Each numeric attribute of the element the reader is on, then back to the element.
    private static func attributes(_ reader: xmlTextReaderPtr, _ body: (String, Double) -> Void) {
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            guard let name = xmlTextReaderConstLocalName(reader), let value = xmlTextReaderConstValue(reader) else { continue }
            let number = value.withMemoryRebound(to: CChar.self, capacity: 1) { strtod($0, nil) }
            body(String(cString: name), number)
        }
        xmlTextReaderMoveToElement(reader)
    }
}
