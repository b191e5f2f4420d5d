import Core
import Foundation
import Plugins

/// The bundled Knowledge copied to a temporary folder, to be changed by a test and asked
/// questions through the same router kq uses.
final class KnowledgeCopy {
    let url: URL

    static var bundled: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Knowledge")
    }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kq-plugins-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.bundled, to: url)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    /// Removes `sentence` from every file holding it; fails the caller if none did.
    func remove(_ sentence: String) throws {
        var removed = false
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            let file = url.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            guard text.contains(sentence) else { continue }
            try Data(text.replacingOccurrences(of: sentence, with: "").utf8).write(to: file)
            removed = true
        }
        if !removed { throw CocoaError(.fileNoSuchFile) }
    }

    func asker(plugins: [any Answerer]? = nil) throws -> Asker {
        try Asker(root: url, plugins: plugins)
    }
}

/// A question's path as kq runs it: the same `Pipeline` every command uses, with every plugin
/// (or those given) and the crisis policy.
struct Asker {
    let pipeline: Pipeline
    var retriever: Retriever { pipeline.retriever }
    var router: Router { pipeline.router }

    init(root: URL, plugins: [any Answerer]? = nil, crisis: String = CrisisPolicy.defaultMessage) throws {
        let analyzer = try Analyzer.english()
        let retriever = Retriever(knowledge: try Knowledge.load(from: root, analyzer: analyzer), analyzer: analyzer)
        pipeline = Pipeline(retriever: retriever, router: Router(plugins: plugins ?? Registry.plugins(analyzer: analyzer),
                                                                 crisis: CrisisPolicy(message: crisis)))
    }

    static func bundled(crisis: String = CrisisPolicy.defaultMessage) throws -> Asker {
        try Asker(root: KnowledgeCopy.bundled, crisis: crisis)
    }

    func question(_ text: String) -> Question {
        pipeline.question(text)
    }

    func ask(_ text: String) -> Answer {
        pipeline.ask(text, top: 3).answer
    }

    /// Every number written in digits in `text`.
    static func numbers(in text: String) -> [String] {
        Pattern(#"\d+(?:\.\d+)?"#).all(in: text)
    }

    /// Whether every number in the answer stands in a passage it cites.
    static func isGrounded(_ answer: Answer) -> Bool {
        let cited = answer.citations.map(\.text).joined(separator: " ")
        return numbers(in: answer.text).allSatisfy { number in
            Pattern(#"(?<![\d.])"# + NSRegularExpression.escapedPattern(for: number) + #"(?!\d)"#).matches(cited)
        }
    }
}
