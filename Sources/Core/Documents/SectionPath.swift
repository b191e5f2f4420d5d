/// The headings open at a point of a document, which name the section of what follows: a
/// heading under the headings that enclose it (“Warnings › Do not use”, “10 OVERDOSAGE › 10.1
/// Signs and Symptoms”), so that what a passage states is filed under all of them. Markdown and
/// HTML documents share it.
struct SectionPath {
    private var open: [(level: Int, numbering: [Substring], heading: String)] = []
    /// The section of what follows, nil before any heading.
    private(set) var name: String?

    static let separator = " › "

    mutating func enter(level: Int, heading: String) {
        let numbering = Self.numbering(heading)
        open.removeAll { !Self.encloses($0, level: level, numbering: numbering) }
        open.append((level, numbering, heading))
        name = open.map(\.heading).joined(separator: Self.separator)
    }

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
}
