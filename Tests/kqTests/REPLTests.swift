import Foundation
import Testing
@testable import kq

@Suite struct REPLCommandTests {
    @Test func parsesCommandsAndTheirArguments() {
        #expect(REPLCommand(parsing: ":help") == .help)
        #expect(REPLCommand(parsing: ":sources") == .sources)
        #expect(REPLCommand(parsing: ":plugins") == .plugins)
        #expect(REPLCommand(parsing: ":explain") == .explain)
        #expect(REPLCommand(parsing: ":quit") == .quit)
        #expect(REPLCommand(parsing: ":q") == .quit)
        #expect(REPLCommand(parsing: ":top 5") == .top(5))
        #expect(REPLCommand(parsing: ":top") == .top(nil))
    }

    @Test func rejectsBadArgumentsAndUnknownCommands() {
        #expect(REPLCommand(parsing: ":top 0") == .invalid(":top takes a whole number from 1 up"))
        #expect(REPLCommand(parsing: ":top many") == .invalid(":top takes a whole number from 1 up"))
        guard case .invalid(let message) = REPLCommand(parsing: ":frobnicate") else {
            Issue.record("an unknown command must be reported")
            return
        }
        #expect(message.contains(":frobnicate"))
    }

    @Test func everyCompletableNameParses() {
        for name in REPLCommand.names {
            if case .invalid = REPLCommand(parsing: name) { Issue.record("\(name) does not parse") }
        }
    }
}

@Suite struct HistoryFileTests {
    @Test func followsXDGStateHome() {
        #expect(HistoryFile.url(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/kq/history")
        #expect(HistoryFile.url(environment: ["HOME": "/h"])?.path == "/h/.local/state/kq/history")
        // The XDG spec says relative paths are invalid and must be ignored.
        #expect(HistoryFile.url(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"])?.path == "/h/.local/state/kq/history")
        #expect(HistoryFile.url(environment: [:]) == nil)
    }
}

@Suite struct OutputTests {
    @Test func sanitizerDropsControlCharactersButKeepsText() {
        // Sequences go whole; the C1 CSI (U+009B) takes `d` as its final character, as a terminal would.
        #expect(Sanitizer.clean("a\u{1B}]0;title\u{07}b\u{1B}[2Jc\r\n\u{9B}d\te") == "abc\n e")
        #expect(Sanitizer.clean("x\ny", keepNewlines: false) == "x y")
        // Bidirectional overrides and isolates would reorder what the terminal shows.
        #expect(Sanitizer.clean("evil\u{202E}txt.exe \u{2066}a\u{2069} \u{200F}") == "eviltxt.exe a \u{200F}")
    }

    @Test func styleHonoursNoColor() {
        #expect(Style.forStandardOutput(environment: ["NO_COLOR": "1"]).enabled == false)
        #expect(Style.forStandardOutput(environment: ["TERM": "xterm-256color"], isTerminal: true).enabled)
        #expect(Style.forStandardOutput(environment: [:], isTerminal: true).enabled == false)
        #expect(Style.forStandardOutput(environment: ["TERM": "dumb"], isTerminal: true).enabled == false)
        #expect(Style.plain.bold("x") == "x")
        #expect(Style(enabled: true).bold("x") == "\u{1B}[1mx\u{1B}[0m")
    }

    @Test func wrapsAtWordBoundaries() {
        #expect(TextLayout.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(TextLayout.wrap("a b", width: 10, indent: "> ") == ["> a b"])
    }
}

/// The REPL on a terminal: `script` gives kq a pseudo-terminal, as a person's shell would.
@Suite struct REPLSessionTests {
    @Test func crisisResourcesComeFirstInTheREPL() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "util-linux's script runs the REPL on a terminal")
        let command = "\(KQProcess.executable.path) --quiet"
        let result = try KQProcess.run(["-qec", command, "/dev/null"], stdin: Data("everyone would be better off without me\n:quit\n".utf8),
                                       executable: script, environment: ["NO_COLOR": "1", "TERM": "xterm"])
        let afterPrompt = try #require(result.stdout.components(separatedBy: "kq> ").dropFirst().first)
        let lines = afterPrompt.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "everyone would be better off without me")
        #expect(lines.dropFirst().first?.hasPrefix("If you are thinking about suicide") == true, "\(afterPrompt)")
    }
}
