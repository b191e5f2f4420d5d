import Foundation
import Testing

@Suite struct AskCommandTests {
    @Test func jsonAnswerHasTheDocumentedShapeAndCitesItsSource() throws {
        let result = try KQProcess.run(["ask", "--json", "When was ketamine approved as an anesthetic?"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["question", "answer", "answeredBy", "confidence", "citations", "crisis", "lines"])
        #expect(object["question"] as? String == "When was ketamine approved as an anesthetic?")
        #expect(object["answeredBy"] as? String == "retriever")
        #expect((object["answer"] as? String)?.contains("1970s") == true)
        let citations = try #require(object["citations"] as? [[String: Any]])
        let first = try #require(citations.first)
        #expect(Set(first.keys) == ["id", "document", "path", "passage", "text", "score"])
        #expect((first["path"] as? String)?.hasPrefix("001_") == true)
        #expect((first["text"] as? String)?.contains("1970s") == true)
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func anUnanswerableQuestionExitsOneWithNoCitation() throws {
        let result = try KQProcess.run(["ask", "--json", "What is the boiling point of mercury?"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["answeredBy"] as? String == "none")
        #expect((object["citations"] as? [Any])?.isEmpty == true)
    }

    @Test func textAnswerShowsSourcesAndNoEscapesWhenPiped() throws {
        let result = try KQProcess.run(["ask", "What", "is", "KAP?"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("assisted psychotherapy"))
        #expect(result.stdout.contains("Sources"))
        #expect(!result.stdoutBytes.contains(0x1B))
    }

    @Test func missingKnowledgeIsAUsageErrorNotACrash() throws {
        let result = try KQProcess.run(["ask", "--knowledge", "/nonexistent/kq", "anything"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Knowledge not found"))
    }

    @Test func knowledgeWithNoDocumentsIsAClearError() throws {
        let folder = try KQProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try KQProcess.run(["sources"], environment: ["KQ_KNOWLEDGE": folder.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no readable documents"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try KQProcess.run(["ask"]).status == 2)
        #expect(try KQProcess.run(["ask", "--top", "0", "x"]).status == 2)
        #expect(try KQProcess.run(["--no-such-flag"]).status == 2)
        #expect(try KQProcess.run(["--help"]).status == 0)
    }

    @Test func findsTheBundledKnowledgeFromAnotherDirectory() throws {
        let result = try KQProcess.run(["sources"], directory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0)
        #expect(result.stdout.contains("5 documents"))
    }

    @Test func knowledgeComesFromTheEnvironmentOrTheFlag() throws {
        let folder = try KQProcess.folder(with: ["tea.md": "# Teas\n\nGreen tea is steeped at 80 degrees for two minutes.\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let viaEnvironment = try KQProcess.run(["ask", "How long is green tea steeped?"], environment: ["KQ_KNOWLEDGE": folder.path])
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.stdout.contains("two minutes"))
        let viaFlag = try KQProcess.run(["ask", "--knowledge", folder.appendingPathComponent("tea.md").path, "green tea temperature degrees"])
        #expect(viaFlag.stdout.contains("80 degrees"))
    }
}

@Suite struct OtherCommandTests {
    @Test func searchRanksPassagesAsTextAndJSON() throws {
        let text = try KQProcess.run(["search", "--top", "3", "nasal", "spray"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("1. "))
        let json = try KQProcess.run(["search", "--format", "json", "--top", "3", "nasal spray"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results.map { $0["rank"] as? Int } == [1, 2, 3])
        let scores = results.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func searchWritesTRECRunsForAQueryFile() throws {
        let corpus = """
        {"_id": "d1", "title": "Flu", "text": "Influenza causes fever and cough."}
        {"_id": "d2", "title": "Diabetes", "text": "Diabetes raises blood sugar."}
        {"_id": "d3", "title": "Colds", "text": "A cold causes a cough and a runny nose."}
        """
        let queries = """
        {"_id": "q1", "text": "What causes a fever?"}
        {"_id": "q2", "text": "blood sugar"}
        """
        let folder = try KQProcess.folder(with: ["corpus.jsonl": corpus, "queries.jsonl": queries])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try KQProcess.run(["search", "--knowledge", folder.appendingPathComponent("corpus.jsonl").path,
                                        "--queries", folder.appendingPathComponent("queries.jsonl").path, "--format", "trec"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.allSatisfy { $0.count == 6 && $0[1] == "Q0" && $0[5] == "kq" })
        #expect(lines.first?[0] == "q1")
        #expect(lines.first?[2] == "d1")
        #expect(lines.first { $0[0] == "q2" }?[2] == "d2")
    }

    @Test func sourcesAndPluginsList() throws {
        let sources = try KQProcess.run(["sources"])
        #expect(sources.stdout.contains("003_4ebb1b6294f749af.md"))
        let plugins = try KQProcess.run(["plugins"])
        #expect(plugins.status == 0)
        for name in ["safety", "dosing", "cost", "retriever"] {
            #expect(plugins.stdout.contains("\(name) — "), "\(name)")
        }
        #expect(plugins.stdout.contains("e.g. How long does an IV ketamine infusion take?"))
    }
}

@Suite struct PluginFlagTests {
    static let dosingQuestion = "How long does an IV ketamine infusion take?"

    func json(_ result: KQProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func pluginAnswersCarryLinesAndNoReminderInJSON() throws {
        let result = try KQProcess.run(["ask", "--json", Self.dosingQuestion])
        #expect(result.status == 0)
        let object = try json(result)
        #expect(object["answeredBy"] as? String == "dosing")
        let lines = try #require(object["lines"] as? [[String: Any]])
        #expect(lines.first?["label"] as? String == "Session length")
        #expect(lines.first?["citations"] as? [Int] == [1])
        #expect(!result.stdout.contains("medical advice"))
        #expect(object["crisis"] as? Bool == false)
    }

    @Test func textAnswersEndWithTheReminderUnlessQuiet() throws {
        let loud = try KQProcess.run(["ask", Self.dosingQuestion])
        #expect(loud.stdout.contains("40 minutes"))
        #expect(loud.stdout.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("not medical advice. Ask a clinician about your own care."))
        let quiet = try KQProcess.run(["ask", "--quiet", Self.dosingQuestion])
        #expect(quiet.stdout.contains("40 minutes"))
        #expect(!quiet.stdout.contains("medical advice"))
        // The retriever's answers are not medical-domain answers.
        #expect(!(try KQProcess.run(["ask", "What is KAP?"])).stdout.contains("medical advice"))
    }

    @Test func noPluginsAndAForcedPlugin() throws {
        let alone = try json(try KQProcess.run(["ask", "--json", "--no-plugins", Self.dosingQuestion]))
        #expect(alone["answeredBy"] as? String == "retriever")
        let forced = try KQProcess.run(["ask", "--json", "--plugin", "cost", Self.dosingQuestion])
        #expect(forced.status == 1)
        #expect(try json(forced)["answeredBy"] as? String == "none")
        let unknown = try KQProcess.run(["ask", "--plugin", "astrology", Self.dosingQuestion])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("safety, dosing, cost, retriever"))
        #expect(try KQProcess.run(["ask", "--plugin", "cost", "--no-plugins", "x"]).status == 2)
    }

    @Test func crisisResourcesComeFirstAndCanBeReplaced() throws {
        let question = "I have been thinking about suicide. Can ketamine help me?"
        let text = try KQProcess.run(["ask", question])
        #expect(text.stdout.hasPrefix("If you are thinking about suicide"))
        #expect(text.stdout.contains("988"))
        let replaced = try json(try KQProcess.run(["ask", "--json", "--no-plugins", question],
                                                  environment: ["KQ_CRISIS_MESSAGE": "Call Lifeline Australia."]))
        #expect((replaced["answer"] as? String)?.hasPrefix("Call Lifeline Australia.") == true)
        // A message's escape codes reach neither the terminal nor the JSON.
        let escaped = try KQProcess.run(["ask", "--json", "--no-plugins", question],
                                        environment: ["KQ_CRISIS_MESSAGE": "\u{1B}[31mCall now.\u{1B}[0m"])
        #expect(!escaped.stdout.contains("\\u001b") && !escaped.stdout.contains("\u{1B}"), "\(escaped.stdout)")
        #expect((try json(escaped)["answer"] as? String)?.hasPrefix("Call now.") == true)
        #expect(replaced["crisis"] as? Bool == true)
        let config = try KQProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: config) }
        try FileManager.default.createDirectory(at: config.appendingPathComponent("kq"), withIntermediateDirectories: true)
        try Data("Call Samaritans.\n".utf8).write(to: config.appendingPathComponent("kq/crisis.txt"))
        let fromFile = try KQProcess.run(["ask", question], environment: ["XDG_CONFIG_HOME": config.path])
        #expect(fromFile.stdout.hasPrefix("Call Samaritans."))
        let emptied = try KQProcess.run(["ask", question], environment: ["KQ_CRISIS_MESSAGE": "  "])
        #expect(emptied.stdout.hasPrefix("If you are thinking about suicide"))
    }

    @Test func jsonCarriesTheCrisisCategoryAndWhomItConcerns() throws {
        let own = try json(try KQProcess.run(["ask", "--json", "been saving up my pills and i finally have enough"]))
        #expect(own["crisis"] as? Bool == true)
        #expect(own["crisisCategory"] as? String == "getting-means")
        #expect(own["crisisAbout"] as? String == "writer")
        let other = try json(try KQProcess.run(["ask", "--json", "my sister says she is going to kill herself tonight"],
                                               environment: ["KQ_CRISIS_OTHER_MESSAGE": "Stay with her and call 000."]))
        #expect(other["crisis"] as? Bool == true)
        #expect(other["crisisAbout"] as? String == "someone else")
        #expect((other["answer"] as? String)?.hasPrefix("Stay with her and call 000.") == true)
    }

    @Test func aMentionKeepsTheAnswerFirstAndIsNoCrisis() throws {
        let object = try json(try KQProcess.run(["ask", "--json", "does ketamine reduce suicidal thoughts"]))
        #expect(object["crisis"] as? Bool == false)
        #expect(object["crisisCategory"] == nil)
        let answer = try #require(object["answer"] as? String)
        #expect(answer.hasSuffix(CrisisPolicyText.mentionLine))
        #expect(!answer.hasPrefix("If you are thinking"))
        #expect(!(object["citations"] as? [Any] ?? []).isEmpty)
    }

    @Test func explainNamesTheCategoryAndTheWords() throws {
        let result = try KQProcess.run(["ask", "--explain", "thinkin about endin it all tbh"])
        #expect(result.stdout.contains("Crisis signals: crisis (active-thoughts, about writer)"))
        #expect(result.stdout.contains("“ending it all”"))
    }
}

/// The default line after an answer that names the topic, as kq prints it.
enum CrisisPolicyText {
    static let mentionLine = "If this is about you or someone close to you right now: in the US call or text 988; elsewhere, your local emergency services or a crisis line."
}

@Suite struct PipedInputTests {
    @Test func crisisResourcesComeFirstForThatLineOnly() throws {
        let input = "What is KAP?\ni dont want to be here anymore tbh\nHow long does an IV infusion take?\n"
        let result = try KQProcess.run([], stdin: Data(input.utf8))
        let answers: [String] = Array(result.stdout.components(separatedBy: "Q: ").dropFirst())
        try #require(answers.count == 3)
        #expect(answers.filter { $0.contains("988") }.count == 1)
        let crisis = answers[1]
        let lines = crisis.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.dropFirst().first?.hasPrefix("If you are thinking about suicide") == true, "\(crisis)")
    }

    /// A session that outlives an edit answers from the folder as it is now: it once went on
    /// quoting a file after it was deleted.
    @Test func aLongSessionSeesTheKnowledgeChange() throws {
        let folder = try KQProcess.folder(with: ["old.md": "# Infusions\n\nAn infusion of ketamine is given over 40 minutes in a clinic.\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        // The second question is written only once the first is answered, and after the edit.
        let script = """
        cd "$1" && mkfifo in || exit 1
        ("$0" --knowledge "$1" < in > out 2> err; echo "status $?" >> err) &
        exec 3> in
        echo "How long is an infusion of ketamine?" >&3
        for i in $(seq 400); do grep -q "40 minutes" out 2>/dev/null && break; sleep 0.05; done
        rm old.md
        printf '# Infusions\n\nAn infusion of ketamine now takes 90 minutes.\n' > new.md
        echo "How long is an infusion of ketamine?" >&3
        exec 3>&-
        wait
        cat out; echo ---; cat err
        """
        let result = try KQProcess.run(["-c", script, KQProcess.executable.path, folder.path],
                                       executable: URL(fileURLWithPath: "/bin/sh"),
                                       environment: ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path])
        let parts = result.stdout.components(separatedBy: "---\n")
        try #require(parts.count == 2, "\(result.stdout)")
        let answers = Array(parts[0].components(separatedBy: "Q: ").dropFirst())
        try #require(answers.count == 2, "\(parts[0])")
        #expect(answers[0].contains("40 minutes") && answers[0].contains("old.md"), "\(answers[0])")
        #expect(answers[1].contains("90 minutes") && !answers[1].contains("old.md"), "\(answers[1])")
        #expect(parts[1].contains("was added; reading the Knowledge again") || parts[1].contains("was removed; reading the Knowledge again"), "\(parts[1])")
        #expect(parts[1].hasSuffix("status 0\n"), "\(parts[1])")
    }

    @Test func answersEachLineWithoutPromptOrEscapes() throws {
        let input = "When was ketamine approved as an anesthetic?\n\nWhat is KAP?\n"
        let result = try KQProcess.run([], stdin: Data(input.utf8))
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "Q: ").count == 3)
        #expect(result.stdout.contains("1970s"))
        #expect(result.stdout.contains("assisted psychotherapy"))
        #expect(!result.stdout.contains("kq>"))
        #expect(!result.stdoutBytes.contains(0x1B))
    }

    @Test func oddBytesAndHugeLinesDoNotStopIt() throws {
        var input = Data([0xFF, 0xFE, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 0x0A])  // invalid UTF-8, NUL, ESC[2J
        input.append(Data(repeating: UInt8(ascii: "a"), count: 200_000))
        input.append(Data("\nWhat is KAP?\n".utf8))
        let result = try KQProcess.run([], stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout.contains("assisted psychotherapy"))
        #expect(!result.stdoutBytes.contains(0x1B))
        #expect(result.stderr.contains("cut"))
    }
}
