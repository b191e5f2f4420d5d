import Core
import Foundation

/// Finds external answerers, programs named `kq-answerer-NAME` on `PATH` or in an answerers
/// folder, and reads each one's manifest (`--manifest`). A manifest is kept in the cache beside
/// the program's size and time, so a program is run at start-up only when it is new or has
/// changed, as nushell keeps its plugins' signatures.
struct ExternalDiscovery {
    static let prefix = "kq-answerer-"
    /// How long a program may take to print its manifest.
    static let manifestTimeout = 2.0

    /// The file manifests are kept in; nil keeps none.
    let cache: URL?
    let warn: @Sendable (String) -> Void

    /// The programs of `folders` named as answerers and executable, by name; of two of one
    /// name, the first folder's, as a shell finds a command on `PATH`.
    static func programs(in folders: [URL]) -> [URL] {
        var seen = Set<String>()
        return folders.flatMap(programs(in:)).filter { seen.insert($0.lastPathComponent).inserted }
    }

    /// The programs in `folder` named as answerers and executable, by name.
    static func programs(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }.sorted()
            .map { folder.appendingPathComponent($0) }
            .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Each program's manifest; a program whose manifest cannot be had is skipped with one
    /// warning. What went wrong is kept as a manifest is, so a broken program is not run again
    /// at every start, only when it changes.
    func manifests(of programs: [URL]) -> [(URL, ExternalProtocol.Manifest)] {
        guard !programs.isEmpty else { return [] }
        var kept = readCache()
        var found: [(URL, ExternalProtocol.Manifest)] = []
        var changed = false
        for program in programs {
            let stamp = Self.stamp(program)
            var entry = kept[program.path]
            if entry?.stamp != stamp {
                entry = ask(program, stamp: stamp)
                kept[program.path] = entry
                changed = true
            }
            if let manifest = entry?.manifest {
                found.append((program, manifest))
            } else {
                warn("kq: skipped the answerer \(program.path): \(entry?.problem ?? "no manifest")")
            }
        }
        if changed { writeCache(kept) }
        return found
    }

    private func ask(_ program: URL, stamp: [Int64]) -> Entry {
        func failed(_ problem: String) -> Entry { Entry(stamp: stamp, manifest: nil, problem: problem) }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(program, arguments: ["--manifest"], input: Data(), timeout: Self.manifestTimeout)
        } catch {
            return failed("cannot run it (\(ReadableError.describe(error)))")
        }
        guard outcome.ending == .exited(0) else { return failed("`--manifest` did not end well (\(outcome.ending))") }
        guard let manifest = try? JSONDecoder().decode(ExternalProtocol.Manifest.self, from: outcome.output) else {
            return failed("`--manifest` printed no manifest (JSON with protocol, name, summary, cues)")
        }
        guard manifest.protocolVersion == ExternalProtocol.version else {
            return failed("it speaks protocol \(manifest.protocolVersion), kq speaks \(ExternalProtocol.version)")
        }
        // The file's name is the answerer's: a program cannot pass for another answerer.
        guard program.lastPathComponent == Self.prefix + manifest.name, AnswererPack.isValidName(manifest.name) else {
            return failed("its manifest names it \(manifest.name); a program kq-answerer-NAME must be named NAME, in lowercase letters, digits and hyphens")
        }
        return Entry(stamp: stamp, manifest: manifest, problem: nil)
    }

    private struct Entry: Codable {
        let stamp: [Int64]
        let manifest: ExternalProtocol.Manifest?
        let problem: String?
    }

    /// Size, modification time and inode: a program replaced or edited has another.
    private static func stamp(_ program: URL) -> [Int64] {
        var status = stat()
        guard stat(program.path, &status) == 0 else { return [] }
        let (size, modified) = SourceFile.measures(status)
        return [size, modified, Int64(status.st_ino)]
    }

    private func readCache() -> [String: Entry] {
        guard let cache, let data = try? Data(contentsOf: cache) else { return [:] }
        return (try? JSONDecoder().decode([String: Entry].self, from: data)) ?? [:]
    }

    private func writeCache(_ entries: [String: Entry]) {
        guard let cache, let data = try? JSONEncoder().encode(entries) else { return }
        try? FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: cache, options: .atomic)
    }
}
