/// A pattern over a message's words (see `CrisisText`), the notation the crisis lexicon is
/// written in, so each rule reads as the phrase it stands for:
///
/// - `kill` a word; `suicid*` any word that begins so;
/// - `want/wish/hope` one of these words (or classes);
/// - `@self` any phrase of a named class (`CrisisLexicon.classes`), which may use this notation;
/// - `(to die|not wake up)` one of these phrases (a group stands alone, not inside `a/b`);
/// - `~4` up to four words of any kind, except a negation, a clause's end or a word that
///   changes what the words after it are about (`if`, `how`, `know`…): “i want to know if
///   you can die” is not “want … die”;
/// - `^` the start of a clause, `$` its end;
/// - a `?` after any of these makes it optional.
///
/// Written by hand: a regular expression cannot say “a word within one typing slip of this
/// one” or “a gap that does not cross a negation”, and ICU compiles hundreds of expressions
/// too slowly for a command that must answer in 30 ms.
struct WordPattern: Sendable {
    indirect enum Element: Sendable {
        case word(String)
        case prefix(String)
        case gap(Int)
        case end
        case start
        case choice([[Element]], optional: Bool)
    }

    let source: String
    let elements: [Element]
    /// The words and word starts a match can begin with, or nil when it can begin anywhere: a
    /// long message is only tried where a match could start.
    private let firstWords: Set<String>?
    private let firstPrefixes: [String]

    /// `classes` names the phrase lists `@name` refers to.
    init(_ source: String, classes: [String: [String]]) {
        self.init(source, classes: Classes(classes))
    }

    init(_ source: String, classes: Classes) {
        self.source = source
        elements = Self.parse(source, classes: classes)
        var words = Set<String>(), prefixes: [String] = []
        let start = Self.starts(elements[...], into: &words, &prefixes)
        firstWords = start == .bounded ? words : nil
        firstPrefixes = prefixes
    }

    private enum Start { case bounded, empty, anywhere }

    /// Adds the words and word starts `elements` can begin with: `.empty` when all of them are
    /// optional, `.anywhere` when a gap or clause mark comes first.
    private static func starts(_ elements: ArraySlice<Element>, into words: inout Set<String>,
                               _ prefixes: inout [String]) -> Start {
        for element in elements {
            switch element {
            case .word(let word):
                words.insert(word)
                return .bounded
            case .prefix(let prefix):
                prefixes.append(prefix)
                return .bounded
            case .gap, .end, .start:
                return .anywhere
            case .choice(let options, let optional):
                var canBeEmpty = optional
                for option in options {
                    switch starts(option[...], into: &words, &prefixes) {
                    case .anywhere: return .anywhere
                    case .empty: canBeEmpty = true
                    case .bounded: break
                    }
                }
                if !canBeEmpty { return .bounded }
            }
        }
        return .empty
    }

    /// Whether a match could start among `words` (a message's distinct words): most patterns
    /// cannot, and are not tried.
    func couldMatch(among words: Set<String>) -> Bool {
        guard let firstWords else { return true }
        return !firstWords.isDisjoint(with: words) || firstPrefixes.contains { prefix in words.contains { $0.hasPrefix(prefix) } }
    }

    private func canStart(with word: String) -> Bool {
        guard let firstWords else { return true }
        return firstWords.contains(word) || firstPrefixes.contains { word.hasPrefix($0) }
    }

    /// Named phrase lists, each parsed once however many patterns use it.
    /// Also collects every word and word start the patterns name, for `CrisisText.Vocabulary`.
    final class Classes {
        private let phrases: [String: [String]]
        private var parsed: [String: [[Element]]] = [:]
        private(set) var words = Set<String>()
        private(set) var prefixes = Set<String>()

        func atom(_ name: String) -> Element {
            if name.hasSuffix("*") {
                let prefix = String(name.dropLast())
                prefixes.insert(prefix)
                return .prefix(prefix)
            }
            words.insert(name)
            return .word(name)
        }

        init(_ phrases: [String: [String]]) {
            self.phrases = phrases
        }

        func options(_ name: String, in source: String) -> [[Element]] {
            if let done = parsed[name] { return done }
            guard let list = phrases[name] else { preconditionFailure("crisis lexicon: no class @\(name) in “\(source)”") }
            let options = list.map { WordPattern.parse($0, classes: self) }
            parsed[name] = options
            return options
        }
    }

    /// The notation is ASCII, so it is read as bytes: a detector parses a few thousand phrases
    /// at every start, and walking `Character`s would cost milliseconds.
    static func parse(_ source: String, classes: Classes) -> [Element] {
        let bytes = Array(source.utf8)
        return parse(bytes[...], classes: classes, in: source)
    }

    private static func parse(_ bytes: ArraySlice<UInt8>, classes: Classes, in source: String) -> [Element] {
        var elements: [Element] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == space {
                index += 1
                continue
            }
            var element: Element
            if bytes[index] == open {
                guard let close = closingParenthesis(bytes[index...]) else {
                    preconditionFailure("crisis lexicon: unbalanced parentheses in “\(source)”")
                }
                element = .choice(phrases(bytes[(index + 1)..<close]).map { parse($0, classes: classes, in: source) },
                                  optional: false)
                index = close + 1
            } else {
                var end = index
                while end < bytes.endIndex, bytes[end] != space, bytes[end] != open { end += 1 }
                element = word(bytes[index..<end], classes: classes, in: source)
                index = end
            }
            if index < bytes.endIndex, bytes[index] == question {
                element = optional(element)
                index += 1
            }
            elements.append(element)
        }
        return elements
    }

    private static let space = UInt8(ascii: " "), open = UInt8(ascii: "("), close = UInt8(ascii: ")"),
        bar = UInt8(ascii: "|"), slash = UInt8(ascii: "/"), question = UInt8(ascii: "?")

    private static func optional(_ element: Element) -> Element {
        if case .choice(let options, _) = element { return .choice(options, optional: true) }
        return .choice([[element]], optional: true)
    }

    /// `word`, `prefix*`, `@class`, `~N`, `$`, `^`, or words, classes, `$` and `^` joined by `/`;
    /// a `?` at its end makes it optional.
    private static func word(_ bytes: ArraySlice<UInt8>, classes: Classes, in source: String) -> Element {
        if bytes.count > 1, bytes.last == question { return optional(word(bytes.dropLast(), classes: classes, in: source)) }
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "$" { return .end }
        if text == "^" { return .start }
        if text.hasPrefix("~"), let span = Int(text.dropFirst()) { return .gap(span) }
        let options: [[Element]] = bytes.split(separator: slash, omittingEmptySubsequences: false).flatMap { option -> [[Element]] in
            // An empty choice (`a/`, `a/(b c)`) would never match, silently: a group cannot stand
            // inside a choice of words.
            precondition(!option.isEmpty, "crisis lexicon: an empty choice in “\(source)”")
            let name = String(decoding: option, as: UTF8.self)
            if name == "$" { return [[.end]] }
            if name == "^" { return [[.start]] }
            if name.hasPrefix("@") { return classes.options(String(name.dropFirst()), in: source) }
            return [[classes.atom(name)]]
        }
        if options.count == 1, let only = options.first, only.count == 1 { return only[0] }
        return .choice(options, optional: false)
    }

    private static func closingParenthesis(_ bytes: ArraySlice<UInt8>) -> Int? {
        var depth = 0
        for index in bytes.indices {
            if bytes[index] == open { depth += 1 }
            if bytes[index] == close {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// A group's phrases: split at `|` outside inner parentheses.
    private static func phrases(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var depth = 0
        var start = bytes.startIndex
        for index in bytes.indices {
            switch bytes[index] {
            case open: depth += 1
            case close: depth -= 1
            case bar where depth == 0:
                parts.append(bytes[start..<index])
                start = index + 1
            default: break
            }
        }
        parts.append(bytes[start...])
        return parts
    }

    /// Where the pattern matches, leftmost first and each as long as it can be; matches do not
    /// overlap.
    func matches(in words: [String]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start = 0
        while start < words.count {
            if words[start] != CrisisText.boundary, canStart(with: words[start]),
               let end = Self.ends(elements[...], words, from: start).max(), end > start {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    private static func ends(_ elements: ArraySlice<Element>, _ words: [String], from position: Int) -> [Int] {
        guard let first = elements.first else { return [position] }
        let rest = elements.dropFirst()
        switch first {
        case .word(let word):
            guard position < words.count, words[position] == word else { return [] }
            return ends(rest, words, from: position + 1)
        case .prefix(let prefix):
            guard position < words.count, words[position].hasPrefix(prefix) else { return [] }
            return ends(rest, words, from: position + 1)
        case .end:
            guard position == words.count || words[position] == CrisisText.boundary else { return [] }
            return ends(rest, words, from: position)
        case .start:
            guard position == 0 || words[position - 1] == CrisisText.boundary else { return [] }
            return ends(rest, words, from: position)
        case .gap(let span):
            var result: [Int] = []
            var skipped = position
            while true {
                result += ends(rest, words, from: skipped)
                guard skipped - position < span, skipped < words.count, !CrisisText.stopsGap(words[skipped]) else { break }
                skipped += 1
            }
            return result
        case .choice(let options, let optional):
            var result = optional ? ends(rest, words, from: position) : []
            for option in options {
                for end in ends(option[...], words, from: position) {
                    result += ends(rest, words, from: end)
                }
            }
            return result
        }
    }
}
