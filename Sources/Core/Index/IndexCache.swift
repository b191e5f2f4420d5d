import Foundation

/// Index files kept between runs, one per Knowledge root, in `$XDG_CACHE_HOME/kq` (else
/// `~/.cache/kq`). An index is used while it is current: same format, same settings, and the
/// root holds the same files with the same sizes and modification times. Otherwise it is
/// rebuilt, into a temporary file renamed over the old one, so that a reader never sees half an
/// index and an interrupted or concurrent build leaves the previous one whole.
public struct IndexCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Why an index is being built.
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case missing
        case changed(String)
        case unusable(String)

        public var description: String {
            switch self {
            case .missing: "no index yet"
            case .changed(let what): what
            case .unusable(let why): why
            }
        }
    }

    /// A Knowledge opened through the cache, and what was built to open it, if anything.
    public struct Opened {
        public let knowledge: Knowledge
        public let built: (reason: Reason, summary: IndexWriter.Summary, seconds: Double)?
        /// The index file it was read from; nil when it was indexed in memory.
        public let file: URL?
    }

    /// What has changed in `root` since `opened` was read from it, or nil when nothing has:
    /// for a long session (the REPL) to ask between questions. It lists and `stat`s each file
    /// and reads nothing, as the check that `open` makes.
    public func change(since opened: Opened, root: URL, settings: IndexSettings = IndexSettings(),
                       loader: KnowledgeLoader = KnowledgeLoader()) -> String? {
        let files: [SourceFile.Located]
        do { files = try loader.files(in: root) } catch { return "\(error)" }
        return Self.change(from: opened.knowledge.index, to: files.map(\.file), root: root, settings: settings,
                           written: opened.file.flatMap { Self.modificationTime(of: $0.path) })
    }

    /// The index file for `root`: named after the folder for people, and a 64-bit hash of its
    /// full path so that two folders of one name do not share a file (32 bits collide among a
    /// few ten thousand roots; then each would rebuild over the other's index).
    public func location(for root: URL) -> URL {
        let path = root.standardizedFileURL.path
        let hash = Checksum.hash(path)
        let name = root.standardizedFileURL.lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return directory.appendingPathComponent("\(name.prefix(40))-\(String(hash, radix: 16)).kqindex")
    }

    /// Opens the cached index of `root`, building it first when it is missing, stale or
    /// damaged. A damaged one is reported through `warn` before it is replaced.
    public func open(root: URL, analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                     loader: KnowledgeLoader = KnowledgeLoader(), warn: (String) -> Void = { _ in },
                     progress: @escaping (IndexProgress) -> Void = { _ in }) throws -> Opened {
        let files = try loader.files(in: root)
        let file = location(for: root)
        var reason = Reason.missing
        if case .current(let opened) = current(file, root: root, files: files, settings: settings, reason: &reason, warn: warn) {
            return opened
        }
        // One build at a time: a process that finds the index stale while another builds it
        // waits for that build, then uses it (twenty readers of a stale MedQuAD index once
        // each rebuilt it). Without a lock (a cache that cannot be written) each builds alone.
        let lock = (try? makePrivateDirectory()) != nil ? Self.lock(file) : nil
        defer { if let lock { flock(lock, LOCK_UN); close(lock) } }
        if lock != nil, case .current(let opened) = current(file, root: root, files: files, settings: settings, reason: &reason, warn: { _ in }) {
            return opened
        }
        let started = DispatchTime.now().uptimeNanoseconds
        let summary: IndexWriter.Summary
        do {
            summary = try build(root: root, files: files, analyzer: analyzer, settings: settings, loader: loader,
                                warn: warn, progress: progress)
        } catch let failure as KnowledgeLoader.Failure {
            throw failure
        } catch {
            // A cache that cannot be written (a read-only home, a full disk) must not stop kq
            // answering: the index is built in memory instead, for this run only.
            warn("kq: cannot write an index to \(directory.path) (\(ReadableError.describe(error))); indexing in memory for this run")
            let knowledge = try Knowledge.load(from: root, analyzer: analyzer, settings: settings, loader: loader, warn: warn)
            return Opened(knowledge: knowledge, built: nil, file: nil)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let reader = try IndexReader(path: file.path)
        return Opened(knowledge: Knowledge(root: root, index: reader), built: (reason, summary, seconds), file: file)
    }

    /// Builds the index of `root` whether or not a current one exists (`kq index`).
    public func build(root: URL, analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                      loader: KnowledgeLoader = KnowledgeLoader(), warn: (String) -> Void = { _ in },
                      progress: @escaping (IndexProgress) -> Void = { _ in }) throws -> IndexWriter.Summary {
        try build(root: root, files: try loader.files(in: root), analyzer: analyzer, settings: settings,
                  loader: loader, warn: warn, progress: progress)
    }

    private func build(root: URL, files: [SourceFile.Located], analyzer: Analyzer, settings: IndexSettings,
                       loader: KnowledgeLoader, warn: (String) -> Void,
                       progress: @escaping (IndexProgress) -> Void) throws -> IndexWriter.Summary {
        try makePrivateDirectory()
        let loader = loader.limited(by: settings)
        let target = location(for: root)
        removeAbandonedTemporaries(of: target)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, Self.fileMode)
        guard descriptor >= 0 else { throw IndexSinkError(errno: errno) }
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary.path) }
        }
        let sink = try IndexSink(fileDescriptor: descriptor)
        let writer = IndexWriter(analyzer: analyzer, settings: settings, sink: sink, root: root.standardizedFileURL.path)
        var tracker = IndexProgress(total: files.reduce(0) { $0 + Int($1.file.size) })
        try loader.forEachDocument(in: files, root: root, progress: { bytes in
            tracker.done += bytes
            progress(tracker)
        }, warn: warn) { document in
            let left = try writer.add(document)
            if left > 0 {
                warn("kq: \(document.path): only the first \(settings.maximumPassagesPerDocument) passages of \(document.id) are indexed (--max-passages); \(left) left out")
            }
        }
        let summary = try writer.finish(sources: files.map(\.file)).summary
        // No fsync: it costs a tenth of a second on a large index, and an index a crash left
        // half on disk fails its checksum and is rebuilt like any other damage.
        guard rename(temporary.path, target.path) == 0 else { throw IndexSinkError(errno: errno) }
        renamed = true
        return summary
    }

    private enum Currency { case current(Opened), stale }

    /// The index at `file` when it is current for `files`; otherwise why not, in `reason`.
    private func current(_ file: URL, root: URL, files: [SourceFile.Located], settings: IndexSettings,
                         reason: inout Reason, warn: (String) -> Void) -> Currency {
        guard FileManager.default.fileExists(atPath: file.path) else { return .stale }
        do {
            let reader = try IndexReader(path: file.path)
            if let change = Self.change(from: reader, to: files.map(\.file), root: root, settings: settings,
                                        written: Self.modificationTime(of: file.path)) {
                reason = .changed(change)
                return .stale
            }
            return .current(Opened(knowledge: Knowledge(root: root, index: reader), built: nil, file: file))
        } catch {
            reason = .unusable(ReadableError.describe(error))
            warn("kq: the index at \(file.path) is unusable (\(ReadableError.describe(error))); rebuilding it")
            return .stale
        }
    }

    /// An exclusive advisory lock on the index's lock file, waited for; nil when none can be had.
    private static func lock(_ file: URL) -> Int32? {
        let descriptor = Glibc.open(file.path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { close(descriptor); return nil }
        }
        return descriptor
    }

    /// An index holds the text of every document it was built from, so it is as private as the
    /// most private of them could be: the folder is the user's alone (0700) and each index
    /// file too (0600), as ssh and git's credential store keep theirs. A folder that exists
    /// with looser permissions is tightened.
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    ///
    /// Only the cache folder and the `kq` folder in it are made: a home or cache base that
    /// does not exist (`HOME=/nonexistent`) is not created, even where kq could (as root).
    private func makePrivateDirectory() throws {
        let base = directory.deletingLastPathComponent()
        if mkdir(base.path, Self.directoryMode) != 0 && errno != EEXIST { throw IndexSinkError(errno: errno) }
        if mkdir(directory.path, Self.directoryMode) != 0 && errno != EEXIST { throw IndexSinkError(errno: errno) }
        var status = stat()
        guard lstat(directory.path, &status) == 0 else { throw IndexSinkError(errno: errno) }
        if status.st_uid == geteuid(), status.st_mode & 0o077 != 0 { chmod(directory.path, Self.directoryMode) }
    }

    /// Removes the temporary files of builds that were killed before they could clean up
    /// (`kill -9`, a crash, Ctrl-C during `kq index`). A file is abandoned when the process in
    /// its name is gone and it has not been written for a minute: the second guards a build
    /// in another PID namespace sharing this cache, whose process this one cannot see.
    func removeAbandonedTemporaries(of target: URL, now: Date = Date()) {
        let prefix = ".\(target.lastPathComponent)."
        let folder = target.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let fields = name.dropFirst(prefix.count).split(separator: ".")
            guard fields.count == 3, let pid = pid_t(fields[0]), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder.appendingPathComponent(name).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > 60 else { continue }
            unlink(path)
        }
    }

    /// What makes the index of `reader` stale for `files`, if anything. `written` is when the
    /// index file was written, in nanoseconds: on a file system that keeps whole seconds, a
    /// file edited in the second its index was written can keep its size and time, so, as git
    /// does with its “racily clean” entries, a file whose time has no fraction of a second and
    /// falls in the index's second counts as changed. One rebuild settles it; a time in the
    /// future (clock skew, an archive) never matches, so it cannot rebuild every run.
    static func change(from reader: IndexReader, to files: [SourceFile], root: URL, settings: IndexSettings,
                       written: Int64? = nil) -> String? {
        guard reader.fingerprint == settings.fingerprint else { return "index settings changed" }
        guard reader.root == root.standardizedFileURL.path else { return "index belongs to \(reader.root)" }
        if !reader.recordsSources(files) {
            if let change = difference(between: reader.sources, and: files) { return change }
        }
        if let written, let racy = files.first(where: { $0.modified % Self.second == 0 && $0.modified / Self.second == written / Self.second }) {
            return "\(racy.path) changed in the second its index was written"
        }
        return nil
    }

    /// What was added, removed or changed between the `indexed` sources and the `files` there now.
    private static func difference(between indexed: [SourceFile], and files: [SourceFile]) -> String? {
        // Paths are compared as bytes: Swift's strings compare canonically, so a folder's NFC
        // “café.md” and NFD “café.md”, two files to the file system, would be one key here and
        // the index never current.
        let before = Dictionary(indexed.map { (Array($0.path.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        let now = files.map { (key: Array($0.path.utf8), file: $0) }
        let nowKeys = Set(now.map(\.key))
        if let added = now.first(where: { before[$0.key] == nil }) { return "\(added.file.path) was added" }
        if let removed = indexed.first(where: { !nowKeys.contains(Array($0.path.utf8)) }) { return "\(removed.path) was removed" }
        if let changed = now.first(where: { before[$0.key].map { [file = $0.file] in $0.size == file.size && $0.modified == file.modified } != true }) {
            return "\(changed.file.path) changed"
        }
        // The same files in another order (an index listed before paths were sorted as bytes)
        // hold the same text: still current.
        return nil
    }

    static let second: Int64 = 1_000_000_000

    /// A file's modification time in nanoseconds, as `SourceFile` keeps it.
    static func modificationTime(of path: String) -> Int64? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int64(status.st_mtim.tv_sec) * second + Int64(status.st_mtim.tv_nsec)
    }
}

/// How far a build has read, in bytes of source files.
public struct IndexProgress: Sendable {
    public let total: Int
    public var done = 0

    public var fraction: Double { total == 0 ? 1 : min(1, Double(done) / Double(total)) }
}
