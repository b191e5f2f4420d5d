/// The group a clinical statement is for (“For patients with AF and prosthetic heart valves,
/// …”, “In patients with non-valvular AF, …”). A statement for a narrower group than the
/// question asks about is the wrong fact for it, however well its other words match: each of
/// the qualifier's words the question does not use is a sign of that.
///
/// Only statements of a fact (a dose, a target, a duration) are read this way. For who should
/// not take a drug, or what to watch for, the group is the answer itself.
enum Qualifier {
    static let clause = Pattern(
        #"\b(?:in|for|among)\s+(?:adult\s+|pediatric\s+|elderly\s+)?(?:patients|people|persons|individuals|adults|children|women|men|those|subjects)\s+(?:with|who|receiving|taking|undergoing|having)\b([^,;:.()]*)"#,
        triggers: ["patients", "people", "persons", "individuals", "adults", "children", "women", "men", "those", "subjects"])

    static let groupWords = 5

    /// How many of the words qualifying `unit`'s group the question leaves out: rare enough to
    /// name something (not “are”, “have”), and not figures, which `Population` reads.
    static func unaskedWords(in unit: Substring, question: Set<String>, analyzer: Analyzer,
                             abbreviations: [String: [String]]) -> Int {
        let groups = clause.captures(in: unit)
        guard !groups.isEmpty else { return 0 }
        var unasked = Set<String>()
        for group in groups {
            // The group is named in its first words; what follows may be the statement itself.
            let named = group.split(separator: " ").prefix(Self.groupWords).joined(separator: " ")
            for token in analyzer.tokens(named) where !token.term.allSatisfy(\.isNumber) && !token.catenated {
                if question.contains(token.term) { continue }
                if let long = abbreviations[token.term], long.allSatisfy(question.contains) { continue }
                if (WordFrequencies.shared?.zipf(named[token.range].lowercased()) ?? 0) >= WordFrequencies.frequent { continue }
                unasked.insert(token.term)
            }
        }
        return unasked.count
    }
}
