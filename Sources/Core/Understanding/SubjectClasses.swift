import Foundation

/// The classes a subject's own documents put it in (“Warfarin sodium is a vitamin K
/// antagonist”, “warfarin sodium, an anticoagulant that…”, “This product contains an NSAID”),
/// so an interaction is found where one label names the other drug's class rather than the
/// drug: amoxicillin's label warns about “oral anticoagulants”, never about warfarin.
///
/// Only a class's head word counts (“antagonist”, “anticoagulant”, “antibiotic”), and not an
/// everyday one (“drug”, “product”), which would name every medicine.
enum SubjectClasses {
    /// The analysed head words of the classes `subject`'s documents state.
    static func terms(of subject: Subjects.Subject, retriever: Retriever) -> Set<String> {
        let names = subject.words.map { NSRegularExpression.escapedPattern(for: $0.lowercased()) }.joined(separator: "|")
        guard !names.isEmpty, let statement = try? NSRegularExpression(pattern: #"\b(?:"# + names + #")(?:[ \t]+[\w-]+){0,3}?(?:[ \t]+(?:is|are)|,)[ \t]+an?[ \t]+((?:[\w-]+[ \t]+){0,2}?[\w-]+)(?=[ \t]+(?:that|which|indicated|used|with|for|and|who|to|in|of|drug|agent|medicine|product)\b|[ \t]*[,.;(]|$)|\bthis product contains an?[ \t]+([\w-]+)"#, options: [.anchorsMatchLines]) else { return [] }
        var heads = Set<String>()
        for document in subject.documents {
            for id in retriever.knowledge.passages(ofDocument: document) {
                let text = retriever.knowledge.passages[id].text.lowercased()
                for match in statement.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    for group in 1...2 {
                        guard let range = Range(match.range(at: group), in: text),
                              let head = text[range].split(separator: " ").last.map(String.init),
                              (WordFrequencies.shared?.zipf(head) ?? 0) < WordFrequencies.everyday else { continue }
                        heads.formUnion(retriever.analyzer.terms(head))
                    }
                }
            }
        }
        return heads.subtracting(subject.terms)
    }
}
