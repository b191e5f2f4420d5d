import Foundation
import Testing

/// `kq index` and `kq eval` as a user runs them.
@Suite struct IndexCommandTests {
    static let corpus = """
    {"_id": "d1", "title": "Flu", "text": "Influenza causes fever and cough. Rest and fluids help."}
    {"_id": "d2", "title": "Diabetes", "text": "Diabetes raises blood sugar.\\n\\nInsulin lowers blood sugar."}
    {"_id": "d3", "title": "Colds", "text": "A cold causes a cough and a runny nose."}
    {"_id": "d4", "title": "Fever in children", "text": "A fever in a child is often a sign of infection."}
    {"_id": "d5", "title": "Blood pressure", "text": "High blood pressure rarely causes symptoms."}
    """

    /// Cache, Knowledge and query files in one temporary folder.
    static func folder(_ files: [String: String] = [:]) throws -> URL {
        try KQProcess.folder(with: ["corpus.jsonl": corpus].merging(files) { $1 })
    }

    @Test func evalWritesItsRunThroughToTheFileNamed() throws {
        let folder = try Self.folder(["queries.jsonl": "{\"_id\": \"q1\", \"text\": \"cough\"}\n",
                                      "qrels.tsv": "query-id\tcorpus-id\tscore\nq1\td3\t1\n", "kept.trec": "old\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        // A link is followed, and the file it names keeps its mode.
        try FileManager.default.createSymbolicLink(atPath: path("link.trec"), withDestinationPath: "kept.trec")
        chmod(path("kept.trec"), 0o640)
        let arguments = ["eval", "--knowledge", path("corpus.jsonl"), "--queries", path("queries.jsonl"), "--qrels", path("qrels.tsv")]
        let linked = try KQProcess.run(arguments + ["--run", path("link.trec")])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: path("link.trec"))) == "kept.trec")
        #expect(try String(contentsOfFile: path("kept.trec"), encoding: .utf8).hasPrefix("q1 Q0 "))
        #expect((try FileManager.default.attributesOfItem(atPath: path("kept.trec"))[.posixPermissions] as? Int) == 0o640)
        // A full device is an error in one line, not a silent loss.
        let full = try KQProcess.run(arguments + ["--run", "/dev/full"])
        #expect(full.status == 2)
        #expect(full.stderr == "kq: cannot write /dev/full: No space left on device\n", "\(full.stderr)")
    }

    /// I/O failures once left with exit 1, the “nothing found” code, and Foundation's words.
    @Test func anIOFailureIsOneReadableLineAndExit2() throws {
        let folder = try Self.folder(["queries.jsonl": "{\"_id\": \"q1\", \"text\": \"cough\"}\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus.jsonl").path
        let cache = folder.appendingPathComponent("cache")
        // A file-size limit stands in for a full disk: past it, each write fails (EFBIG).
        let limited = try KQProcess.run(["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"", KQProcess.executable.path,
                                         "index"],
                                        executable: URL(fileURLWithPath: "/bin/sh"), environment: ["XDG_CACHE_HOME": cache.path])
        #expect(limited.status == 2, "\(limited.stderr)")
        let index = cache.appendingPathComponent("kq").path
        #expect(limited.stderr.hasPrefix("kq: cannot write the index at \(index)/Knowledge-") && limited.stderr.hasSuffix(".kqindex: File too large\n"),
                "\(limited.stderr)")
        // A query or judgement file that is a folder says why it cannot be read.
        for arguments in [["search", "--format", "trec", "--queries", folder.path], ["eval", "--queries", folder.path, "--qrels", folder.path]] {
            let result = try KQProcess.run(arguments + ["--knowledge", corpus])
            #expect(result.status == 2)
            #expect(result.stderr == "kq: cannot read \(folder.path): Is a directory\n", "\(result.stderr)")
        }
    }

    @Test func indexReportsWhatItBuiltAndLaterCommandsUseIt() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let corpus = folder.appendingPathComponent("corpus.jsonl").path
        let result = try KQProcess.run(["index", "--knowledge", corpus], environment: ["XDG_CACHE_HOME": cache.path])
        #expect(result.status == 0, "\(result.stderr)")
        for label in ["documents  5", "passages   ", "terms      ", "bytes      ", "time       ", "index      "] {
            #expect(result.stdout.contains(label), "\(label)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("kq").path)
        #expect(files.filter { $0.hasSuffix(".kqindex") }.count == 1 && files.filter { $0.hasSuffix(".kqseg") }.count == 1, "\(files)")
        let search = try KQProcess.run(["search", "--knowledge", corpus, "--format", "trec", "blood sugar"],
                                       environment: ["XDG_CACHE_HOME": cache.path])
        #expect(search.stdout.hasPrefix("query Q0 d2 1 "))
        #expect(search.stderr.isEmpty)
    }

    /// Each build writes its own temporary file and renames it into place, so two at once both
    /// succeed and leave one whole index.
    @Test func concurrentBuildsLeaveOneWholeIndex() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let corpus = folder.appendingPathComponent("corpus.jsonl").path
        let statuses = LockedStatuses()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let result = try? KQProcess.run(["index", "--knowledge", corpus], environment: ["XDG_CACHE_HOME": cache.path])
            statuses.append(result?.status ?? -1)
        }
        #expect(statuses.values == [0, 0, 0, 0])
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("kq").path)
        #expect(!files.contains { $0.hasSuffix(".tmp") } && files.filter { $0.hasSuffix(".kqseg") }.count == 1, "no temporary file left behind: \(files)")
        let search = try KQProcess.run(["search", "--knowledge", corpus, "--format", "trec", "blood sugar"],
                                       environment: ["XDG_CACHE_HOME": cache.path])
        #expect(search.stdout.hasPrefix("query Q0 d2 1 ") && search.stderr.isEmpty, "\(search.stderr)")
    }

    /// `kq index` killed mid-build leaves the previous index as it was, byte for byte, and
    /// usable; the next build removes the dead build's temporary file. SIGKILL is the hardest
    /// case (no code of kq's runs) and the only one a test can send: a child of the test
    /// process inherits a signal mask that blocks SIGTERM, and SIGINT is ignored under CI.
    @Test func killingABuildMidwayLeavesThePreviousIndexWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let knowledge = folder.appendingPathComponent("knowledge")
        try FileManager.default.createDirectory(at: knowledge, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("corpus.jsonl"),
                                         to: knowledge.appendingPathComponent("corpus.jsonl"))
        let environment = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let directory = folder.appendingPathComponent("cache/kq")
        #expect(try KQProcess.run(["index", "--knowledge", knowledge.path], environment: environment).status == 0)
        let index = directory.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".kqindex") }!)
        let before = try Data(contentsOf: index)

        // A corpus large enough that the build is still running when its temporary file appears.
        let line = (0..<400).map { "word\($0 % 97) filler\($0 % 13)" }.joined(separator: " ")
        let big = (0..<4000).map { "{\"_id\": \"b\($0)\", \"text\": \"\(line)\"}" }.joined(separator: "\n")
        let bigFile = knowledge.appendingPathComponent("big.jsonl")
        try Data(big.utf8).write(to: bigFile)
        let build = Process()
        build.executableURL = KQProcess.executable
        build.arguments = ["index", "--knowledge", knowledge.path]
        build.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            .merging(["XDG_CONFIG_HOME": "/nonexistent/kq-tests-config"]) { $1 }
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        let temporaries = { try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".tmp") } }
        let deadline = Date().addingTimeInterval(60)
        while try temporaries().isEmpty, build.isRunning, Date() < deadline { usleep(2_000) }
        kill(build.processIdentifier, SIGKILL)
        build.waitUntilExit()
        #expect(build.terminationReason == .uncaughtSignal && build.terminationStatus == SIGKILL,
                "the build ended (\(build.terminationReason == .exit ? "exit" : "signal") \(build.terminationStatus)) before it was killed; make the corpus larger")
        #expect(try Data(contentsOf: index) == before)
        let left = try temporaries()
        #expect(!left.isEmpty, "\(left)")  // one a thread that was writing a segment

        // The old index still serves its files without a rebuild.
        try FileManager.default.removeItem(at: bigFile)
        let search = try KQProcess.run(["search", "--knowledge", knowledge.path, "--format", "trec", "blood sugar"],
                                       environment: environment)
        #expect(search.stdout.hasPrefix("query Q0 d2 1 ") && search.stderr.isEmpty, "\(search.stderr)")
        #expect(try Data(contentsOf: index) == before)

        // A minute after its last write, the dead build's file is swept by the next build.
        for name in left {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-120)],
                                                  ofItemAtPath: directory.appendingPathComponent(name).path)
        }
        #expect(try KQProcess.run(["index", "--knowledge", knowledge.path], environment: environment).status == 0)
        #expect(try temporaries().isEmpty)
    }

    /// An update (a file added, indexed into a new segment, then the manifest replaced) killed
    /// at any moment leaves an index that serves without a warning: the old one, or the new.
    @Test func killingAnUpdateAtAnyPointLeavesAUsableIndex() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let knowledge = folder.appendingPathComponent("knowledge")
        try FileManager.default.createDirectory(at: knowledge, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("corpus.jsonl"), to: knowledge.appendingPathComponent("corpus.jsonl"))
        let environment = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let arguments = ["search", "--knowledge", knowledge.path, "--format", "trec", "blood sugar"]
        #expect(try KQProcess.run(arguments, environment: environment).stdout.hasPrefix("query Q0 d2 1 "))
        let line = (0..<200).map { "word\($0 % 97) filler\($0 % 13)" }.joined(separator: " ")
        var killed = 0
        for delay in stride(from: 0, through: 350_000, by: 50_000) {
            // A new file each time beside one changed, so that an update both adds and deletes.
            let big = Data((0..<800).map { "{\"_id\": \"b\($0)\", \"text\": \"\(line) \(delay)\"}" }.joined(separator: "\n").utf8)
            try big.write(to: knowledge.appendingPathComponent("big.jsonl"))
            try big.write(to: knowledge.appendingPathComponent("new-\(delay).jsonl"))
            let update = Process()
            update.executableURL = KQProcess.executable
            update.arguments = arguments
            update.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                .merging(["XDG_CONFIG_HOME": "/nonexistent/kq-tests-config"]) { $1 }
            update.standardOutput = FileHandle.nullDevice
            update.standardError = FileHandle.nullDevice
            try update.run()
            usleep(useconds_t(delay))
            kill(update.processIdentifier, SIGKILL)
            update.waitUntilExit()
            if update.terminationReason == .uncaughtSignal { killed += 1 }
            // Whatever was left serves, and is updated without calling anything unusable.
            let next = try KQProcess.run(arguments, environment: environment)
            #expect(next.stdout.hasPrefix("query Q0 d2 1 ") && !next.stderr.contains("unusable"), "after \(delay) µs: \(next.stderr)")
        }
        #expect(killed >= 4, "only \(killed) updates were killed before they ended; make the file larger")
    }

    /// A file of queries searched on several threads gives the lines one thread gives, in the
    /// file's order.
    @Test func queriesOnSeveralThreadsAnswerAsOne() throws {
        let queries = (0..<300).map { "{\"_id\": \"q\($0)\", \"text\": \"\(["cough", "blood sugar", "fever child", "insulin"][$0 % 4])\"}" }
        let folder = try Self.folder(["queries.jsonl": queries.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["search", "--knowledge", folder.appendingPathComponent("corpus.jsonl").path, "--format", "trec",
                         "--queries", folder.appendingPathComponent("queries.jsonl").path]
        let one = try KQProcess.run(arguments + ["--threads", "1"]), four = try KQProcess.run(arguments + ["--threads", "4"])
        #expect(one.status == 0 && four.status == 0)
        #expect(one.stdout.hasPrefix("q0 Q0 d3 1 ") && one.stdout == four.stdout)
    }

    /// Two threads write a large file's pieces to two segments, in turns; `sources` still lists
    /// its documents in the order of the file.
    @Test func sourcesAreListedInFileOrderWhateverTheSegments() throws {
        let padding = String(repeating: "insulin dose and blood sugar checks ", count: 60)
        let lines = (0..<2_000).map { "{\"_id\": \"n\($0)\", \"title\": \"T\($0)\", \"text\": \"\(padding)\"}" }
        let folder = try Self.folder(["big.jsonl": lines.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        let knowledge = folder.appendingPathComponent("big.jsonl").path
        _ = try KQProcess.run(["index", "--knowledge", knowledge, "--threads", "2"], environment: environment)
        let segments = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cache/kq").path)
        #expect(segments.filter { $0.hasSuffix(".kqseg") }.count == 2)
        let listed = try KQProcess.run(["sources", "--knowledge", knowledge], environment: environment)
        let ids = listed.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("    n") ? line.dropFirst(4).split(separator: " ").first.map(String.init) : nil
        }
        #expect(ids == (0..<2_000).map { "n\($0)" })
    }

    final class LockedStatuses: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Int32] = []
        func append(_ status: Int32) { lock.lock(); list.append(status); lock.unlock() }
        var values: [Int32] { lock.lock(); defer { lock.unlock() }; return list }
    }

    @Test func aDamagedIndexIsReportedOnStderrAndTheAnswerIsStillRight() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let corpus = folder.appendingPathComponent("corpus.jsonl").path
        _ = try KQProcess.run(["index", "--knowledge", corpus], environment: ["XDG_CACHE_HOME": cache.path])
        let directory = cache.appendingPathComponent("kq")
        let file = directory.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasSuffix(".kqseg") }!)
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: file)
        let search = try KQProcess.run(["search", "--knowledge", corpus, "--format", "trec", "blood sugar"],
                                       environment: ["XDG_CACHE_HOME": cache.path])
        #expect(search.status == 0)
        #expect(search.stderr.contains("unusable") && search.stderr.contains("rebuilding"), "\(search.stderr)")
        #expect(search.stdout.hasPrefix("query Q0 d2 1 "))
        let again = try KQProcess.run(["search", "--knowledge", corpus, "--format", "trec", "blood sugar"],
                                      environment: ["XDG_CACHE_HOME": cache.path])
        #expect(again.stderr.isEmpty)
    }

    /// The measures must be the ones `../shared/bench/metrics.py` computes from the same run, to
    /// three decimals, graded judgements included.
    /// `$KQ_SHARED/bench/metrics.py`, else `../shared/bench/metrics.py` beside the repository,
    /// where the project's shared material sits for developers and CI. A clone without it
    /// skips the comparison, and says so, rather than failing on a missing file.
    static let metricsScript: URL? = {
        let shared = ProcessInfo.processInfo.environment["KQ_SHARED"].map { URL(fileURLWithPath: $0) }
            ?? KQProcess.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let script = shared.appendingPathComponent("bench/metrics.py")
        return FileManager.default.fileExists(atPath: script.path) ? script : nil
    }()

    @Test(.enabled(if: metricsScript != nil, "needs ../shared/bench/metrics.py (or $KQ_SHARED)"))
    func evalAgreesWithTheSharedMetricsScript() throws {
        let queries = """
        {"_id": "q1", "text": "What causes a fever?"}
        {"_id": "q2", "text": "blood sugar"}
        {"_id": "q3", "text": "cough"}
        {"_id": "q4", "text": "symptoms of high blood pressure"}
        {"_id": "q5", "text": "something nobody wrote about"}
        """
        let qrels = "query-id\tcorpus-id\tscore\nq1\td4\t2\nq1\td1\t1\nq2\td2\t1\nq3\td3\t2\nq3\td1\t1\nq4\td5\t1\nq5\td3\t1\nq6\td1\t0\n"
        let folder = try Self.folder(["queries.jsonl": queries, "qrels.tsv": qrels])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let eval = try KQProcess.run(["eval", "--knowledge", path("corpus.jsonl"), "--queries", path("queries.jsonl"),
                                      "--qrels", path("qrels.tsv"), "--top", "100", "--run", path("run.trec"), "--json"])
        #expect(eval.status == 0, "\(eval.stderr)")
        let ours = try #require(try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])

        let script = try #require(Self.metricsScript)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script.path, path("qrels.tsv"), path("run.trec"), "--json"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let theirs = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])

        #expect(ours["queries"] as? Int == theirs["queries"] as? Int)
        for measure in ["nDCG@10", "MRR@10", "Recall@10", "Recall@100", "avgScore@1", "succ@1+2"] {
            let a = try #require(ours[measure] as? Double, "\(measure) missing from kq eval")
            let b = try #require(theirs[measure] as? Double, "\(measure) missing from metrics.py")
            #expect(abs(a - b) < 0.0005, "\(measure): kq \(a), metrics.py \(b)")
        }
        // Not a vacuous agreement: the run found some and missed some.
        #expect((ours["nDCG@10"] as? Double ?? 0) > 0.3 && (ours["nDCG@10"] as? Double ?? 1) < 1)
    }
}
