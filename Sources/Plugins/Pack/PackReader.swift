import Core
import Foundation
import Yams

/// Reads an answerer pack, a YAML file (see the README's pack reference), into an
/// `AnswererPack`, or the problems that keep it from being one, each with its line. YAML for its
/// comments, which a pack written by hand needs, and for libyaml's line marks, which
/// `kq plugins check` reports.
struct PackReader {
    let file: String
    /// Whether every regular expression is compiled now, to report the bad ones: for packs
    /// from users' folders. The bundled packs are checked by the tests and compile on first use.
    var validatesPatterns = true
    private(set) var problems: [PackProblem] = []

    init(file: String, validatesPatterns: Bool = true) {
        self.file = file
        self.validatesPatterns = validatesPatterns
    }

    static let version = 1

    mutating func read(_ text: String) -> AnswererPack? {
        let root: Node?
        do {
            // The basic resolver: every scalar stays text, read here as what its key expects.
            // The default one compiles a dozen regular expressions to guess types, a few
            // milliseconds of every start.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            problems.append(PackProblem(file: file, line: Self.line(of: error), message: "not YAML: \(Self.reason(error))"))
            return nil
        }
        guard let root, let top = fields(root, "the pack", allowed: Self.packKeys, required: ["kq-pack", "name", "summary", "aspects"])
        else { return nil }
        if let version = top["kq-pack"], Int(version.node.string ?? "") != Self.version {
            problem(version.node, "kq-pack is the pack language's version: \(Self.version) is the one this kq reads")
        }
        var pack = AnswererPack(name: "", summary: "", file: file)
        if let name = top["name"] {
            pack.name = string(name.node, "name") ?? ""
            if !AnswererPack.isValidName(pack.name) {
                problem(name.node, "name: expected lowercase letters, digits and hyphens (it is what --plugin selects)")
            }
        }
        pack.summary = top["summary"].flatMap { string($0.node, "summary") } ?? ""
        if let priority = top["priority"] {
            if let value = Int(priority.node.string ?? "") { pack.priority = value } else { problem(priority.node, "priority: expected a whole number") }
        }
        if let medical = top["medical"] {
            if let value = Self.bool(medical.node) { pack.medical = value } else { problem(medical.node, "medical: expected true or false") }
        }
        pack.examples = top["examples"].map { strings($0.node, "examples") } ?? []
        if let cues = top["cues"] { pack.cues = weights(cues.node) }
        let declared = top["patterns"].flatMap { pairs($0.node, "patterns") } ?? []
        var sources = [String: String]()
        for (key, value) in declared {
            guard let source = string(value, "pattern \(key.string ?? "")") else { continue }
            sources[key.string ?? ""] = source
        }
        let library = PatternLibrary(sources: sources)
        var patterns = [String: Pattern]()
        for (key, value) in declared {
            let name = key.string ?? ""
            if let pattern = compile(library, name: name, at: value) { patterns[name] = pattern }
        }
        var qualifiers = [String: [Qualifier]]()
        if let sets = top["qualifiers"], let entries = pairs(sets.node, "qualifiers") {
            for (key, value) in entries {
                qualifiers[key.string ?? ""] = qualifierSet(value, key.string ?? "", library: library)
            }
        }
        let context = RuleContext(library: library, patterns: patterns, qualifiers: qualifiers)
        let aspects = (top["aspects"].flatMap { sequence($0.node, "aspects") } ?? []).compactMap { node in
            aspect(node, context).map { (node, $0) }
        }
        pack.aspects = aspects.map(\.1)
        let names = Set(pack.aspects.map(\.name))
        for (declaration, aspect) in aspects {
            for name in aspect.related + aspect.supersedes where !names.contains(name) {
                problem(declaration, "aspect \(aspect.name) names \(name), which is no aspect of this pack (it has: \(pack.aspects.map(\.name).joined(separator: ", ")))")
            }
        }
        if pack.aspects.isEmpty && problems.isEmpty { problems.append(PackProblem(file: file, line: nil, message: "aspects: a pack needs at least one")) }
        return problems.isEmpty ? pack : nil
    }

    // MARK: The pack's parts

    static let packKeys = ["kq-pack", "name", "summary", "priority", "medical", "examples", "cues", "patterns", "qualifiers", "aspects"]
    static let aspectKeys = ["name", "label", "asked-by", "cue-weight", "search", "general", "supersedes", "related", "states", "absent"]
    static let ruleKeys = ["sentence", "not", "question", "list", "section", "facets", "match", "qualifiers", "facets-from", "strength", "facet"]
    static let absentKeys = ["question", "asked", "unknown", "say"]

    private struct RuleContext {
        let library: PatternLibrary
        let patterns: [String: Pattern]
        let qualifiers: [String: [Qualifier]]
    }

    private mutating func aspect(_ node: Node, _ context: RuleContext) -> AnswererPack.AspectDeclaration? {
        guard let fields = fields(node, "an aspect", allowed: Self.aspectKeys, required: ["name", "label", "states"]) else { return nil }
        let name = fields["name"].flatMap { string($0.node, "name") } ?? ""
        var aspect = AnswererPack.AspectDeclaration(name: name, label: fields["label"].flatMap { string($0.node, "label") } ?? name)
        aspect.askedBy = fields["asked-by"].map { strings($0.node, "asked-by") } ?? []
        if let weight = fields["cue-weight"] {
            if let value = Self.number(weight.node), value > 0 { aspect.cueWeight = value } else { problem(weight.node, "cue-weight: expected a number above 0") }
        }
        aspect.search = fields["search"].flatMap { string($0.node, "search") } ?? ""
        if let general = fields["general"] {
            if let value = Self.bool(general.node) { aspect.general = value } else { problem(general.node, "general: expected true or false") }
        }
        aspect.supersedes = fields["supersedes"].map { strings($0.node, "supersedes") } ?? []
        aspect.related = fields["related"].map { strings($0.node, "related") } ?? []
        if let states = fields["states"], let rules = sequence(states.node, "states") {
            aspect.states = rules.compactMap { statementRule($0, context) }
        }
        if let absent = fields["absent"], let rules = sequence(absent.node, "absent") {
            aspect.absent = rules.compactMap { absentRule($0, context) }
        }
        return aspect
    }

    private mutating func statementRule(_ node: Node, _ context: RuleContext) -> StatementRule? {
        guard let fields = fields(node, "a rule of states", allowed: Self.ruleKeys, required: []) else { return nil }
        var rule = StatementRule()
        rule.sentence = fields["sentence"].map { patternList($0.node, context) } ?? []
        rule.not = fields["not"].map { patternList($0.node, context) } ?? []
        rule.question = fields["question"].map { patternList($0.node, context) } ?? []
        rule.section = fields["section"].map { patternList($0.node, context) } ?? []
        if let list = fields["list"] {
            if let value = Self.bool(list.node) { rule.list = value } else { problem(list.node, "list: expected true or false") }
        }
        if let facets = fields["facets"] {
            rule.facets = strings(facets.node, "facets").compactMap { name in
                guard let pattern = context.patterns[name] else {
                    problem(facets.node, "facets: \(name) is not one of the pack's patterns")
                    return nil
                }
                return (name, pattern)
            }
        }
        rule.match = fields["match"].flatMap { patternList($0.node, context).first }
        rule.qualifiers = fields["qualifiers"].map { qualifierReference($0.node, context) } ?? []
        rule.facetsFrom = fields["facets-from"].map { qualifierReference($0.node, context) } ?? []
        if rule.match == nil, let key = ["qualifiers", "facets-from"].first(where: { fields[$0] != nil }) {
            problem(fields[key]!.node, "\(key): needs match, the pattern whose matches it looks at")
        }
        if let strength = fields["strength"] {
            if let value = Self.number(strength.node), value >= 0 { rule.strength = value } else { problem(strength.node, "strength: expected a number, 0 or more") }
        }
        rule.facet = fields["facet"].flatMap { string($0.node, "facet") }
        return rule
    }

    private mutating func absentRule(_ node: Node, _ context: RuleContext) -> AbsentRule? {
        guard let fields = fields(node, "a rule of absent", allowed: Self.absentKeys, required: ["say"]) else { return nil }
        var rule = AbsentRule(say: fields["say"].flatMap { string($0.node, "say") } ?? "")
        rule.question = fields["question"].map { patternList($0.node, context) } ?? []
        rule.asked = fields["asked"].map { qualifierReference($0.node, context) } ?? []
        rule.unknown = fields["unknown"].flatMap { patternList($0.node, context).first }
        for (placeholder, key) in [("{asked}", "asked"), ("{qualifier}", "asked"), ("{unknown}", "unknown")]
        where rule.say.contains(placeholder) && fields[key] == nil {
            problem(node, "say: \(placeholder) needs \(key) in the same rule")
        }
        return rule
    }

    private mutating func qualifierSet(_ node: Node, _ name: String, library: PatternLibrary) -> [Qualifier] {
        guard let entries = pairs(node, "qualifiers \(name)") else { return [] }
        return entries.compactMap { key, value in
            let qualifier = key.string ?? ""
            guard let fields = fields(value, "qualifier \(qualifier)", allowed: ["asked", "stated"], required: ["asked", "stated"]),
                  let asked = fields["asked"].flatMap({ compile(library, source: string($0.node, "asked"), at: $0.node) }),
                  let stated = fields["stated"].flatMap({ compile(library, source: string($0.node, "stated"), at: $0.node) })
            else { return nil }
            return Qualifier(name: qualifier, asked: asked, stated: stated)
        }
    }

    private mutating func qualifierReference(_ node: Node, _ context: RuleContext) -> [Qualifier] {
        guard let name = string(node, "qualifiers") else { return [] }
        guard let set = context.qualifiers[name] else {
            problem(node, "\(name) is not one of the pack's qualifiers (it has: \(context.qualifiers.keys.sorted().joined(separator: ", ")))")
            return []
        }
        return set
    }

    /// A pattern's name, or a regular expression written in place, or a list of either.
    private mutating func patternList(_ node: Node, _ context: RuleContext) -> [Pattern] {
        strings(node, "a pattern").compactMap { text in
            context.patterns[text] ?? compile(context.library, source: text, at: node)
        }
    }

    private mutating func compile(_ library: PatternLibrary, name: String, at node: Node) -> Pattern? {
        compile(library, source: library.sources[name], at: node, naming: name)
    }

    private mutating func compile(_ library: PatternLibrary, source: String?, at node: Node, naming name: String? = nil) -> Pattern? {
        guard let source else { return nil }
        let expanded: String
        do {
            expanded = try library.expand(source)
        } catch {
            problem(node, "\(name.map { "pattern \($0): " } ?? "")\(error)")
            return nil
        }
        if validatesPatterns {
            do {
                _ = try NSRegularExpression(pattern: expanded, options: [.caseInsensitive])
            } catch {
                problem(node, "\(name.map { "pattern \($0)" } ?? "“\(source)”") is not a valid regular expression (ICU syntax)")
                return nil
            }
        }
        return Pattern(expanded)
    }

    // MARK: YAML

    /// A mapping's values by key, after checking that every key is known and the required
    /// ones are there.
    private mutating func fields(_ node: Node, _ what: String, allowed: [String], required: [String]) -> [String: (key: Node, node: Node)]? {
        guard let entries = pairs(node, what) else { return nil }
        var result = [String: (key: Node, node: Node)]()
        for (key, value) in entries {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                problem(key, "unknown key \(name) in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[name] = (key, value)
        }
        for name in required where result[name] == nil {
            problem(node, "\(what) needs \(name)")
        }
        return result
    }

    private mutating func pairs(_ node: Node, _ what: String) -> [(Node, Node)]? {
        guard case .mapping(let mapping) = node else {
            problem(node, "\(what): expected a mapping of keys to values")
            return nil
        }
        return mapping.map { ($0.key, $0.value) }
    }

    private mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let items) = node else {
            problem(node, "\(what): expected a list")
            return nil
        }
        return Array(items)
    }

    private mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            problem(node, "\(what): expected text")
            return nil
        }
        return scalar.string
    }

    /// Text, or a list of texts.
    private mutating func strings(_ node: Node, _ what: String) -> [String] {
        if case .scalar(let scalar) = node { return [scalar.string] }
        return (sequence(node, what) ?? []).compactMap { string($0, what) }
    }

    private mutating func weights(_ node: Node) -> [(String, Double)] {
        (pairs(node, "cues") ?? []).compactMap { key, value in
            guard let weight = Self.number(value), weight > 0 else {
                problem(value, "cues: \(key.string ?? ""): expected a weight above 0 (1 alone takes a question)")
                return nil
            }
            return (key.string ?? "", weight)
        }
    }

    private static func bool(_ node: Node) -> Bool? {
        switch node.scalar?.string {
        case "true": true
        case "false": false
        default: nil
        }
    }

    private static func number(_ node: Node) -> Double? {
        node.scalar.flatMap { Double($0.string) }
    }

    private mutating func problem(_ node: Node, _ message: String) {
        problems.append(PackProblem(file: file, line: node.mark?.line, message: message))
    }

    private static func line(of error: any Error) -> Int? {
        if let error = error as? YamlError, case .scanner(_, _, let mark, _) = error { return mark.line }
        if let error = error as? YamlError, case .parser(_, _, let mark, _) = error { return mark.line }
        if let error = error as? YamlError, case .composer(_, _, let mark, _) = error { return mark.line }
        return nil
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? YamlError {
            switch error {
            case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
            default: break
            }
        }
        return "\(error)"
    }
}

/// A pack's named patterns, each of which may include another as `{name}`, and kq's own
/// `{number}` (“two”, “1.5”, “a few”) and `{range}` (“two to four”, “1-2”). A regular
/// expression's own braces hold digits (`\d{2,3}`), so a name, which starts with a letter, is
/// never mistaken for one.
struct PatternLibrary {
    let sources: [String: String]

    static let builtIn = ["number": Quantity.number, "range": Quantity.range]
    static let deepest = 32

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func expand(_ source: String, depth: Int = 0) throws -> String {
        guard depth < Self.deepest else { throw Failure(description: "patterns include each other in a loop, or more than \(Self.deepest) deep") }
        var result = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            // ICU's own braces after a letter: \p{L}, \P{Lu}, \N{name}, \x{263A}.
            let escaped = ["\\p", "\\P", "\\N", "\\x"].contains { result.hasSuffix($0) }
            guard !escaped, let first = after.first, first.isLetter, let close = after.firstIndex(of: "}") else {
                result += "{"
                rest = after
                continue
            }
            let name = String(after[..<close])
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                result += "{"
                rest = after
                continue
            }
            if let own = sources[name] {
                result += "(?:" + (try expand(own, depth: depth + 1)) + ")"
            } else if let shared = Self.builtIn[name] {
                result += shared
            } else {
                throw Failure(description: "{\(name)} names no pattern of the pack, nor number or range")
            }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }
}
