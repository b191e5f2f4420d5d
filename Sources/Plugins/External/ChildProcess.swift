import Foundation

/// Runs a program with some bytes on its standard input, no terminal, a clean environment and
/// an empty working folder, and takes its standard output, within a time limit. Input and output go through files, not
/// pipes, so neither side can block on a full pipe however much it writes.
struct ChildProcess {
    struct Outcome {
        enum Ending: Equatable {
            case exited(Int32)
            case killed(Int32)
            case timedOut
        }

        let ending: Ending
        let output: Data
    }

    /// Output beyond this is not read: an answer is a few lines.
    static let maximumOutput = 1 << 20

    /// What a child may see of kq's environment: enough to find an interpreter and to read
    /// UTF-8, nothing of the user's tokens or keys.
    static let keptVariables = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR"]

    static func run(_ executable: URL, arguments: [String] = [], input: Data, timeout: Double) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kq-answerer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("in"), outURL = scratch.appendingPathComponent("out")
        try input.write(to: inURL)
        try Data().write(to: outURL)
        let stdin = try FileHandle(forReadingFrom: inURL), stdout = try FileHandle(forWritingTo: outURL)
        defer { try? stdin.close(); try? stdout.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let environment = ProcessInfo.processInfo.environment
        process.environment = environment.filter { keptVariables.contains($0.key) }
        // An empty folder of its own to run in: nothing of the user's around it.
        let work = scratch.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        process.currentDirectoryURL = work
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let ending: Outcome.Ending
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            ending = .timedOut
        } else {
            ending = process.terminationReason == .uncaughtSignal ? .killed(process.terminationStatus) : .exited(process.terminationStatus)
        }
        let reader = try FileHandle(forReadingFrom: outURL)
        defer { try? reader.close() }
        return Outcome(ending: ending, output: try reader.read(upToCount: maximumOutput) ?? Data())
    }
}
