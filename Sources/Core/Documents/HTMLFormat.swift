import CLibXML2
import Foundation

/// HTML (`.html`, `.htm`), read by libxml2's HTML parser, which mends broken markup as browsers
/// do and decodes entities: the title is the page's `<title>`, else its first `<h1>`; headings
/// name sections (as in Markdown, `SectionPath`); each paragraph, list item (written `- item`,
/// or numbered) and run of loose text is a block; a table is one block of `| … |` rows, its
/// header first. Scripts, styles, navigation, footers and forms' controls are left out, and
/// white space runs collapse as a browser shows them, except in `<pre>`.
public struct HTMLFormat: TextFormat {
    public let name = "html"
    public let extensions: Set<String> = ["html", "htm"]

    public init() {}

    public func documents(in text: String, path: String) throws -> [Document] {
        var source = text
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                            | HTML_PARSE_NONET.rawValue)
        let parsed = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options) }
        }
        guard let document = parsed else { return [] }
        defer { xmlFreeDoc(document) }
        var reader = Reader()
        var node = document.pointee.children
        while let current = node {
            reader.read(current)
            node = current.pointee.next
        }
        reader.flush()
        let title = reader.pageTitle.flatMap { $0.isEmpty ? nil : $0 } ?? reader.firstHeading
        guard !reader.blocks.isEmpty || title != nil else { return [] }
        return [Document(id: path, title: title ?? Self.fallbackTitle(for: path), path: path, blocks: reader.blocks)]
    }

    /// Elements whose text is not the page's: code, styling, navigation, controls.
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "nav", "footer", "iframe", "svg",
                                      "button", "select", "option", "textarea", "input", "form", "object", "canvas"]
    /// Elements that start a block of their own; any other element's text runs on inline.
    static let blockElements: Set<String> = [
        "html", "body", "main", "article", "section", "div", "header", "aside", "address", "blockquote", "center",
        "p", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "figure", "figcaption", "hr", "details", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "head", "title",
    ]

    private struct Reader {
        var pageTitle: String?
        var firstHeading: String?
        var sections = SectionPath()
        var blocks: [Block] = []
        /// Loose text since the last block: a paragraph the page did not mark as one.
        var pending = ""

        mutating func read(_ node: UnsafeMutablePointer<xmlNode>) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                pending += HTMLFormat.content(node)
            case XML_ELEMENT_NODE:
                element(node)
            default:
                break
            }
        }

        mutating func element(_ node: UnsafeMutablePointer<xmlNode>) {
            let name = HTMLFormat.name(node)
            guard !HTMLFormat.dropped.contains(name), HTMLFormat.attribute(node, "role") != "navigation" else { return }
            guard HTMLFormat.blockElements.contains(name) else {
                if name == "br" { pending += " " } else if name == "img" { pending += " " + (HTMLFormat.attribute(node, "alt") ?? "") + " " }
                else { children(node) }
                return
            }
            flush()
            switch name {
            case "head":
                children(node)
            case "title":
                pageTitle = pageTitle ?? HTMLFormat.collapsed(HTMLFormat.text(node))
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let heading = HTMLFormat.collapsed(HTMLFormat.text(node))
                guard !heading.isEmpty else { return }
                if name == "h1", firstHeading == nil, pageTitle == nil, blocks.isEmpty {
                    firstHeading = heading
                } else {
                    sections.enter(level: Int(name.dropFirst())!, heading: heading)
                }
            case "ul", "ol":
                var number = Int(HTMLFormat.attribute(node, "start") ?? "") ?? 1
                var child = node.pointee.children
                while let item = child {
                    if item.pointee.type == XML_ELEMENT_NODE, HTMLFormat.name(item) == "li" {
                        listItem(item, marker: name == "ol" ? "\(number). " : ListLine.bullet)
                        number += 1
                    } else {
                        read(item)
                    }
                    child = item.pointee.next
                }
                flush()
            case "table":
                add(HTMLFormat.table(node))
            case "pre":
                add(HTMLFormat.text(node).trimmingCharacters(in: .whitespacesAndNewlines))
            default:
                children(node)
                flush()
            }
        }

        /// An item's own text with its marker; a list inside it follows as items of their own.
        mutating func listItem(_ item: UnsafeMutablePointer<xmlNode>, marker: String) {
            var child = item.pointee.children
            var nested: [UnsafeMutablePointer<xmlNode>] = []
            while let node = child {
                let name = node.pointee.type == XML_ELEMENT_NODE ? HTMLFormat.name(node) : ""
                if name == "p" || name == "div" {
                    // The item's own text, however it is wrapped.
                    children(node)
                    pending += " "
                } else if HTMLFormat.blockElements.contains(name) {
                    nested.append(node)
                } else {
                    read(node)
                }
                child = node.pointee.next
            }
            let text = HTMLFormat.collapsed(pending)
            pending = ""
            if !text.isEmpty { add(marker + text) }
            for node in nested { read(node) }
        }

        mutating func children(_ node: UnsafeMutablePointer<xmlNode>) {
            var child = node.pointee.children
            while let current = child {
                read(current)
                child = current.pointee.next
            }
        }

        mutating func flush() {
            let text = HTMLFormat.collapsed(pending)
            pending = ""
            add(text)
        }

        mutating func add(_ text: String) {
            if !text.isEmpty { blocks.append(Block(section: sections.name, text: text)) }
        }
    }

    static func name(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

    static func attribute(_ node: UnsafeMutablePointer<xmlNode>, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    static func content(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        node.pointee.content.map { String(cString: $0) } ?? ""
    }

    /// All the text under a node but what `dropped` leaves out.
    static func text(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        var text = ""
        func collect(_ parent: UnsafeMutablePointer<xmlNode>) {
            var child = parent.pointee.children
            while let node = child {
                switch node.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += content(node)
                case XML_ELEMENT_NODE where !dropped.contains(name(node)):
                    if name(node) == "br" { text += "\n" } else if name(node) == "img" { text += " " + (attribute(node, "alt") ?? "") + " " }
                    else { collect(node) }
                default: break
                }
                child = node.pointee.next
            }
        }
        collect(node)
        return text
    }

    /// White space as a browser shows it: any run (a no-break space too) is one space, none at
    /// the ends. Over UTF-8 bytes: splitting Characters took half of reading a page.
    static func collapsed(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let width = byte == 0x20 || (0x09...0x0D).contains(byte) ? 1
                    : byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] == 0xA0 ? 2 : 0
                if width > 0 {
                    pendingSpace = !out.isEmpty
                    index += width
                    continue
                }
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A table as rows of `| cell | cell |`, one a line, in document order (a `<thead>`'s
    /// rows come first, as written).
    static func table(_ node: UnsafeMutablePointer<xmlNode>) -> String {
        var rows: [String] = []
        func collect(_ parent: UnsafeMutablePointer<xmlNode>) {
            var child = parent.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    switch name(current) {
                    case "tr":
                        var cells: [String] = []
                        var cell = current.pointee.children
                        while let entry = cell {
                            if entry.pointee.type == XML_ELEMENT_NODE, ["td", "th"].contains(name(entry)) {
                                cells.append(collapsed(text(entry)))
                            }
                            cell = entry.pointee.next
                        }
                        if !cells.isEmpty { rows.append(TableLine.row(cells)) }
                    case "thead", "tbody", "tfoot":
                        collect(current)
                    default:
                        break
                    }
                }
                child = current.pointee.next
            }
        }
        collect(node)
        return rows.joined(separator: "\n")
    }
}
