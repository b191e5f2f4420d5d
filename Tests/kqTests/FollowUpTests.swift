import Foundation
import Testing

/// A follow-up that names no subject takes the previous question's (REPL and piped input alike,
/// through the session's conversation); `:new` forgets it; a one-shot `kq ask` has no history.
@Suite struct FollowUpTests {
    static let files = [
        "zorfen.md": "# Zorfen Tablets: Drug Facts\n\n## Side effects\n\nThe most common side effects of zorfen are nausea and headache.\n",
        "quellamide.md": "# Quellamide Tablets: prescribing information\n\n## DOSAGE AND ADMINISTRATION\n\nThe usual adult dose of quellamide is 200 mg once daily.\n\n## ADVERSE REACTIONS\n\nThe most common adverse reaction to quellamide is dizziness.\n",
        "glossary.md": "# Insurance glossary\n\n## Copayment\n\nA fixed amount you pay for a covered health care service.\n",
    ]

    @Test func aFollowUpTakesTheSubjectBeforeItUntilNew() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let questions = "What is the usual dose of quellamide?\nand what are its side effects?\n:new\nand what are its side effects?\n"
        let result = try KQProcess.run(["--knowledge", folder.path], stdin: Data(questions.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let answers = result.stdout.components(separatedBy: "\nQ: ")
        #expect(answers.count == 3, "\(result.stdout)")
        guard answers.count == 3 else { return }
        #expect(answers[0].contains("200 mg"))
        #expect(answers[1].contains("about: quellamide"), "\(answers[1])")
        #expect(answers[1].contains("dizziness") && !answers[1].contains("nausea"), "\(answers[1])")
        // Forgotten: the same words no longer say whose side effects.
        #expect(!answers[2].contains("about:"), "\(answers[2])")
    }

    @Test func aQuestionNamingItsOwnSubjectInheritsNothing() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let questions = "What is the usual dose of quellamide?\nWhat are the side effects of zorfen?\n"
        let result = try KQProcess.run(["--knowledge", folder.path], stdin: Data(questions.utf8))
        let second = try #require(result.stdout.components(separatedBy: "\nQ: ").last)
        #expect(!second.contains("about:"), "\(second)")
        #expect(second.contains("nausea"), "\(second)")
    }

    @Test func jsonSaysWhatAFollowUpIsAboutAndAOneShotAskHasNoHistory() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = try KQProcess.run(["ask", "--json", "--knowledge", folder.path, "and what are its side effects?"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
        #expect(object["about"] == nil)
    }
}
