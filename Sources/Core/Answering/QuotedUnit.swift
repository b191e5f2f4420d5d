import Foundation

/// A piece of a passage that can be quoted on its own: a sentence; a list item with the line
/// that announces it (“Do not take VIAGRA if you: take medicines called nitrates…”); an
/// announcing line with all its items (“Stop use and ask a doctor if: …; …”); a table row under
/// its header row. An item or a row quoted without its frame can say the opposite of what the
/// document says.
public struct QuotedUnit: Sendable {
    /// What is quoted, frame included.
    public let text: String
    /// The words that must match the question: the sentence, item or row itself, or for a
    /// whole list, the announcing line and every item.
    public let body: Substring
    public let hit: PassageHit
    /// The line that announces the unit's list, when it has one: it files the items as a
    /// heading would (“Stop use and ask a doctor if”).
    public var frame: Substring?
    /// Its place among its passage's units: on equal merit the earlier states it (a boxed
    /// warning's first line is its headline).
    public var position = 0

    /// The units of a passage, in reading order. A list or table at the start of a passage
    /// takes its section heading as the frame; a question in the text (an FAQ's heading) is
    /// no unit, since it states nothing.
    public static func units(of hit: PassageHit, splitter: SentenceSplitter, maximumItems: Int = 12) -> [QuotedUnit] {
        var units: [QuotedUnit] = []
        let lines = paragraphs(hit.passage.text)
        // A heading frames what follows it only when it is a label; a heading that is a whole
        // sentence or more (a fact sheet's “This EUA is for the use of…”) states facts of its
        // own, which a quote's citation would not show.
        let heading = hit.passage.section.map { unnumbered(String($0.components(separatedBy: SectionPath.separator).last ?? $0)) }
            .flatMap { $0.split(separator: " ").count <= Self.longestFrame ? $0 : nil }
        var leadIn: Substring? = heading
        var tableHeader: Substring?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("|") {
                if tableHeader == nil { tableHeader = line } else if !isRule(line) {
                    // A row is read under its header and its table's heading: “Body weight: 3.5 kg
                    // to less than 40 kg; Loading dose (on Day 1): 5 mg/kg; …”.
                    let row = Self.row(line, under: tableHeader!)
                    units.append(QuotedUnit(text: (heading.map(framed) ?? "") + row, body: Substring(row), hit: hit))
                }
                index += 1
                continue
            }
            tableHeader = nil
            if ListLine.isItem(line) {
                let items = lines[index...].prefix(while: ListLine.isItem).map(ListLine.content)
                let frame = leadIn.map(framed) ?? ""
                for item in items {
                    let sentences = splitter.sentences(in: String(item))
                    // An item of three sentences or more is a paragraph: its sentences stand alone.
                    if sentences.count > 2 {
                        units += sentences.map { QuotedUnit(text: String($0), body: $0, hit: hit) }
                    } else {
                        units.append(QuotedUnit(text: frame + item, body: item, hit: hit, frame: leadIn))
                    }
                }
                if let leadIn, items.count > 1 {
                    let shown = items.prefix(maximumItems).joined(separator: "; ")
                    let whole = framed(leadIn) + shown + (items.count > maximumItems ? "; …" : "")
                    units.append(QuotedUnit(text: whole, body: Substring(whole), hit: hit, frame: leadIn))
                }
                index += items.count
                continue
            }
            let sentences = splitter.sentences(in: String(line))
            let announces = lines.dropFirst(index + 1).first.map(ListLine.isItem) == true
            for (number, sentence) in sentences.enumerated() where !sentence.hasSuffix("?") {
                // A line announcing a list is quoted with its items (above), never alone.
                if announces && number == sentences.count - 1 { continue }
                // A sentence that points back (“It is an inhibitor of…”, “Therefore, these
                // preparations…”) is quoted after the sentence it points to.
                let text = number > 0 && Self.pointsBack(sentence) ? sentences[number - 1] + " " + sentence : String(sentence)
                units.append(QuotedUnit(text: text, body: sentence, hit: hit))
            }
            leadIn = sentences.last ?? line
            index += 1
        }
        for position in units.indices { units[position].position = position }
        return units
    }

    /// Whether a sentence opens with a word that refers to the one before it.
    static func pointsBack(_ sentence: Substring) -> Bool {
        let first = sentence.prefix { $0.isLetter }.lowercased()
        return backReferences.contains(first)
    }

    private static let backReferences: Set<String> = ["it", "its", "they", "this", "these", "that", "those", "such", "therefore",
                                                      "thus", "hence", "however", "consequently", "otherwise"]

    /// The most words a heading may have to frame a quote.
    static let longestFrame = 12

    /// The passage's lines with hard-wrapped paragraphs joined: a line that ends mid-sentence
    /// and is followed by one starting in lower case is the same sentence (“…capsules, tablets
    /// or” / “oral suspension were diarrhea…”).
    static func paragraphs(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        for line in text.split(separator: "\n") {
            if let last = lines.last, !last.hasPrefix("|"), !line.hasPrefix("|"), !ListLine.isItem(line),
               let end = last.last, !".!?:;".contains(end), line.first?.isLowercase == true {
                lines[lines.count - 1] = Substring(last + " " + line)
            } else {
                lines.append(line)
            }
        }
        return lines
    }

    private static func framed(_ leadIn: Substring) -> String {
        let trimmed = leadIn.trimmingCharacters(in: .whitespaces)
        return trimmed.last.map { ":;,—-".contains($0) } == true ? trimmed + " " : trimmed + ": "
    }

    /// A heading without its numbering (“2.6 Missed Dose”, “Table 3: Drugs that…”): the
    /// numbers place it in the document and state nothing.
    static func unnumbered(_ heading: String) -> Substring {
        var rest = Substring(heading)
        if rest.lowercased().hasPrefix("table ") { rest = rest.dropFirst(6) }
        let number = rest.prefix { $0.isNumber || $0 == "." }
        guard !number.isEmpty else { return Substring(heading) }
        let after = rest.dropFirst(number.count).drop { $0 == ":" || $0 == " " }
        return after.isEmpty ? Substring(heading) : after
    }

    /// A table row as “header: cell” pairs; empty cells are left out.
    static func row(_ line: Substring, under header: Substring) -> String {
        func cells(_ line: Substring) -> [String] {
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let names = cells(header)
        return cells(line).enumerated().compactMap { column, cell in
            guard !cell.isEmpty else { return nil }
            let name = column < names.count ? names[column] : ""
            return name.isEmpty ? cell : "\(name): \(cell)"
        }.joined(separator: "; ")
    }

    private static func isRule(_ line: Substring) -> Bool {
        line.allSatisfy { "|-: ".contains($0) }
    }
}
