import Core
import Foundation

/// An answerer that is another program (`kq-answerer-NAME`, in any language), held to kq's
/// rules as its host: routing stays in kq, on the cues of its manifest, and the program is
/// started only for a question it wins. It is sent the question and the passages kq found, and
/// what it answers is checked before anyone sees it: a line that cites no passage it was sent,
/// or that holds a number no cited passage holds, is dropped with a warning; a crash, output
/// that is not a response, or running past its time falls back to the other answerers, with
/// one warning. Crisis resources still come first: the router adds them to any answer.
public struct ExternalAnswerer: Answerer {
    public let name: String
    public let summary: String
    public let examples: [String]
    public let priority: Int
    public let executable: URL
    let timeout: Double
    let medical: Bool
    let cues: CueSet
    let warn: @Sendable (String) -> Void

    /// How many of the retriever's passages it is sent.
    static let passagesSent = 8
    static let defaultTimeout = 2.0
    static let longestTimeout = 30.0

    init(manifest: ExternalProtocol.Manifest, executable: URL, analyzer: Analyzer, warn: @escaping @Sendable (String) -> Void) {
        name = manifest.name
        summary = manifest.summary
        examples = manifest.examples ?? []
        priority = manifest.priority ?? 0
        timeout = min(max(manifest.timeout ?? Self.defaultTimeout, 0.1), Self.longestTimeout)
        medical = manifest.medical ?? true
        self.executable = executable
        cues = CueSet(manifest.cues.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, analyzer: analyzer)
        self.warn = warn
    }

    public var vocabulary: Set<String> { Set(cues.cues.flatMap(\.words)) }

    public func confidence(for question: Question) -> Double? { cues.score(question) }

    public func answer(_ question: Question, retriever: Retriever, limit: Int) -> Answer? {
        let hits = retriever.search(question, limit: Self.passagesSent)
        let request = ExternalProtocol.Request(
            question: question.text, terms: question.uniqueTerms, subjects: question.subjects.named.map { $0.words.joined(separator: " ") },
            passages: hits.map { .init(id: $0.passage.id, title: $0.document.title, section: $0.passage.section, path: $0.document.id, text: $0.passage.text) })
        guard let response = exchange(request) else { return nil }
        let sent = Dictionary(hits.map { ($0.passage.id, $0) }, uniquingKeysWith: { first, _ in first })
        var composer = AnswerComposer()
        for line in response.lines {
            let cited = line.cites.compactMap { sent[$0] }
            guard !cited.isEmpty, cited.count == line.cites.count else {
                warn("kq: \(name): dropped a line that cites no passage it was sent: \(line.text.prefix(80))")
                continue
            }
            if let number = Self.ungroundedNumber(in: [line.label ?? "", line.text].joined(separator: " "), cited: cited) {
                warn("kq: \(name): dropped a line whose \(number) no passage it cites holds: \(line.text.prefix(80))")
                continue
            }
            composer.add(line.text, from: cited[0], label: line.label)
        }
        guard !composer.lines.isEmpty else { return nil }
        return composer.answer(to: question, answeredBy: name, confidence: min(max(response.confidence, 0), 1), isMedical: medical)
    }

    /// The program's response, or nil after one warning saying what went wrong.
    private func exchange(_ request: ExternalProtocol.Request) -> ExternalProtocol.Response? {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(executable, input: try JSONEncoder().encode(request), timeout: timeout)
        } catch {
            warn("kq: \(name): cannot run \(executable.path) (\(ReadableError.describe(error))); the other answerers answer")
            return nil
        }
        // Output past the limit ends the program (see ChildProcess); that is what to say.
        guard !outcome.overflowed else {
            warn("kq: \(name): printed more than \(ChildProcess.maximumOutput >> 20) MB; the other answerers answer")
            return nil
        }
        switch outcome.ending {
        case .timedOut:
            warn("kq: \(name): no answer within \(Self.seconds(timeout)); the other answerers answer")
            return nil
        case .killed(let signal):
            warn("kq: \(name): ended by signal \(signal); the other answerers answer")
            return nil
        case .exited(let status) where status != 0:
            warn("kq: \(name): exited with status \(status); the other answerers answer")
            return nil
        case .exited:
            break
        }
        guard let response = try? JSONDecoder().decode(ExternalProtocol.Response.self, from: outcome.output),
              response.protocolVersion ?? ExternalProtocol.version == ExternalProtocol.version else {
            warn("kq: \(name): its output is not a protocol \(ExternalProtocol.version) response; the other answerers answer")
            return nil
        }
        return response
    }

    /// A number of `text` that no cited passage holds as written (“17:30”, “0.5”, “450”): a
    /// whole number of a passage, or one side of a time (“8” of “8:00”).
    static func ungroundedNumber(in text: String, cited: [PassageHit]) -> String? {
        var stated = Set<String>()
        for hit in cited {
            for found in number.all(in: hit.passage.text) {
                stated.insert(found)
                stated.formUnion(found.split(separator: ":").map(String.init))
            }
        }
        return number.all(in: text).first { !stated.contains($0) }
    }

    static let number = Pattern(#"\d+(?:[.,:]\d+)*"#)

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
