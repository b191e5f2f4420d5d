import Foundation
import Testing

/// External answerers, programs in any language: the shipped Python example answers from a
/// temporary folder, and kq enforces its rules on what any program answers.
@Suite struct ExternalAnswererTests {
    typealias Setup = AnswererPackTests.Setup

    /// Puts `program` in the user's answerers folder as `kq-answerer-NAME`, executable.
    static func install(_ program: String, named name: String, in setup: Setup) throws -> URL {
        let folder = setup.config.appendingPathComponent("kq/answerers")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("kq-answerer-\(name)")
        try Data(program.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path)
        return file
    }

    /// A program that prints a manifest for `name`, then answers with `body`, Python run on
    /// the request (`request`, `first`: the first passage's id).
    static func program(_ name: String, timeout: Double = 2, body: String) -> String {
        """
        #!/usr/bin/env python3
        import json, sys, time
        if sys.argv[1:] == ["--manifest"]:
            json.dump({"protocol": 1, "name": "\(name)", "summary": "Test answerer.", "cues": {"open": 0.6}, "timeout": \(timeout), "medical": False}, sys.stdout)
            sys.exit(0)
        request = json.load(sys.stdin)
        first = request["passages"][0]["id"]
        \(body)

        """
    }

    static let good = #"{"text": "The clinic is open Monday to Friday from 8:00 to 17:30.", "cites": [first]}"#

    @Test func theExampleInPythonAnswersFromATemporaryFolder() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let example = KQProcess.repositoryRoot.appendingPathComponent("examples/kq-answerer-hours")
        let file = try Self.install(try String(contentsOf: example, encoding: .utf8), named: "hours", in: setup)
        let (answer, stderr) = try setup.ask("When is the clinic open?")
        #expect(answer["answeredBy"] as? String == "hours", "\(stderr)")
        #expect(answer["answer"] as? String == "Opening hours: The clinic is open Monday to Friday from 8:00 to 17:30.")
        #expect((answer["citations"] as? [[String: Any]])?.first?["path"] as? String == "clinic.md")
        let listed = try KQProcess.run(["plugins"], environment: setup.environment)
        #expect(listed.stdout.contains("hours — Opening hours: when a place is open"))
        #expect(listed.stdout.contains("from \(file.path)"))
    }

    /// The issue's whole case: a pack and a program added to one folder, no rebuild, each
    /// answering its own questions, both listed with their files.
    @Test func aPackAndAProgramInOneFolderEachAnswerTheirOwnQuestions() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let example = KQProcess.repositoryRoot.appendingPathComponent("examples/kq-answerer-hours")
        let program = try Self.install(try String(contentsOf: example, encoding: .utf8), named: "hours", in: setup)
        let pack = program.deletingLastPathComponent().appendingPathComponent("parking.yaml")
        try Data("""
            kq-pack: 1
            name: parking
            summary: Where to park.
            medical: false
            examples: [Where can I park?]
            cues: { park: 0.6, parking: 0.6 }
            aspects:
              - name: parking
                label: Parking
                asked-by: [park, parking]
                search: parking park free
                general: true
                states:
                  - sentence: '\\bpark'

            """.utf8).write(to: pack)
        #expect(try setup.ask("When is the clinic open?").answer["answeredBy"] as? String == "hours")
        let parking = try setup.ask("Where can I park?").answer
        #expect(parking["answeredBy"] as? String == "parking")
        #expect(parking["answer"] as? String == "Parking: Parking is free behind the building.")
        let listed = try KQProcess.run(["plugins"], environment: setup.environment).stdout
        #expect(listed.contains("from \(program.path)") && listed.contains("from \(pack.path)"))
    }

    @Test func aLineCitingNoPassageItWasSentIsDropped() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program("uncited", body: """
            json.dump({"protocol": 1, "confidence": 0.9, "lines": [\(Self.good), {"text": "Parking costs nothing.", "cites": [987654321]}, {"text": "Invented.", "cites": []}]}, sys.stdout)
            """), named: "uncited", in: setup)
        let (answer, stderr) = try setup.ask("When is the clinic open?")
        #expect(answer["answeredBy"] as? String == "uncited")
        #expect(answer["answer"] as? String == "The clinic is open Monday to Friday from 8:00 to 17:30.")
        #expect(stderr.components(separatedBy: "cites no passage it was sent").count - 1 == 2, "\(stderr)")
    }

    /// Output past the limit is neither read nor written: the program ends at it (its file may
    /// grow no further), and kq says why, once.
    @Test func aProgramThatPrintsTooMuchIsStoppedAtTheLimit() throws {
        let setup = try Setup()
        defer { setup.remove() }
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("kq-flood-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        _ = try Self.install(Self.program("flood", body: """
            for _ in range(64):
                sys.stdout.write("x" * (1 << 16))
            sys.stdout.flush()
            open("\(marker.path)", "w").write("still running")
            """), named: "flood", in: setup)
        let (answer, stderr) = try setup.ask("When is the clinic open?")
        #expect(answer["answeredBy"] as? String != "flood")
        #expect(stderr.contains("flood: printed more than 1 MB"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker.path), "the program ran on past the limit")
    }

    @Test func aLineWithANumberNoCitedPassageHoldsIsDropped() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program("numbers", body: """
            json.dump({"protocol": 1, "confidence": 0.9, "lines": [\(Self.good), {"text": "It opens at 7:45 on Sundays.", "cites": [first]}]}, sys.stdout)
            """), named: "numbers", in: setup)
        let (answer, stderr) = try setup.ask("When is the clinic open?")
        #expect(answer["answer"] as? String == "The clinic is open Monday to Friday from 8:00 to 17:30.")
        #expect(stderr.contains("dropped a line whose 7:45 no passage it cites holds"), "\(stderr)")
    }

    @Test(arguments: [
        ("timeout", 0.5, "time.sleep(20)", "no answer within 0.5 s"),
        ("crash", 2.0, "sys.exit(3)", "exited with status 3"),
        ("garbage", 2.0, "print('the clinic is open, trust me')", "not a protocol 1 response"),
        ("killed", 2.0, "import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "ended by signal 9"),
    ])
    func aFailingProgramFallsBackToTheRetrieverWithOneWarning(name: String, timeout: Double, body: String, warning: String) throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program(name, timeout: timeout, body: body), named: name, in: setup)
        let started = Date()
        let (answer, stderr) = try setup.ask("When is the clinic open?")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(answer["answeredBy"] as? String == "retriever")
        #expect((answer["answer"] as? String)?.contains("8:00 to 17:30") == true)
        let warnings = stderr.split(separator: "\n").filter { $0.hasPrefix("kq: \(name):") }
        #expect(warnings.count == 1, "\(stderr)")
        #expect(warnings.first?.contains(warning) == true, "\(stderr)")
    }

    /// A program runs in a session of its own (no controlling terminal), in an empty folder,
    /// with none of kq's environment but the locale and PATH.
    @Test func aProgramRunsWithoutTerminalFolderOrSecrets() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program("sealed", body: """
            import os
            checks = {"session": os.getsid(0) == os.getpid(), "folder": os.listdir(".") == [],
                      "environment": not {"KQ_TEST_SECRET", "HOME", "XDG_CONFIG_HOME"} & set(os.environ) and "PATH" in os.environ}
            failed = [name for name, passed in checks.items() if not passed]
            json.dump({"protocol": 1, "confidence": 0.9, "lines": [\(Self.good)] if not failed else [{"text": " ".join(failed), "cites": [first]}]}, sys.stdout)
            """), named: "sealed", in: setup)
        let result = try KQProcess.run(["ask", "--json", "--knowledge", setup.knowledge.path, "When is the clinic open?"],
                                       environment: setup.environment.merging(["KQ_TEST_SECRET": "s3cret"]) { $1 })
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(answer["answer"] as? String == "The clinic is open Monday to Friday from 8:00 to 17:30.", "\(result.stdout)")
    }

    /// A program's manifest must name it as its file does: kq-answerer-x cannot pass for safety.
    @Test func aProgramCannotTakeAnotherAnswerersName() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program("safety", body: "json.dump({'protocol': 1, 'confidence': 1, 'lines': []}, sys.stdout)"),
                             named: "x", in: setup)
        let listed = try KQProcess.run(["plugins"], environment: setup.environment)
        #expect(listed.stderr.contains("kq-answerer-x: its manifest names it safety"), "\(listed.stderr)")
        #expect(listed.stdout.contains("Packs/safety.yaml"))
    }

    @Test func crisisResourcesStillComeFirst() throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try Self.install(Self.program("open", body: """
            json.dump({"protocol": 1, "confidence": 0.9, "lines": [\(Self.good)]}, sys.stdout)
            """), named: "open", in: setup)
        let (answer, _) = try setup.ask("is the clinic open tonight, i want to end my life")
        #expect(answer["crisis"] as? Bool == true)
    }
}
