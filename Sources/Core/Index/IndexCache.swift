import Foundation

/// Indexes kept between runs, one per Knowledge root, in `$XDG_CACHE_HOME/kq` (else
/// `~/.cache/kq`): a manifest and its segments (see `Manifest`). An index is used while it is
/// current: same format, same settings, and the root holds the same files with the same sizes
/// and modification times. Otherwise it is updated (`IndexUpdate`) under a lock, one writer at
/// a time, so that a reader never sees half an index and an interrupted update leaves the
/// previous one whole.
public struct IndexCache: Sendable {
    public let directory: URL
    /// Threads that index at once (`--threads`): by default one a core.
    public var threads: Int
    /// Set for dense or hybrid retrieval: every passage then gets a sentence vector, and an
    /// index whose segments lack them is brought up to date (only those segments are
    /// rewritten). Without it, new segments have no vectors, and a merge that takes one in
    /// drops the others' (a segment has vectors for all its passages or none); the next use
    /// with an encoder computes them again.
    public var encoder: SentenceEncoder?

    public init(directory: URL, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.directory = directory
        self.threads = max(1, threads)
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

    /// The manifest for `root`: named after the folder for people, and a 64-bit hash of its
    /// full path so that two folders of one name do not share a file (32 bits collide among a
    /// few ten thousand roots; then each would rebuild over the other's index).
    public func location(for root: URL) -> URL {
        let path = root.standardizedFileURL.path
        let hash = Checksum.hash(path)
        let name = root.standardizedFileURL.lastPathComponent.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return directory.appendingPathComponent("\(name.prefix(40))-\(String(hash, radix: 16)).kqindex")
    }

    /// A segment file of the index whose manifest is `manifest`.
    func segmentLocation(manifest: URL, number: Int) -> URL {
        manifest.deletingPathExtension().appendingPathExtension("\(number).kqseg")
    }

    /// Where a file of the cache is written before it is renamed to `target`.
    func temporaryLocation(for target: URL) -> URL {
        target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Writes `bytes` to `target` under a temporary name, then renames it into place.
    func writeAtomically(_ bytes: [UInt8], to target: URL) throws {
        let temporary = temporaryLocation(for: target)
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, Self.fileMode)
        guard descriptor >= 0 else { throw IndexSinkError(errno: errno) }
        defer { close(descriptor) }
        do {
            try bytes.withUnsafeBytes { try IndexSink.writeAll($0, to: descriptor) }
            guard rename(temporary.path, target.path) == 0 else { throw IndexSinkError(errno: errno) }
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// The index whose manifest is at `file`: the manifest and every segment it names. An
    /// update that replaces the manifest removes the segments it no longer names; a reader that
    /// read the old manifest just before finds one gone, and reads the manifest again.
    func openIndex(_ file: URL, attempts: Int = 3) throws -> IndexReader {
        let manifest = try ManifestReader(path: file.path)
        let paths = manifest.segments.map { segmentLocation(manifest: file, number: $0.number).path }
        do {
            let segments = try zip(manifest.segments, paths).map { segment, path in
                (try Self.openSegments.reader(at: path, written: segment.identity), segment.number, segment.deleted)
            }
            guard !segments.isEmpty else { throw IndexError.corrupt("a manifest without segments") }
            Self.openSegments.forget(prefix: file.deletingPathExtension().path + ".", keeping: Set(paths))
            return IndexReader(segments: segments, manifest: manifest)
        } catch let error as IndexStorageError where error.errno == ENOENT && attempts > 1 {
            return try openIndex(file, attempts: attempts - 1)
        }
    }

    /// Opens the cached index of `root`, bringing it up to date first when it is missing,
    /// stale or damaged: a stale one is updated in place of the files that changed, a missing
    /// or damaged one built whole. A damaged one is reported through `warn` before it is replaced.
    public func open(root: URL, analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                     loader: KnowledgeLoader = KnowledgeLoader(), warn: (String) -> Void = { _ in },
                     progress: @escaping (IndexProgress) -> Void = { _ in }) throws -> Opened {
        let files = try loader.files(in: root)
        let file = location(for: root)
        var reason = Reason.missing
        var previous: IndexReader?
        if case .current(let opened) = current(file, root: root, files: files, settings: settings, reason: &reason, previous: &previous, warn: warn) {
            return opened
        }
        // One build at a time: a process that finds the index stale while another builds it
        // waits for that build, then uses it (twenty readers of a stale MedQuAD index once
        // each rebuilt it). Without a lock (a cache that cannot be written) each builds alone.
        let lock = (try? makePrivateDirectory()) != nil ? Self.lock(file) : nil
        defer { if let lock { flock(lock, LOCK_UN); close(lock) } }
        if lock != nil, case .current(let opened) = current(file, root: root, files: files, settings: settings, reason: &reason, previous: &previous, warn: { _ in }) {
            return opened
        }
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            try update(root: root, files: files, previous: previous, analyzer: analyzer, settings: settings, loader: loader,
                       warn: warn, progress: progress)
        } catch let failure as KnowledgeLoader.Failure {
            throw failure
        } catch {
            // A cache that cannot be written (a read-only home, a full disk) must not stop kq
            // answering: the index is built in memory instead, for this run only.
            warn("kq: cannot write an index to \(directory.path) (\(ReadableError.describe(error))); indexing in memory for this run")
            let knowledge = try Knowledge.load(from: root, analyzer: analyzer, settings: settings, loader: loader, encoder: encoder, warn: warn)
            return Opened(knowledge: knowledge, built: nil, file: nil)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let reader = try openIndex(file)
        return Opened(knowledge: Knowledge(root: root, index: reader), built: (reason, summary(of: reader, at: file), seconds), file: file)
    }

    /// Builds the index of `root` whole, whether or not a current one exists (`kq index`).
    public func build(root: URL, analyzer: Analyzer, settings: IndexSettings = IndexSettings(),
                      loader: KnowledgeLoader = KnowledgeLoader(), warn: (String) -> Void = { _ in },
                      progress: @escaping (IndexProgress) -> Void = { _ in }) throws -> IndexWriter.Summary {
        try makePrivateDirectory()
        let lock = Self.lock(location(for: root))
        defer { if let lock { flock(lock, LOCK_UN); close(lock) } }
        try update(root: root, files: try loader.files(in: root), previous: nil, analyzer: analyzer, settings: settings,
                   loader: loader, warn: warn, progress: progress)
        let file = location(for: root)
        return summary(of: try openIndex(file), at: file)
    }

    private func update(root: URL, files: [SourceFile.Located], previous: IndexReader?, analyzer: Analyzer, settings: IndexSettings,
                        loader: KnowledgeLoader, warn: (String) -> Void,
                        progress: (IndexProgress) -> Void) throws {
        try makePrivateDirectory()
        removeAbandonedTemporaries(of: location(for: root))
        try IndexUpdate(cache: self, root: root, analyzer: analyzer, settings: settings, loader: loader, threads: threads, encoder: encoder)
            .run(files: files, previous: previous, warn: warn, progress: progress)
    }

    /// What an index holds, and the bytes of its files.
    private func summary(of reader: IndexReader, at file: URL) -> IndexWriter.Summary {
        var bytes = 0
        for path in [file] + (reader.manifest?.segments ?? []).map({ segmentLocation(manifest: file, number: $0.number) }) {
            var status = stat()
            if stat(path.path, &status) == 0 { bytes += Int(status.st_size) }
        }
        return IndexWriter.Summary(documents: reader.documentCount, passages: reader.passageCount, terms: reader.termCount, bytes: bytes)
    }

    /// Segments this process has opened: a segment never changes under its name (a new one is
    /// renamed over it whole), so one checked once need not be hashed again when an update or a
    /// second look at the manifest names it; a 340 MB segment costs 30 ms to hash.
    static let openSegments = SegmentCache()

    private enum Currency { case current(Opened), stale }

    /// The index at `file` when it is current for `files`; otherwise why not, in `reason`, and
    /// in `previous` the index to update when one of these settings and root can be.
    private func current(_ file: URL, root: URL, files: [SourceFile.Located], settings: IndexSettings,
                         reason: inout Reason, previous: inout IndexReader?, warn: (String) -> Void) -> Currency {
        previous = nil
        guard FileManager.default.fileExists(atPath: file.path) else { return .stale }
        do {
            let reader = try openIndex(file)
            if let change = Self.change(from: reader, to: files.map(\.file), root: root, settings: settings,
                                        written: Self.modificationTime(of: file.path)) {
                reason = .changed(change)
                if reader.fingerprint == settings.fingerprint && reader.root == root.standardizedFileURL.path { previous = reader }
                return .stale
            }
            if encoder != nil, !reader.hasVectors {
                reason = .changed("passage vectors are missing")
                previous = reader
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
    func makePrivateDirectory() throws {
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
        // The manifest's and its segments' temporaries: `.NAME.kqindex.PID.RANDOM.tmp` and
        // `.NAME.N.kqseg.PID.RANDOM.tmp`.
        let prefix = ".\(target.deletingPathExtension().lastPathComponent)."
        let folder = target.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let fields = name.split(separator: ".")
            guard fields.count >= 4, let pid = pid_t(fields[fields.count - 3]), pid > 0, pid != getpid(),
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
        if let racy = files.first(where: { isRacy($0, written: written) }) {
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

    /// Whether `file` has a whole-second time in the second its index was `written`.
    static func isRacy(_ file: SourceFile, written: Int64?) -> Bool {
        guard let written else { return false }
        return file.modified % second == 0 && file.modified / second == written / second
    }

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
