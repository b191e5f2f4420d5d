import Foundation
import Testing

/// Issue 5: a Knowledge folder full of odd files, documents that try to drive the terminal, and
/// odd questions. kq answers from what is good, warns once for each file it skips, and no
/// control byte reaches its output.
@Suite struct HostileInputTests {
    static let good = """
    # Infusions

    An infusion of ketamine is given over 40 minutes in a clinic.
    """

    /// A Knowledge of one good document beside every kind of bad file; the caller removes it.
    static func hostileFolder() throws -> URL {
        let folder = try KQProcess.folder(with: ["good.md": good])
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: folder.appendingPathComponent(name)) }
        try write("empty.md", [])
        try write("binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
        try write("invalid.txt", Array("Pump notes\n\nThe pump beeps \u{FF}".utf8) + [0xFF, 0xFE, 0xC3] + Array(" when the infusion ends.\n".utf8))
        try write("evil.md", Array("# Screen \u{1B}]0;pwned\u{07}title\n\nThe beeper \u{1B}[2J clears\r the \u{07} screen \u{1B}[31m in red \u{9B}31m now.\n".utf8))
        try write("big.txt", [UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20 + 1))
        try write("lines.jsonl", Array("{\"_id\": \"j1\", \"title\": \"Valve\", \"text\": \"The valve whistles \\u001b[5m loudly.\"}\nnot json\n{\"_id\": \"j2\", \"text\": \"bad ".utf8) + [0xFF] + Array(" byte in a lever\"}\n".utf8))
        let links = FileManager.default
        try links.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.md").path, withDestinationPath: "nowhere.md")
        try links.createSymbolicLink(atPath: folder.appendingPathComponent("loop1.md").path, withDestinationPath: "loop2.md")
        try links.createSymbolicLink(atPath: folder.appendingPathComponent("loop2.md").path, withDestinationPath: "loop1.md")
        try links.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try links.createSymbolicLink(atPath: folder.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        #expect(mkfifo(folder.appendingPathComponent("fifo.md").path, 0o644) == 0)
        return folder
    }

    static func run(_ arguments: [String], in folder: URL, stdin: Data? = nil) throws -> KQProcess.Result {
        try KQProcess.run(arguments + ["--knowledge", folder.path, "--max-file-size", "2"], stdin: stdin,
                          environment: ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path])
    }

    static func controlBytes(_ text: String) -> [UInt8] {
        Array(text.utf8).filter { ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) || $0 == 0x7F }
            + (text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) } ? [0x80] : [])
    }

    @Test func aFolderOfBadFilesIsIndexedFromItsGoodOnesWithOneWarningEach() throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let index = try Self.run(["index"], in: folder)
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("documents  5"), "\(index.stdout)")  // good, invalid, evil, j1, j2
        let warnings = index.stderr.split(separator: "\n").map(String.init)
        let expected = [
            "kq: skipped big.txt: 2.0 MB is over the 2 MB limit (--max-file-size)",
            "kq: skipped binary.txt: binary, not text",
            "kq: skipped dangling.md: a link to nothing (nowhere.md)",
            "kq: skipped empty.md: empty",
            "kq: skipped fifo.md: not a regular file",
            "kq: lines.jsonl: skipped 1 of 3 lines, not a JSON object with \"text\" (the first is line 2)",
            "kq: skipped loop1.md: a loop of links",
            "kq: skipped loop2.md: a loop of links",
        ]
        #expect(warnings.sorted() == expected.sorted(), "\(warnings)")

        let ask = try Self.run(["ask", "How long is an infusion of ketamine?"], in: folder)
        #expect(ask.status == 0, "\(ask.stderr)")
        #expect(ask.stdout.contains("40 minutes"), "\(ask.stdout)")
        // Reused, the index is current: nothing is rebuilt, so nothing is warned again.
        #expect(ask.stderr.isEmpty, "\(ask.stderr)")
    }

    @Test func invalidUTF8IsReadWithReplacementNotRejected() throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pump = try Self.run(["search", "pump beeps"], in: folder)
        #expect(pump.stdout.contains("invalid.txt") && pump.stdout.contains("\u{FFFD}"), "\(pump.stdout)")
        let lever = try Self.run(["search", "--format", "json", "lever"], in: folder)
        #expect(lever.stdout.contains("\"j2\""), "\(lever.stdout)")
    }

    @Test(arguments: [
        ["ask", "What clears the screen?"], ["ask", "--json", "What clears the screen?"],
        ["search", "screen beeper"], ["search", "--format", "json", "screen whistles valve"],
        ["search", "--format", "trec", "screen"], ["sources"], ["ask", "--explain", "whistles loudly"],
    ])
    func noControlCharacterFromADocumentReachesTheOutput(arguments: [String]) throws {
        let folder = try Self.hostileFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Self.run(arguments, in: folder)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(Self.controlBytes(result.stdout).isEmpty, "\(Array(result.stdout.utf8))")
        #expect(Self.controlBytes(result.stderr).isEmpty, "\(result.stderr)")
        // The escape sequences go whole: no `]0;pwned` or `[2J` left behind.
        #expect(!result.stdout.contains("pwned") && !result.stdout.contains("[2J") && !result.stdout.contains("31m"))
    }

    /// Error messages quote what was typed; an escape sequence in it does not get through.
    @Test(arguments: [
        ["ask", "--top", "\u{1B}[2J", "hi"], ["--no-such-\u{1B}]0;pwned\u{07}"],
        ["ask", "--knowledge", "/nonexistent/\u{1B}[31mred", "hi"],
    ])
    func errorMessagesCarryNoControlCharacters(arguments: [String]) throws {
        let result = try KQProcess.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
        #expect(Self.controlBytes(result.stderr).isEmpty, "\(result.stderr)")
        #expect(!result.stderr.contains("pwned") && !result.stderr.contains("[2J") && !result.stderr.contains("[31m"))
    }

    @Test func aFileNamedWithAnEscapeSequenceIsWarnedAboutCleanly() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("\u{1B}]0;pwned\u{07}.md"))
        let result = try Self.run(["index"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("kq: skipped ") && result.stderr.contains(": empty"), "\(result.stderr)")
        #expect(Self.controlBytes(result.stderr).isEmpty, "\(result.stderr)")
    }

    /// Names that are not UTF-8 and paths past PATH_MAX were once passed over without a word.
    @Test func filesWithUnreadableNamesOrPathsAreWarnedAboutOnce() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { Self.remove(folder) }
        let root = open(folder.path, O_RDONLY | O_DIRECTORY)
        defer { close(root) }
        func create(in parent: Int32, _ name: [UInt8], folder: Bool) -> Int32 {
            let cName = name.map { CChar(bitPattern: $0) } + [0]
            if folder {
                mkdirat(parent, cName, 0o755)
                return openat(parent, cName, O_RDONLY | O_DIRECTORY)
            }
            let file = openat(parent, cName, O_WRONLY | O_CREAT, 0o644)
            _ = Self.good.withCString { write(file, $0, strlen($0)) }
            return file
        }
        close(create(in: root, Array("caf".utf8) + [0xE9] + Array(".md".utf8), folder: false))  // Latin-1 “café.md”
        let latin = create(in: root, [0x64, 0xE9, 0x6A, 0xE0], folder: true)  // “déjà”
        close(create(in: latin, Array("inside.md".utf8), folder: false))
        close(latin)
        // Twenty-one folders of 200 bytes put a file past the 4,096 bytes a path may have.
        var deep = root
        for _ in 0..<21 { let next = create(in: deep, Array(repeating: UInt8(ascii: "d"), count: 200), folder: true); if deep != root { close(deep) }; deep = next }
        close(create(in: deep, Array("far.md".utf8), folder: false))
        close(deep)

        let index = try Self.run(["index"], in: folder)
        #expect(index.status == 0, "\(index.stderr)")
        #expect(index.stdout.contains("documents  1"), "\(index.stdout)")
        let warnings = index.stderr.split(separator: "\n").map(String.init)
        let long = String(repeating: "d", count: 200)
        #expect(warnings.contains("kq: skipped caf\u{FFFD}.md: its name is not UTF-8 (shown here with \u{FFFD})"), "\(warnings)")
        #expect(warnings.contains("kq: skipped d\u{FFFD}j\u{FFFD}: a folder whose name is not UTF-8; nothing in it is read"), "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("kq: skipped \(long)/") && $0.hasSuffix("over the system's limit of 4095; nothing in it is read") }, "\(warnings)")
        #expect(warnings.count == 3, "\(warnings)")
        let ask = try Self.run(["ask", "How long is an infusion of ketamine?"], in: folder)
        #expect(ask.stdout.contains("40 minutes"), "\(ask.stdout)")
        #expect(ask.stderr.isEmpty, "\(ask.stderr)")
    }

    /// Removes a folder whatever its names and depth, which Foundation's removal cannot.
    static func remove(_ folder: URL) {
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", folder.path]
        try? rm.run()
        rm.waitUntilExit()
    }

    /// Makes `file` a Markdown file kq cannot read, or returns false. Permissions stop anyone
    /// but root; root reads every file, so for root the file becomes a link to a write-only
    /// kernel attribute, which refuses reading even to root.
    static func makeUnreadable(_ file: URL) throws -> Bool {
        try Data("# Secret\n\nThe secret infusion lasts 90 minutes.\n".utf8).write(to: file)
        chmod(file.path, 0)
        if access(file.path, R_OK) != 0 { return true }
        try FileManager.default.removeItem(at: file)
        let attribute = "/sys/bus/pci/rescan"
        try? FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: attribute)
        let descriptor = open(file.path, O_RDONLY)
        if descriptor >= 0 { close(descriptor); return false }
        return errno == EACCES
    }

    @Test func anUnreadableFileIsSkippedWithAWarning() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("secret.md")
        try #require(try Self.makeUnreadable(secret), "no way to make a file this user cannot read")
        let ask = try Self.run(["ask", "How long is an infusion of ketamine?"], in: folder)
        #expect(ask.status == 0)
        #expect(ask.stdout.contains("40 minutes") && !ask.stdout.contains("90 minutes"), "\(ask.stdout)")
        #expect(ask.stderr == "kq: skipped secret.md: cannot be read (Permission denied)\n", "\(ask.stderr)")
    }

    @Test func aClosedStandardErrorDoesNotTakeTheIndexsPlace() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        // A skipped file makes the build warn, which with fd 2 closed once went into the index.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.md").path, withDestinationPath: "nowhere.md")
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path]
        let closed = try KQProcess.run(["-c", "exec 2>&-; exec \"$0\" \"$@\"", KQProcess.executable.path, "index", "--knowledge", folder.path],
                                       executable: URL(fileURLWithPath: "/bin/sh"), environment: cache)
        #expect(closed.status == 0)
        // The index it wrote is whole and current: the next command neither rebuilds nor warns.
        let ask = try KQProcess.run(["ask", "--knowledge", folder.path, "How long is an infusion?"], environment: cache)
        #expect(ask.stderr.isEmpty, "\(ask.stderr)")
        #expect(ask.stdout.contains("40 minutes"), "\(ask.stdout)")
    }

    /// Runs kq through the shell, for redirections the tests cannot make with `Process`.
    static func shell(_ script: String, _ arguments: [String], environment: [String: String] = [:]) throws -> KQProcess.Result {
        try KQProcess.run(["-c", script, KQProcess.executable.path] + arguments, executable: URL(fileURLWithPath: "/bin/sh"),
                          environment: environment)
    }

    @Test func writeErrorsAreReportedAndAClosedPipeEndsQuietly() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        let knowledge = ["--knowledge", folder.path]
        // A full device: one line and exit 2, for print's output and for search's TREC lines.
        for arguments in [["ask", "--json"] + knowledge + ["How long is an infusion?"], ["search", "--format", "trec"] + knowledge + ["infusion"]] {
            let full = try Self.shell("exec \"$0\" \"$@\" > /dev/full", arguments)
            #expect(full.status == 2, "\(arguments): \(full.stderr)")
            #expect(full.stderr == "kq: cannot write the output: No space left on device\n", "\(full.stderr)")
        }
        // A reader that goes away, with SIGPIPE ignored: no trap, no message.
        let queries = folder.appendingPathComponent("q.jsonl")
        try Data((1...2000).map { "{\"_id\": \"q\($0)\", \"text\": \"infusion\"}\n" }.joined().utf8).write(to: queries)
        let piped = try Self.shell("trap '' PIPE; \"$0\" \"$@\" | head -1 > /dev/null; echo \"status $?\" >&2",
                                   ["search", "--queries", queries.path, "--format", "trec"] + knowledge)
        #expect(piped.stderr == "status 0\n", "\(piped.stderr)")
        // With stderr unwritable, a build that warns still writes its index.
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("dangling.md").path, withDestinationPath: "nowhere.md")
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path]
        let warned = try Self.shell("exec \"$0\" \"$@\" 2> /dev/full", ["index"] + knowledge, environment: cache)
        #expect(warned.status == 0)
        let next = try KQProcess.run(["ask"] + knowledge + ["How long is an infusion?"], environment: cache)
        #expect(next.stderr.isEmpty, "\(next.stderr)")
        #expect(next.stdout.contains("40 minutes"))
    }

    @Test func aMissingHomeIsNotCreated() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        let home = folder.appendingPathComponent("nonexistent/home")
        // An empty XDG_CACHE_HOME is unset, so the cache would be ~/.cache/kq.
        let result = try KQProcess.run(["ask", "--knowledge", folder.path, "How long is an infusion?"],
                                       environment: ["HOME": home.path, "XDG_CACHE_HOME": ""])
        #expect(result.status == 0)
        #expect(result.stdout.contains("40 minutes"))
        #expect(!FileManager.default.fileExists(atPath: home.path), "kq created the missing home \(home.path)")
        #expect(result.stderr.contains("(No such file or directory); indexing in memory"), "\(result.stderr)")
    }

    @Test func aCacheThatCannotBeWrittenIsReportedInOneReadableLine() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try KQProcess.run(["ask", "--knowledge", folder.path, "How long is an infusion?"],
                                       environment: ["XDG_CACHE_HOME": "/dev/null/cache"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("40 minutes"), "\(result.stdout)")
        #expect(result.stderr == "kq: cannot write an index to /dev/null/cache/kq (Not a directory); indexing in memory for this run\n",
                "\(result.stderr)")
    }

    @Test func aDocumentOverThePassageLimitKeepsItsFirstPassagesWithAWarning() throws {
        let paragraphs = (1...30).map { "Paragraph \($0) says the infusion pump number \($0) is calibrated weekly by the nurse on duty." }
        let folder = try KQProcess.folder(with: ["long.md": "# Pumps\n\n" + paragraphs.joined(separator: "\n\n")])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try KQProcess.run(["index", "--knowledge", folder.path, "--max-passages", "3"],
                                       environment: ["XDG_CACHE_HOME": folder.appendingPathComponent(".cache").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("passages   3"), "\(result.stdout)")
        #expect(result.stderr.contains("kq: long.md: only the first 3 passages of long.md are indexed (--max-passages)"), "\(result.stderr)")
    }

    @Test func oddQuestionsGetAClearAnswerAndTheREPLAnswersTheNextLine() throws {
        let folder = try KQProcess.folder(with: ["good.md": Self.good])
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SystemRandomNumberGenerator()
        let random = (0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }.map { $0 == 0x0A ? 0x20 : $0 }
        var letters = SystemRandomNumberGenerator()
        let nonsense = (0..<2_000).map { _ in String((0..<6).map { _ in "bcdfghjklmnpqrstvwxz".randomElement(using: &letters)! }) }
            .joined(separator: " ")
        var input = Data()
        for line in [[UInt8](), Array("the of and is".utf8), Array("?!..,;".utf8), random, Array(nonsense.utf8),
                     Array("keta".utf8) + [0] + Array("mine\u{1B}[2J infusion".utf8),
                     Array("مرحبا ketamine 😀 infusion".utf8), Array(String(repeating: "infusion time ", count: 8_000).utf8),
                     Array("How long is an infusion?".utf8)] {
            input.append(contentsOf: line + [0x0A])
        }
        let started = Date()
        let result = try Self.run([], in: folder, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 120)  // not a speed test (a debug build, maybe a busy machine): a hang would never end
        #expect(result.stderr.contains("kq: a question over 65536 bytes was cut to that length"))
        #expect(result.stdout.contains("There is nothing to look up in that question"), "\(result.stdout.prefix(2000))")
        // NUL and ESC are dropped before the question is read, so the word survives whole.
        #expect(result.stdout.contains("Q: ketamine infusion"), "\(result.stdout.suffix(3000))")
        // Long questions come back short: the echo is cut, unknown words are counted, not
        // listed or “corrected” one by one.
        // By bytes: a random line that starts with a combining mark joins it to the echo's
        // space, and the line then has no "Q: " prefix as Characters compare.
        let echoes = result.stdout.split(separator: "\n").filter { $0.utf8.starts(with: "Q: ".utf8) }
        #expect(echoes.count == 8 && echoes.allSatisfy { $0.count <= 204 }, "\(echoes.map(\.count))")
        let block = result.stdout.components(separatedBy: "Q: \(nonsense.prefix(100))").last ?? ""
        let nonsenseAnswer = block.components(separatedBy: "\nQ: ").first ?? ""
        #expect(nonsenseAnswer.contains("other words") && !nonsenseAnswer.contains("instead"), "\(nonsenseAnswer)")
        #expect(result.stdout.utf8.count < 30_000, "\(result.stdout.utf8.count) bytes of output")
        let last = result.stdout.components(separatedBy: "Q: How long is an infusion?").last ?? ""
        #expect(last.contains("40 minutes"), "\(last)")
        #expect(Self.controlBytes(result.stdout).isEmpty)
    }
}
