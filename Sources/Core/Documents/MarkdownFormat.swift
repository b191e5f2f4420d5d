import CCmarkGFM
import Foundation

/// Markdown, read by GitHub's CommonMark parser (cmark-gfm, with its table extension): the
/// first top-level heading is the title, later headings (ATX `#` or setext underlines) name
/// sections, each paragraph and each list item is a block of its own, and a table is one block
/// of rows, its header first, so that a row can be quoted under its header. Inline markup goes
/// (emphasis, code ticks, link targets; an image leaves its alt text), and so do HTML blocks
/// and inline HTML; a code block stays as its text.
public struct MarkdownFormat: TextFormat {
    public let name = "markdown"
    public let extensions: Set<String> = ["md", "markdown"]

    public init() {}

    public func documents(in text: String, path: String) throws -> [Document] {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough"] {
            if let extensionHandle = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, extensionHandle) }
        }
        var source = text
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        guard let root = cmark_parser_finish(parser) else { return [] }
        defer { cmark_node_free(root) }
        var reader = Reader()
        reader.read(children: root)
        guard !reader.blocks.isEmpty || reader.title != nil else { return [] }
        return [Document(id: path, title: reader.title ?? Self.fallbackTitle(for: path), path: path, blocks: reader.blocks)]
    }

    /// The walk over a parsed document: the title, the open headings, the blocks so far.
    private struct Reader {
        var title: String?
        var sections = SectionPath()
        var blocks: [Block] = []

        mutating func read(children parent: OpaquePointer) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                read(node)
                child = cmark_node_next(node)
            }
        }

        mutating func read(_ node: OpaquePointer) {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                heading(level: Int(cmark_node_get_heading_level(node)), MarkdownFormat.inlineText(node))
            case CMARK_NODE_PARAGRAPH:
                add(MarkdownFormat.inlineText(node))
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                var number = Int(cmark_node_get_list_start(node))
                var item = cmark_node_first_child(node)
                while let entry = item {
                    list(item: entry, marker: ordered ? "\(number). " : ListLine.bullet)
                    number += 1
                    item = cmark_node_next(entry)
                }
            case CMARK_NODE_CODE_BLOCK:
                add(MarkdownFormat.literal(node).trimmingCharacters(in: .whitespacesAndNewlines))
            case CMARK_NODE_BLOCK_QUOTE:
                read(children: node)
            default:
                if String(cString: cmark_node_get_type_string(node)) == "table" { add(MarkdownFormat.table(node)) }
            }
        }

        /// An item's first paragraph with its marker, as a passage writes it (`ListLine`);
        /// what follows in the item (more paragraphs, a nested list) comes after it in turn.
        mutating func list(item: OpaquePointer, marker: String) {
            var child = cmark_node_first_child(item)
            var first = true
            while let node = child {
                if first, cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                    add(marker + MarkdownFormat.inlineText(node))
                } else {
                    read(node)
                }
                first = false
                child = cmark_node_next(node)
            }
        }

        mutating func heading(level: Int, _ text: String) {
            guard !text.isEmpty else { return }
            if level == 1 && title == nil && blocks.isEmpty {
                title = text
                return
            }
            sections.enter(level: level, heading: text)
        }

        mutating func add(_ text: String) {
            if !text.isEmpty { blocks.append(Block(section: sections.name, text: text)) }
        }
    }

    /// A node's text without its markup: soft and hard line breaks are spaces, inline HTML goes.
    static func inlineText(_ node: OpaquePointer) -> String {
        var text = ""
        func collect(_ parent: OpaquePointer) {
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += literal(node)
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
                case CMARK_NODE_HTML_INLINE: break
                default: collect(node)
                }
                child = cmark_node_next(node)
            }
        }
        collect(node)
        return text.trimmingSpaces()
    }

    static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// A table as rows of `| cell | cell |`, one a line, its header row first.
    static func table(_ node: OpaquePointer) -> String {
        var rows: [String] = []
        var row = cmark_node_first_child(node)
        while let current = row {
            var cells: [String] = []
            var cell = cmark_node_first_child(current)
            while let entry = cell {
                cells.append(inlineText(entry))
                cell = cmark_node_next(entry)
            }
            rows.append(TableLine.row(cells))
            row = cmark_node_next(current)
        }
        return rows.joined(separator: "\n")
    }
}
