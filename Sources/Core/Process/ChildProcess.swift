import CSpawn
import Foundation

/// Runs a program with some bytes on its standard input, no terminal, a clean environment and
/// an empty working folder, and takes its standard output and error, within a time limit. External
/// answerers and the PDF reader (poppler's pdftotext) run so. Input and
/// output go through files, not pipes, so neither side can block on a full pipe however much it
/// writes.
///
/// posix_spawn rather than Foundation's Process, for two things Process cannot ask for: the
/// program starts a session of its own (`POSIX_SPAWN_SETSID`), so it has no controlling
/// terminal to open, and it leads a process group, so a program out of time is killed with
/// everything it started.
package struct ChildProcess {
    package struct Outcome {
        package enum Ending: Equatable {
            case exited(Int32)
            case killed(Int32)
            case timedOut
        }

        package let ending: Ending
        package let output: Data
        /// Whether it printed more than the output limit, of which `output` is the start.
        package let overflowed: Bool
        /// The start of what it wrote to standard error: why a program failed.
        package let errors: String
    }

    /// Output beyond this is not read, unless asked: an answer is a few lines.
    package static let maximumOutput = 1 << 20

    /// What a child may see of kq's environment: enough to find an interpreter and to read
    /// UTF-8, nothing of the user's tokens or keys.
    static let keptVariables = ["PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR"]

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package static func run(_ executable: URL, arguments: [String] = [], input: Data, timeout: Double,
                            maximumOutput: Int = maximumOutput) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kq-child-\(UUID().uuidString)")
        let work = scratch.appendingPathComponent("work")
        // Input and output hold the user's documents: for the user's eyes only.
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inPath = scratch.appendingPathComponent("in").path, outPath = scratch.appendingPathComponent("out").path
        let errorPath = scratch.appendingPathComponent("errors").path
        try input.write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        cspawn_addchdir(&actions, work.path)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        cspawn_setsid(&attributes)

        let environment = ProcessInfo.processInfo.environment.filter { keptVariables.contains($0.key) }.map { "\($0.key)=\($0.value)" }
        let argv = [executable.path] + arguments
        var pid: pid_t = 0
        let status = withCStrings(argv) { argv in
            withCStrings(environment) { environment in
                posix_spawn(&pid, executable.path, &actions, &attributes, argv, environment)
            }
        }
        guard status == 0 else { throw Failure(description: String(cString: strerror(status))) }
        // Output past the limit is not read, nor may it fill the disk: a file grown past it
        // ends the program (SIGXFSZ). Set as it starts, before it has read its input.
        _ = cspawn_limit_file_size(pid, UInt64(maximumOutput + 1))

        let ending = wait(for: pid, timeout: timeout)
        let output = start(of: outPath, count: maximumOutput + 1)
        let errors = String(decoding: start(of: errorPath, count: 4096), as: UTF8.self)
        return Outcome(ending: ending, output: output.prefix(maximumOutput), overflowed: output.count > maximumOutput, errors: errors)
    }

    private static func start(of path: String, count: Int) -> Data {
        guard let reader = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? reader.close() }
        return (try? reader.read(upToCount: count)) ?? Data()
    }

    /// Waits for the program to end, polling, up to `timeout`; past it, kills its whole group.
    private static func wait(for pid: pid_t, timeout: Double) -> Outcome.Ending {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var status: Int32 = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { return .killed(SIGKILL) }
            if DispatchTime.now().uptimeNanoseconds >= deadline {
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                return .timedOut
            }
            usleep(2_000)
        }
        // Whatever it started is stopped with it.
        kill(-pid, SIGKILL)
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .killed(signal)
    }

    /// NUL-terminated C strings for `strings`, alive for the call.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
