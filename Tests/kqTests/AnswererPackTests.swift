import Foundation
import Testing

/// Answerer packs added without a rebuild: from the user's folder, from a trusted Knowledge
/// folder, overriding kq's own by name, and a broken one skipped with one warning.
@Suite struct AnswererPackTests {
    static let clinic = "# Our clinic\n\n## Opening hours\n\nThe clinic is open Monday to Friday from 8:00 to 17:30.\n\n## Parking\n\nParking is free behind the building.\n"
    static let question = "When is the clinic open on weekdays?"

    /// A Knowledge folder about the clinic, and a configuration folder of its own.
    struct Setup {
        let knowledge: URL
        let config: URL
        let state: URL
        var environment: [String: String] { ["XDG_CONFIG_HOME": config.path, "XDG_STATE_HOME": state.path] }

        init() throws {
            knowledge = try KQProcess.folder(with: ["clinic.md": AnswererPackTests.clinic])
            config = try KQProcess.folder(with: [:])
            state = try KQProcess.folder(with: [:])
            // The note on the missing encoder, said already, as for every test.
            try FileManager.default.createDirectory(at: state.appendingPathComponent("kq"), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: state.appendingPathComponent("kq/said-how-to-install-the-encoder").path, contents: nil)
        }

        func remove() {
            for folder in [knowledge, config, state] { try? FileManager.default.removeItem(at: folder) }
        }

        /// `kq plugins new opening-hours` into `folder`.
        func newPack(in folder: URL) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let made = try KQProcess.run(["plugins", "new", "opening-hours", "--folder", folder.path], environment: environment)
            #expect(made.status == 0, "\(made.stderr)")
        }

        func ask(_ question: String) throws -> (answer: [String: Any], stderr: String) {
            let result = try KQProcess.run(["ask", "--json", "--knowledge", knowledge.path, question], environment: environment)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return (object, result.stderr)
        }
    }

    @Test func aPackInTheUsersFolderAnswersItsQuestionsAndIsListedWithItsFile() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let before = try setup.ask(Self.question)
        #expect(before.answer["answeredBy"] as? String != "opening-hours")
        let folder = setup.config.appendingPathComponent("kq/answerers")
        try setup.newPack(in: folder)
        let after = try setup.ask(Self.question)
        #expect(after.answer["answeredBy"] as? String == "opening-hours")
        #expect(after.answer["answer"] as? String == "Opening hours: The clinic is open Monday to Friday from 8:00 to 17:30.")
        // A question whose kind kq's catalogue files under no answerer's domain (“what are…”
        // reads as asking a meaning) still reaches an answerer the catalogue does not know.
        #expect(try setup.ask("What are the opening hours?").answer["answeredBy"] as? String == "opening-hours")
        // The other answerers keep their questions.
        #expect(try setup.ask("How long does an IV ketamine infusion take?").answer["answeredBy"] as? String != "opening-hours")
        let listed = try KQProcess.run(["plugins", "--knowledge", setup.knowledge.path], environment: setup.environment)
        #expect(listed.stdout.contains("opening-hours — Opening hours: when the clinic is open."))
        #expect(listed.stdout.contains("from \(folder.appendingPathComponent("opening-hours.yaml").path)"))
        #expect(listed.stdout.contains("dosing.yaml"))
    }

    @Test func aKnowledgesOwnPacksLoadOnlyOnceTheFolderIsTrusted() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.newPack(in: setup.knowledge.appendingPathComponent(".kq/answerers"))
        let untrusted = try setup.ask(Self.question)
        #expect(untrusted.answer["answeredBy"] as? String != "opening-hours")
        #expect(untrusted.stderr.contains("kq plugins trust --knowledge \(setup.knowledge.path)"))
        // Said once.
        #expect(!(try setup.ask(Self.question).stderr.contains("plugins trust")))
        let trusted = try KQProcess.run(["plugins", "trust", "--knowledge", setup.knowledge.path], environment: setup.environment)
        #expect(trusted.status == 0)
        #expect(try setup.ask(Self.question).answer["answeredBy"] as? String == "opening-hours")
    }

    @Test func aPackNamedAsKqsOwnReplacesIt() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let folder = setup.config.appendingPathComponent("kq/answerers")
        try setup.newPack(in: folder)
        let file = folder.appendingPathComponent("opening-hours.yaml")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "name: opening-hours", with: "name: cost")
        try Data(text.utf8).write(to: folder.appendingPathComponent("cost.yaml"))
        try FileManager.default.removeItem(at: file)
        let answer = try setup.ask(Self.question).answer
        #expect(answer["answeredBy"] as? String == "cost")
        #expect((answer["answer"] as? String)?.hasPrefix("Opening hours:") == true)
        let listed = try KQProcess.run(["plugins"], environment: setup.environment)
        #expect(listed.stdout.contains("from \(folder.appendingPathComponent("cost.yaml").path)"))
        #expect(!listed.stdout.contains("Packs/cost.yaml"))
    }

    @Test func aBrokenPackIsSkippedWithOneWarningAndKqStillAnswers() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let folder = setup.config.appendingPathComponent("kq/answerers")
        try setup.newPack(in: folder)
        try Data("kq-pack: 1\nname: broken\nsummary: x\naspects:\n  - name: a\n    label: A\n    states:\n      - sentence: '(unclosed'\n".utf8)
            .write(to: folder.appendingPathComponent("broken.yaml"))
        let (answer, stderr) = try setup.ask(Self.question)
        #expect(answer["answeredBy"] as? String == "opening-hours")
        let warnings = stderr.split(separator: "\n").filter { $0.contains("skipped the answerer pack") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("broken.yaml") == true)
    }

    /// A pack's patterns see a sentence's first 2,000 characters only: a pattern has no time
    /// limit, and the sentence came from anyone's documents.
    @Test func packPatternsReadABoundedPartOfASentence() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let folder = setup.config.appendingPathComponent("kq/answerers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("""
            kq-pack: 1
            name: marks
            summary: Marks.
            medical: false
            cues: { marker: 1 }
            aspects:
              - name: mark
                label: Mark
                asked-by: [marker]
                general: true
                states:
                  - sentence: 'zebra'
                absent:
                  - say: No sentence states it within reach.

            """.utf8).write(to: folder.appendingPathComponent("marks.yaml"))
        let far = String(repeating: "a", count: 2_500)
        try Data("# Marks\n\nThe \(far) zebra marker stands far.\n".utf8).write(to: setup.knowledge.appendingPathComponent("marks.md"))
        let answer = try setup.ask("Which marker?").answer
        #expect(answer["answeredBy"] as? String == "marks")
        #expect(answer["answer"] as? String == "No sentence states it within reach.")
        // Within reach, the same sentence states it.
        let near = String(repeating: "a", count: 1_000)
        try Data("# Marks\n\nThe \(near) zebra marker stands near.\n".utf8).write(to: setup.knowledge.appendingPathComponent("marks.md"))
        #expect((try setup.ask("Which marker?").answer["answer"] as? String)?.hasSuffix("zebra marker stands near.") == true)
    }

    @Test func checkReportsEachProblemWithItsLineAndPassesTheStartingPack() throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.newPack(in: setup.config)
        let good = try KQProcess.run(["plugins", "check", setup.config.appendingPathComponent("opening-hours.yaml").path], environment: setup.environment)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("no problems"))
        let bad = setup.config.appendingPathComponent("bad.yaml")
        try Data("""
            kq-pack: 1
            name: bad
            sumary: x
            cues:
              dose: 0.6
              mg: 0.6
            examples: [What dose is usual?]
            aspects:
              - name: a
                label: A
                related: [b]
                states:
                  - sentence: '(unclosed'
                    strength: high
                  - sentence: '{nowhere}'

            """.utf8).write(to: bad)
        let checked = try KQProcess.run(["plugins", "check", bad.path], environment: setup.environment)
        #expect(checked.status == 2)
        let lines = checked.stderr.split(separator: "\n").map(String.init)
        for expected in ["bad.yaml:3: unknown key sumary", "bad.yaml:1: the pack needs summary", "bad.yaml:13: “(unclosed” is not a valid regular expression",
                         "bad.yaml:14: strength: expected a number", "bad.yaml:15: {nowhere} names no pattern", "bad.yaml:9: aspect a names b, which is no aspect"] {
            #expect(lines.contains { $0.contains(expected) }, "\(expected) in \(checked.stderr)")
        }
    }

    @Test func checkFindsCuesThatTakeAnotherAnswerersQuestions() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let greedy = setup.config.appendingPathComponent("greedy.yaml")
        try Data("""
            kq-pack: 1
            name: greedy
            summary: Takes what is not its own.
            priority: 50
            examples: [When is the clinic open?]
            cues: { ketamine: 1, open: 0.6 }
            aspects:
              - name: a
                label: A
                states:
                  - sentence: open

            """.utf8).write(to: greedy)
        let checked = try KQProcess.run(["plugins", "check", greedy.path], environment: setup.environment)
        #expect(checked.status == 2)
        #expect(checked.stderr.contains("example questions of dosing"), "\(checked.stderr)")
    }
}
