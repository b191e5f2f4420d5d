import Foundation

/// Abbreviations a document defines (“atrial fibrillation (AF)”), so a statement that writes
/// “AF” speaks to a question that says “atrial fibrillation”, and the other way round. Labels
/// define a term once and abbreviate it everywhere after; without this, the sentence that
/// answers loses to a neighbour that happens to spell the term out.
///
/// Definitions are found as Schwartz and Hearst do (“A simple algorithm for identifying
/// abbreviation definitions in biomedical text”, 2003): a short form in parentheses, and the
/// shortest run of words before it in which the short form's letters appear in order, the first
/// starting a word. No library does this for Swift; it is a few lines.
public final class Abbreviations {
    /// Per document: each short form's term and the terms of its long form.
    private var defined: [Int: [String: [String]]] = [:]

    public init() {}

    /// The abbreviations `documents` define, read once per document.
    func defined(in documents: some Sequence<Int>, retriever: Retriever) -> [String: [String]] {
        var all: [String: [String]] = [:]
        // In document order, so which of two definitions of one short form wins is the same
        // on every run.
        for document in Set(documents).sorted() {
            if defined[document] == nil {
                var found: [String: [String]] = [:]
                for id in retriever.knowledge.passages(ofDocument: document) {
                    for (short, long) in Self.definitions(in: retriever.knowledge.passages[id].text) {
                        let shortTerms = retriever.analyzer.terms(short), longTerms = retriever.analyzer.terms(long)
                        guard shortTerms.count == 1, longTerms.count > 1 else { continue }
                        found[shortTerms[0]] = longTerms
                    }
                }
                defined[document] = found
            }
            all.merge(defined[document]!) { first, _ in first }
        }
        return all
    }

    /// A unit's terms with what its abbreviations stand for, and the abbreviation of each long
    /// form it spells out.
    static func expanding(_ terms: Set<String>, with abbreviations: [String: [String]]) -> Set<String> {
        var expanded = terms
        for (short, long) in abbreviations {
            if terms.contains(short) { expanded.formUnion(long) } else if long.allSatisfy(terms.contains) { expanded.insert(short) }
        }
        return expanded
    }

    /// Each “long form (SHORT)” in `text`. Brackets are found in the UTF-8 bytes: most
    /// passages have few, and every passage of the documents read is scanned.
    static func definitions(in text: String) -> [(short: String, long: String)] {
        let bytes = text.utf8
        var found: [(String, String)] = []
        var cursor = bytes.startIndex
        while let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "(")) {
            let inside = bytes.index(after: open)
            let limit = bytes.index(inside, offsetBy: 12, limitedBy: bytes.endIndex) ?? bytes.endIndex
            cursor = inside
            guard let close = bytes[inside..<limit].firstIndex(of: UInt8(ascii: ")")) else { continue }
            let short = Substring(bytes[inside..<close])
            guard isShortForm(short) else { continue }
            var before = bytes.index(open, offsetBy: -Self.longestLongForm, limitedBy: bytes.startIndex) ?? bytes.startIndex
            // Start on a character, not inside one.
            while before < open, bytes[before] & 0xC0 == 0x80 { before = bytes.index(after: before) }
            if let long = longForm(of: short, before: Substring(bytes[before..<open])) { found.append((String(short), long)) }
        }
        return found
    }

    /// How far back, in bytes, a long form is looked for.
    static let longestLongForm = 160

    /// Two to ten letters or digits, starting with a letter, with at least two capitals: “AF”,
    /// “INR”, “NSAIDs”.
    private static func isShortForm(_ text: Substring) -> Bool {
        (2...10).contains(text.count) && text.first?.isLetter == true
            && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            && text.filter(\.isUppercase).count >= 2
    }

    /// The shortest run of the words before a short form that spells it: its letters matched
    /// backwards, the first at a word's start. At most min(n + 5, 2n) words are tried.
    private static func longForm(of short: Substring, before text: Substring) -> String? {
        let letters = Array(short.lowercased().filter { $0.isLetter || $0.isNumber })
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(min(letters.count + 5, 2 * letters.count))
        guard !letters.isEmpty, !words.isEmpty else { return nil }
        let candidate = Array(words.joined(separator: " ").lowercased())
        var s = letters.count - 1, l = candidate.count - 1
        while s >= 0 {
            let wanted = letters[s]
            while l >= 0 && (candidate[l] != wanted || (s == 0 && l > 0 && (candidate[l - 1].isLetter || candidate[l - 1].isNumber))) {
                l -= 1
            }
            guard l >= 0 else { return nil }
            s -= 1
            l -= 1
        }
        return String(candidate[(l + 1)...]).trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
    }
}
