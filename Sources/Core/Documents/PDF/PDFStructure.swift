import Foundation

/// A document from a PDF's layout: what Markdown and HTML mark up, a PDF only shows, so it is
/// read off the page. Running headers and footers (a line in a page's top or bottom margin
/// that recurs on most pages, digits aside, or a bare page number) go. Headings are the lines
/// the PDF's outline names on their page (at the outline's depth), lines set larger than the
/// body's type (a larger size a higher level), and, at the lowest level, short lines in bold
/// and a block's first line numbered like a label's section ("2.4 Monitoring") or in capitals.
/// Bullets and numbers start list items, also where the PDF sets them apart from their text.
/// Blocks side by side are a table (`tableRun`), read back into rows. A word cut at a line's
/// end is joined, and a paragraph that runs on to the next page is one block. Every block
/// keeps the page it starts on.
struct PDFStructure {
    let layout: PDFLayout
    var marks = PDFMarks()

    func document(path: String) -> Document? {
        let body = bodySize
        var reader = Reader(headingSizes: headingSizes(above: body), bodySize: body, marks: marks)
        let running = runningLines()
        for var page in layout.pages {
            reader.start(page: page.number)
            let margins = page
            // A running header repeats the title in small type; the title itself stays.
            for index in page.blocks.indices {
                page.blocks[index].lines.removeAll {
                    Self.inMargin($0, of: margins) && !Self.isLarger($0.size, than: body) && running.contains(Self.runningKey($0.text))
                }
            }
            page.blocks.removeAll { $0.lines.isEmpty }
            let textWidth = (page.blocks.map(\.box.xMax).max() ?? 0) - (page.blocks.map(\.box.xMin).min() ?? 0)
            var index = 0
            while index < page.blocks.count {
                if let table = Self.tableRun(in: page.blocks, from: index, textWidth: textWidth) {
                    reader.table(table.rows)
                    index = table.blocks.upperBound
                    continue
                }
                reader.read(page.blocks[index])
                index += 1
            }
        }
        let title = reader.title ?? usableMetadataTitle ?? reader.firstHeading
        guard !reader.blocks.isEmpty || title != nil else { return nil }
        return Document(id: path, title: title ?? PDFFormat.fallbackTitle(for: path), path: path, blocks: reader.blocks,
                        pages: layout.pages.count)
    }

    // MARK: Sizes

    /// The type size of most of the text, by characters, to half a point.
    var bodySize: Double {
        var counts: [Int: Int] = [:]
        for page in layout.pages {
            for block in page.blocks {
                for line in block.lines { counts[Self.halfPoints(line.size), default: 0] += line.text.count }
            }
        }
        return Double(counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? 0) / 2
    }

    /// The sizes of heading lines, largest first: a heading's level is its size's place here.
    func headingSizes(above body: Double) -> [Int] {
        var sizes = Set<Int>()
        for page in layout.pages {
            for block in page.blocks {
                for line in block.lines where Self.isLarger(line.size, than: body) { sizes.insert(Self.halfPoints(line.size)) }
            }
        }
        return sizes.sorted(by: >)
    }

    static func halfPoints(_ size: Double) -> Int { Int((size * 2).rounded()) }

    /// An eighth larger, as headings are set; less is a font's own variation.
    static func isLarger(_ size: Double, than body: Double) -> Bool { size >= body * 1.12 && size > body + 0.9 }

    // MARK: Running headers and footers

    /// What recurs in the margins: the keys of lines in the top or bottom tenth of at least half
    /// the pages (two at least), and every bare page number.
    func runningLines() -> Set<String> {
        var pagesWith: [String: Int] = [:]
        for page in layout.pages {
            var seen = Set<String>()
            for block in page.blocks {
                for line in block.lines where Self.inMargin(line, of: page) { seen.insert(Self.runningKey(line.text)) }
            }
            for key in seen { pagesWith[key, default: 0] += 1 }
        }
        let needed = max(2, (layout.pages.count + 1) / 2)
        return Set(pagesWith.filter { $0.value >= needed || Self.isPageNumber($0.key) }.keys)
    }

    static func inMargin(_ line: PDFLayout.Line, of page: PDFLayout.Page) -> Bool {
        guard page.height > 0 else { return false }
        return line.box.yMax <= page.height * 0.1 || line.box.yMin >= page.height * 0.9
    }

    /// A line with its numbers made alike: “Page 3 of 12” and “Page 4 of 12” are one footer.
    static func runningKey(_ text: String) -> String {
        var key = ""
        for character in text.lowercased() where !(character.isASCII && character.isNumber && key.last == "#") {
            key.append(character.isASCII && character.isNumber ? "#" : character)
        }
        return key
    }

    static func isPageNumber(_ key: String) -> Bool {
        key.wholeMatch(of: /(page )?#( (of|\/) #)?|- ?# ?-|#\/#/) != nil
    }

    // MARK: Tables

    /// The blocks from `start` that make a table. It starts with two blocks side by side, the
    /// first narrow (under two fifths of the text's width, so that columns of prose never are
    /// one), and goes on while a block is beside one of the run or right under one (the next
    /// row's cell, less than a line below). A wide block may join beside a narrow one (a column
    /// of long cells, as a drug table's examples), but then the first row must read as a
    /// header: every column filled, five words or fewer each, which a heading set in the margin
    /// beside its text is not. Gives the run's blocks and their rows.
    static func tableRun(in blocks: [PDFLayout.Block], from start: Int, textWidth: Double) -> (blocks: Range<Int>, rows: [[String]])? {
        guard start + 1 < blocks.count else { return nil }
        // A column of bullets set apart from its items is a list's, not a table's.
        let narrow = { (block: PDFLayout.Block) in
            block.box.width < textWidth * 0.4 && !block.lines.allSatisfy { Reader.marker(alone: $0.text) != nil }
        }
        let beside = { (one: PDFLayout.Block, other: PDFLayout.Block) in
            one.box.overlapsVertically(other.box) && !one.box.overlapsHorizontally(other.box)
        }
        let under = { (above: PDFLayout.Block, block: PDFLayout.Block) in
            above.box.overlapsHorizontally(block.box) && block.box.yMin >= above.box.yMax - 1
                && block.box.yMin - above.box.yMax < (block.lines.first?.box.height ?? 0)
        }
        guard narrow(blocks[start]), beside(blocks[start], blocks[start + 1]) else { return nil }
        var end = start + 1, wide = false
        while end < blocks.count {
            let block = blocks[end], run = blocks[start..<end]
            guard run.contains(where: { beside($0, block) || under($0, block) }) else { break }
            if !narrow(block) {
                guard run.contains(where: { narrow($0) && beside($0, block) }) else { break }
                wide = true
            }
            end += 1
        }
        guard end - start >= 2 else { return nil }
        let rows = Self.rows(of: Array(blocks[start..<end]))
        if wide {
            guard let header = rows.first, header.allSatisfy({ !$0.isEmpty && $0.split(separator: " ").count <= 5 }) else { return nil }
        }
        return (start..<end, rows)
    }

    /// A table's cells read back into rows: columns are the blocks' spans across the page, rows
    /// the lines level with each other. A row with nothing in the first column continues the
    /// one before (a cell of several lines).
    static func rows(of blocks: [PDFLayout.Block]) -> [[String]] {
        var columns: [(xMin: Double, xMax: Double)] = []
        for block in blocks.sorted(by: { $0.box.xMin < $1.box.xMin }) {
            if let last = columns.last, block.box.xMin < last.xMax {
                columns[columns.count - 1].xMax = max(last.xMax, block.box.xMax)
            } else {
                columns.append((block.box.xMin, block.box.xMax))
            }
        }
        let lines = blocks.flatMap(\.lines).sorted { $0.box.yMin < $1.box.yMin || ($0.box.yMin == $1.box.yMin && $0.box.xMin < $1.box.xMin) }
        var rows: [[String]] = []
        var band: PDFLayout.Box?
        var cells: [String] = []
        func close() {
            guard band != nil else { return }
            if cells[0].isEmpty, !rows.isEmpty {
                for (column, text) in cells.enumerated() where !text.isEmpty {
                    rows[rows.count - 1][column] = Reader.joined([rows[rows.count - 1][column], text].filter { !$0.isEmpty })
                }
            } else {
                rows.append(cells)
            }
        }
        for line in lines {
            if band == nil || !(band!.yMin < line.box.yMax && line.box.yMin < band!.yMax - 1) {
                close()
                band = line.box
                cells = Array(repeating: "", count: columns.count)
            } else {
                band!.yMax = max(band!.yMax, line.box.yMax)
            }
            let column = columns.lastIndex { $0.xMin <= line.box.xMin + 1 } ?? 0
            cells[column] = Reader.joined([cells[column], line.text].filter { !$0.isEmpty })
        }
        close()
        return rows
    }

    // MARK: Title

    /// The document information's title, unless it is a file name or a tool's placeholder.
    var usableMetadataTitle: String? {
        guard let title = layout.title, title.contains(where: \.isLetter),
              title.wholeMatch(of: /(?i).*\.(docx?|pdf|indd|rtf|odt|qxp|txt)|microsoft word.*|untitled.*/) == nil else { return nil }
        return title
    }
}

/// The walk over a PDF's blocks in reading order: open headings, the blocks so far, list
/// markers waiting for their text.
private struct Reader {
    let headingSizes: [Int]
    let bodySize: Double
    let marks: PDFMarks
    /// The level of headings known only by being bold or numbered: below every other.
    var lowestLevel: Int { max(headingSizes.count, marks.deepestOutline) + 1 }
    var title: String?
    var firstHeading: String?
    var sections = SectionPath()
    var blocks: [Block] = []
    var page = 1
    /// Bullets or numbers set apart from their text, in a block of their own before it.
    var markers: [(box: PDFLayout.Box, marker: String)] = []
    /// Whether the last block is a paragraph a next page may continue.
    var openParagraph = false
    var firstOnPage = true

    init(headingSizes: [Int], bodySize: Double, marks: PDFMarks) {
        self.headingSizes = headingSizes
        self.bodySize = bodySize
        self.marks = marks
    }

    mutating func start(page number: Int) {
        page = number
        markers.removeAll()
        firstOnPage = true
    }

    mutating func table(_ rows: [[String]]) {
        let kept = rows.filter { $0.contains { !$0.isEmpty } }
        guard !kept.isEmpty else { return }
        add(kept.map(TableLine.row).joined(separator: "\n"), paragraph: false)
    }

    mutating func read(_ block: PDFLayout.Block) {
        guard !block.lines.isEmpty else { return }
        if block.lines.allSatisfy({ Self.marker(alone: $0.text) != nil }) {
            markers += block.lines.map { ($0.box, Self.marker(alone: $0.text)!) }
            return
        }
        // A heading set in the same block as its text is still one.
        let lines = block.lines
        var start = 0
        while start < lines.count {
            if let (count, level) = heading(in: lines, at: start) {
                heading(level: level, lines[start..<start + count].map(\.text).joined(separator: " "))
                start += count
                continue
            }
            var end = start + 1
            while end < lines.count, heading(in: lines, at: end) == nil { end += 1 }
            body(lines[start..<end])
            start = end
        }
    }

    /// How many lines from `start` make a heading, and its level; nil for body text.
    private func heading(in lines: [PDFLayout.Line], at start: Int) -> (count: Int, level: Int)? {
        for count in 1...min(3, lines.count - start) {
            let text = lines[start..<start + count].map(\.text).joined(separator: " ")
            if let depth = marks.outlineDepth(of: text, page: page) { return (count, depth) }
        }
        let size = PDFStructure.halfPoints(lines[start].size)
        if PDFStructure.isLarger(lines[start].size, than: bodySize) {
            guard start == 0 || PDFStructure.halfPoints(lines[start - 1].size) != size else { return nil }
            // Lines of one larger size together, unless too many to be a heading.
            var end = start + 1
            while end < lines.count, PDFStructure.halfPoints(lines[end].size) == size { end += 1 }
            let words = lines[start..<end].reduce(0) { $0 + $1.words.count }
            if end - start <= 3, words <= 25 { return (end - start, (headingSizes.firstIndex(of: size) ?? headingSizes.count) + 1) }
            return nil
        }
        if lines[start].words.count <= 12, marks.isBold(lines[start].text, page: page), lines[start].text.contains(where: \.isLetter) {
            return (1, lowestLevel)
        }
        // A first line that fills the block's width runs on into a paragraph.
        let width = lines.map(\.box.width).max() ?? 0
        if start == 0, lines.count == 1 || lines[0].box.width < width * 0.7, Self.isBodyHeading(lines[start].text) {
            return (1, lowestLevel)
        }
        return nil
    }

    /// Body lines as paragraphs and list items.
    private mutating func body(_ lines: ArraySlice<PDFLayout.Line>) {
        var item: [String] = []
        var startsItem = false
        func flush() {
            guard !item.isEmpty else { return }
            add(Self.joined(item), paragraph: !startsItem)
            item.removeAll()
        }
        for line in lines {
            var text = line.text
            var marked = false
            if let index = markers.firstIndex(where: { $0.box.overlapsVertically(line.box) && $0.box.xMax <= line.box.xMin + 2 }) {
                text = markers[index].marker + text
                markers.remove(at: index)
                marked = true
            } else if let (marker, rest, dash) = Self.marker(leading: text), !dash || item.isEmpty || startsItem {
                // A dash opens an item only where a list can be: a wrapped line may start with one.
                text = marker + rest
                marked = true
            }
            if marked {
                flush()
                startsItem = true
            } else if item.isEmpty {
                startsItem = false
            }
            item.append(text)
        }
        flush()
    }

    private mutating func heading(level: Int, _ text: String) {
        openParagraph = false
        firstOnPage = false
        if level == 1, title == nil, blocks.isEmpty {
            title = text
            return
        }
        firstHeading = firstHeading ?? text
        sections.enter(level: level, heading: text)
    }

    private mutating func add(_ text: String, paragraph: Bool) {
        defer { firstOnPage = false }
        guard !text.isEmpty else { return }
        // A paragraph cut by a page break: the page ended mid-sentence and this one starts in
        // lower case.
        if paragraph, firstOnPage, openParagraph, let first = text.first, first.isLowercase, var last = blocks.last {
            last.text = Self.joined([last.text, text])
            last.lastPage = page
            blocks[blocks.count - 1] = last
            return
        }
        blocks.append(Block(section: sections.name, text: text, page: page))
        openParagraph = paragraph && !".:;!?)".contains(text.last!)
    }

    /// Lines as one text: a word hyphenated across a line's end is whole again (“medi-” “cine”),
    /// and a compound cut at its hyphen keeps it (“Anti-” “Inflammatory”).
    static func joined(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            if text.hasSuffix("-"), text.dropLast().last?.isLetter == true, let first = line.first, first.isLetter {
                if first.isLowercase { text.removeLast() }
                text += line
            } else {
                text += text.isEmpty ? line : " " + line
            }
        }
        return text
    }

    static let bullets: Set<Character> = ["•", "◦", "▪", "▫", "‣", "⁃", "●", "○", "■", "□", "·", "∙", "–", "—", "-", "*", "\u{F0B7}", "➢", "✓", "✔"]

    /// A line that is only a bullet or an item's number, as a list's marker.
    static func marker(alone text: String) -> String? {
        guard text.utf8.count <= 4 else { return nil }
        if text.count == 1, let character = text.first, bullets.contains(character) { return ListLine.bullet }
        if let match = text.wholeMatch(of: /([0-9]{1,3})[.)]/) { return "\(match.1). " }
        return nil
    }

    /// A line that starts with a bullet or number and a space: the marker as a passage writes
    /// it, and the rest.
    /// `dash`: the marker is a dash or hyphen, which prose also starts a line with.
    static func marker(leading text: String) -> (marker: String, rest: String, dash: Bool)? {
        guard let first = text.first else { return nil }
        if bullets.contains(first), text.dropFirst().first == " " {
            return (ListLine.bullet, String(text.dropFirst(2)), "–—-*".contains(first))
        }
        // Hand-matched: a regular expression here was a tenth of reading a PDF.
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count) else { return nil }
        let rest = text[digits.endIndex...]
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " ",
              rest.dropFirst(2).first?.isLetter == true else { return nil }
        return ("\(digits). ", String(rest.dropFirst(2)), false)
    }

    /// “2.4 Monitoring to Achieve Optimal Anticoagulation”, “WARNINGS AND PRECAUTIONS”: a
    /// label's section set in body type. Short, with no sentence's end.
    static func isBodyHeading(_ text: String) -> Bool {
        guard let last = text.last, !".,;:".contains(last) else { return false }
        let words = text.split(separator: " ")
        guard words.count <= 12 else { return false }
        if text.prefixMatch(of: /[0-9]{1,2}(\.[0-9]{1,2})+\.? \p{Lu}/) != nil { return true }
        let letters = text.filter(\.isLetter)
        return letters.count >= 4 && letters.allSatisfy(\.isUppercase) && text.prefixMatch(of: #/[0-9]{1,2}\.? /#) != nil
            || letters.count >= 8 && letters.allSatisfy(\.isUppercase) && words.count >= 2
    }
}
