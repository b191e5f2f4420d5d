import Core
import Foundation

/// Runs the built `kq` binary, which SwiftPM places beside the test bundle.
struct KQProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let stdoutBytes: Data
    }

    static var executable: URL {
        let testBinary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        // On Linux the test binary is .build/<config>/kqPackageTests.xctest; kq sits beside it.
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("kq").path), directory.path != "/" {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("kq")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A new temporary folder holding `files` (name → text); the caller removes it.
    static func folder(with files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kq-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// One cache for the whole test process, removed by the system's temporary-file cleaning.
    static let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("kq-tests-cache-\(getpid())")

    /// kq's own state for the test process (REPL history, notes said once), with the note that
    /// the sentence encoder is missing already said: only the test of that note should see it.
    static let stateHome: URL = {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("kq-tests-state-\(getpid())")
        try? FileManager.default.createDirectory(at: state.appendingPathComponent("kq"), withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: state.appendingPathComponent("kq/said-how-to-install-the-encoder").path, contents: nil)
        return state
    }()

    /// The data folder holding the sentence encoder's model, as the set-up step installed it.
    /// Tests run kq without it, so ranking lexically as most of them assert and without
    /// embedding every temporary folder; tests of dense and hybrid retrieval pass this.
    static let withModel = ["XDG_DATA_HOME": SentenceEncoder.installedFolder()  // …/kq/models/all-MiniLM-L6-v2
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path]

    static func run(_ arguments: [String], stdin: Data? = nil, executable: URL = KQProcess.executable,
                    environment: [String: String] = [:], directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "KQ_KNOWLEDGE")
        // A developer's own crisis message must not change what the tests see.
        for variable in ["KQ_CRISIS_MESSAGE", "KQ_CRISIS_OTHER_MESSAGE", "KQ_CRISIS_LINE"] { env.removeValue(forKey: variable) }
        env["XDG_CONFIG_HOME"] = "/nonexistent/kq-tests-config"
        // Indexes of the tests' temporary folders stay out of the developer's cache.
        env["XDG_CACHE_HOME"] = cacheHome.path
        env["XDG_STATE_HOME"] = stateHome.path
        env["XDG_DATA_HOME"] = "/nonexistent/kq-tests-data"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        // Files rather than pipes: no reader threads, and no deadlock however much either side writes.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kq-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out"),
            errURL = scratch.appendingPathComponent("err")
        try (stdin ?? Data()).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let errors = try FileHandle(forWritingTo: errURL)
        defer { try? input.close(); try? output.close(); try? errors.close() }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let outData = try Data(contentsOf: outURL)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), stdoutBytes: outData)
    }
}
