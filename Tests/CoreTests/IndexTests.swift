import Foundation
import Testing
@testable import Core

/// The persisted index: what is written reads back the same, a changed Knowledge is noticed, and
/// a damaged file is reported and rebuilt rather than trusted.
@Suite struct IndexTests {
    static let files = [
        "dosing.md": "# Dosing\n\n## Infusion\n\nAn infusion of ketamine lasts about forty minutes. Patients rest afterwards.\n",
        "cost.md": "# Cost\n\nEach session costs money; insurance rarely pays for ketamine infusions.\n",
        "notes/history.txt": "History\n\nKetamine was approved as an anesthetic in 1970. Psychiatry took it up decades later.\n",
    ]

    static func folder(_ files: [String: String] = files) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        return folder
    }

    /// A cache in its own temporary folder, and the messages it reported.
    final class Cache {
        let folder: TemporaryFolder
        let cache: IndexCache
        var warnings: [String] = []

        init() throws {
            folder = try TemporaryFolder()
            cache = IndexCache(directory: folder.url.appendingPathComponent("kq"))
        }

        func open(_ root: URL, settings: IndexSettings = IndexSettings()) throws -> IndexCache.Opened {
            try cache.open(root: root, analyzer: try Analyzer.english(), settings: settings, warn: { self.warnings.append($0) })
        }
    }

    @Test func aPersistedIndexReadsBackWhatWasBuiltInMemory() throws {
        let knowledge = try Self.folder()
        let analyzer = try Analyzer.english()
        let memory = try Knowledge.load(from: knowledge.url, analyzer: analyzer)
        let cache = try Cache()
        let opened = try cache.open(knowledge.url)
        #expect(opened.built?.reason == .missing)
        let disk = opened.knowledge
        #expect(Array(disk.documents) == Array(memory.documents))
        #expect(Array(disk.passages) == Array(memory.passages))
        #expect(disk.index.termCount == memory.index.termCount)
        for id in 0..<disk.index.termCount {
            #expect(disk.index.term(id) == memory.index.term(id))
            #expect(Array(disk.index.postings(id)) == Array(memory.index.postings(id)))
            #expect(disk.index.isTitleTerm(id) == memory.index.isTitleTerm(id))
        }
        #expect(disk.index.averageLength == memory.index.averageLength)
        #expect(disk.index.sources.map(\.path) == ["cost.md", "dosing.md", "notes/history.txt"])
        let question = ["ketamin", "infus"]
        #expect(Searcher(index: disk.index).search(question, limit: 5).map(\.id)
            == Searcher(index: memory.index).search(question, limit: 5).map(\.id))
        #expect(disk.documents.map(\.id).contains("notes/history.txt"))
    }

    @Test func aFIFOOrAFolderAtTheIndexPathIsReportedNotWaitedOn() throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        try FileManager.default.createDirectory(at: cache.cache.directory, withIntermediateDirectories: true)
        let path = cache.cache.location(for: knowledge.url).path
        #expect(mkfifo(path, 0o600) == 0)
        // Opening a FIFO for reading waits for a writer: this test would hang without the fix.
        let opened = try cache.open(knowledge.url)
        #expect(opened.built != nil)
        #expect(cache.warnings.contains { $0.contains("is unusable") }, "\(cache.warnings)")
        #expect(opened.knowledge.documents.count == 3)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let folder = try cache.open(knowledge.url)
        #expect(folder.knowledge.documents.count == 3)
        #expect(cache.warnings.contains { $0.contains("Is a directory") }, "\(cache.warnings)")
    }

    @Test func anEditInTheSecondTheIndexWasWrittenIsNoticed() throws {
        // A file system with whole-second times: the file and the index share one second.
        let knowledge = try Self.folder()
        let cache = try Cache()
        let file = knowledge.url.appendingPathComponent("cost.md")
        let second = Date(timeIntervalSince1970: floor(Date().timeIntervalSince1970))
        try FileManager.default.setAttributes([.modificationDate: second], ofItemAtPath: file.path)
        _ = try cache.open(knowledge.url)
        let index = cache.cache.location(for: knowledge.url).path
        try FileManager.default.setAttributes([.modificationDate: second], ofItemAtPath: index)
        // Same size, same time, new text.
        let old = try String(contentsOf: file, encoding: .utf8)
        try Data(old.replacingOccurrences(of: "money", with: "45 $s").utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: second], ofItemAtPath: file.path)
        let reopened = try cache.open(knowledge.url)
        #expect(reopened.built != nil, "an edit in the index's second was served from the old index")
        #expect(reopened.knowledge.passages.contains { $0.text.contains("45 $s") })
        // Once rebuilt in a later second, the index is current again.
        try FileManager.default.setAttributes([.modificationDate: second.addingTimeInterval(5)], ofItemAtPath: index)
        #expect(try cache.open(knowledge.url).built == nil)
    }

    @Test func namesThatDifferOnlyInUnicodeNormalisationStayTwoFiles() throws {
        // “café.md” written precomposed (NFC) and decomposed (NFD): two files on Linux.
        let knowledge = try TemporaryFolder()
        try knowledge.write("caf\u{E9}.md", "# One\n\nThe first file.\n")
        try knowledge.write("cafe\u{301}.md", "# Two\n\nThe second, longer file.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: knowledge.url.path).count == 2)
        let cache = try Cache()
        #expect(try cache.open(knowledge.url).built != nil)
        #expect(try cache.open(knowledge.url).built == nil, "the index was rebuilt on every run")
    }

    @Test func readersThatFindTheIndexStaleTogetherBuildItOnce() throws {
        // Enough text that a build takes a while: readers arriving together overlap.
        var files: [String: String] = [:]
        for number in 0..<300 {
            files["doc\(number).md"] = "# Document \(number)\n\n" + String(repeating: "Ketamine infusions are given over forty minutes in clinic \(number). ", count: 40)
        }
        let knowledge = try Self.folder(files)
        let cache = IndexCache(directory: try TemporaryFolder().url.appendingPathComponent("kq"))
        let root = knowledge.url
        let builds = Counter()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            guard let analyzer = try? Analyzer.english() else { return }
            if let opened = try? cache.open(root: root, analyzer: analyzer), opened.built != nil { builds.add() }
        }
        #expect(builds.value == 1)
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var value = 0
        func add() { lock.lock(); value += 1; lock.unlock() }
    }

    @Test func aReaderKeepsItsIndexWhileANewOneReplacesIt() throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        let first = try cache.open(knowledge.url).knowledge
        let before = Array(first.passages)
        // Another process's rebuild writes a new file and renames it over the old one.
        try knowledge.write("cost.md", "# Cost\n\nA session costs $450 now, and more later.\n")
        let second = try cache.open(knowledge.url)
        #expect(second.built != nil)
        #expect(Array(first.passages) == before, "the running reader saw the new file")
        #expect(second.knowledge.passages.contains { $0.text.contains("$450") })
    }

    @Test func theCacheIsPrivateToItsUser() throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        _ = try cache.open(knowledge.url)
        func mode(_ path: String) throws -> Int {
            try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        }
        #expect(try mode(cache.cache.directory.path) == 0o700)
        #expect(try mode(cache.cache.location(for: knowledge.url).path) == 0o600)
        // The path's hash has all 64 bits, so two roots' names do not collide.
        let name = cache.cache.location(for: knowledge.url).deletingPathExtension().lastPathComponent
        #expect(name.split(separator: "-").last?.count ?? 0 > 8, "\(name)")
        // A folder a looser kq made is tightened at the next build.
        chmod(cache.cache.directory.path, 0o755)
        try FileManager.default.removeItem(at: cache.cache.location(for: knowledge.url))
        _ = try cache.open(knowledge.url)
        #expect(try mode(cache.cache.directory.path) == 0o700)
    }

    @Test func aCurrentIndexIsReusedAndAnyChangeRebuildsIt() throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        _ = try cache.open(knowledge.url)
        #expect(try cache.open(knowledge.url).built == nil)

        try knowledge.write("cost.md", "# Cost\n\nA session costs $450 and insurance may pay part of it.\n")
        let changed = try cache.open(knowledge.url)
        #expect(changed.built?.reason == .changed("cost.md changed"))
        #expect(changed.knowledge.passages.contains { $0.text.contains("$450") })

        try knowledge.write("new.md", "# New\n\nSomething new about ketamine.\n")
        #expect(try cache.open(knowledge.url).built?.reason == .changed("new.md was added"))

        try FileManager.default.removeItem(at: knowledge.url.appendingPathComponent("notes/history.txt"))
        let removed = try cache.open(knowledge.url)
        #expect(removed.built?.reason == .changed("notes/history.txt was removed"))
        #expect(!removed.knowledge.documents.contains { $0.path == "notes/history.txt" })

        #expect(try cache.open(knowledge.url, settings: IndexSettings(titleWeight: 2)).built?.reason == .changed("index settings changed"))
        #expect(try cache.open(knowledge.url, settings: IndexSettings(titleWeight: 2)).built == nil)
        #expect(cache.warnings.isEmpty)
    }

    /// Markdown, but the file is written to while it is read, as by an editor saving or a
    /// log growing: the documents come from what was there before the write.
    struct WrittenWhileRead: TextFormat {
        let name = "markdown"
        let extensions: Set<String> = ["md"]
        let appended: String

        func documents(in text: String, path: String) throws -> [Document] {
            try MarkdownFormat().documents(in: text, path: path)
        }

        func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, warn: (String) -> Void,
                             _ body: (Document) throws -> Void) throws {
            let before = try String(contentsOf: url, encoding: .utf8)
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(appended.utf8))
            try handle.close()
            for document in try documents(in: before, path: path) { try body(document) }
        }
    }

    /// Paragraphs that say their page (“3: text”), as a PDF's blocks carry theirs.
    struct Paged: TextFormat {
        let name = "paged"
        let extensions: Set<String> = ["pg"]

        func documents(in text: String, path: String) throws -> [Document] {
            let blocks = text.split(separator: "\n").map { line in
                let parts = line.split(separator: ":", maxSplits: 1)
                return Block(section: nil, text: String(parts[1]), page: Int(parts[0])!)
            }
            return [Document(id: path, title: path, path: path, blocks: blocks, pages: blocks.map(\.page).max()!)]
        }
    }

    /// Each document's format and pages, and each passage's pages, are what the index gives
    /// back, from a build's one segment and from a segment an update adds beside it.
    @Test func formatsAndPagesSurviveTheIndexAndItsUpdates() throws {
        let knowledge = try TemporaryFolder()
        let long = (0..<60).map { "word\($0)" }.joined(separator: " ")
        try knowledge.write("a.pg", "1: Infusions take forty minutes.\n2: \(long)\n2: \(long)\n3: \(long)")
        let cache = try Cache()
        let loader = KnowledgeLoader(formats: [Paged()])
        func open() throws -> Knowledge {
            try cache.cache.open(root: knowledge.url, analyzer: try Analyzer.english(), loader: loader).knowledge
        }
        func pages(_ knowledge: Knowledge) -> [String] {
            knowledge.passages.map { passage in
                let document = knowledge.document(of: passage)
                return "\(document.id) \(document.format) \(document.pages): \(passage.pages.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none")"
            }
        }
        let first = pages(try open())
        #expect(first == ["a.pg paged 3: 1-2", "a.pg paged 3: 2-2", "a.pg paged 3: 3-3"], "\(first)")
        try knowledge.write("b.pg", "7: Sprays cost more.")
        #expect(pages(try open()) == first + ["b.pg paged 7: 7-7"])
    }

    /// A file that changes while it is indexed is indexed as it was read, and the index is not
    /// taken for current afterwards: the next open sees the change and rebuilds.
    @Test func aFileChangedWhileItIsReadIsReadAgainNextTime() throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        let format = WrittenWhileRead(appended: "\nThe pump was replaced in March.\n")
        let first = try cache.cache.open(root: knowledge.url, analyzer: try Analyzer.english(),
                                         loader: KnowledgeLoader(formats: [format, PlainTextFormat()]))
        #expect(first.built != nil)
        #expect(!first.knowledge.passages.contains { $0.text.contains("pump") })
        let next = try cache.open(knowledge.url)
        #expect(next.built?.reason == .changed("cost.md changed"), "\(String(describing: next.built?.reason))")
        #expect(next.knowledge.passages.contains { $0.text.contains("The pump was replaced in March.") })
        #expect(try cache.open(knowledge.url).built == nil)
    }

    @Test func anUnwritableCacheFallsBackToAnIndexInMemory() throws {
        let knowledge = try Self.folder()
        let blocker = try TemporaryFolder()
        try blocker.write("kq", "a file where the cache folder should be")
        var warnings: [String] = []
        let cache = IndexCache(directory: blocker.url.appendingPathComponent("kq"))
        let opened = try cache.open(root: knowledge.url, analyzer: try Analyzer.english(), warn: { warnings.append($0) })
        #expect(warnings.count == 1 && warnings[0].contains("indexing in memory"), "\(warnings)")
        #expect(opened.knowledge.documents.count == 3)
        #expect(!Searcher(index: opened.knowledge.index).search(["infus"], limit: 1).isEmpty)
    }

    /// Only a temporary file of this index whose process is gone and which has not been
    /// written for a minute is abandoned; a live or recent build's file is left alone.
    @Test func onlyAbandonedTemporaryFilesAreRemoved() throws {
        let folder = try TemporaryFolder()
        let cache = IndexCache(directory: folder.url)
        let target = folder.url.appendingPathComponent("notes-1a2b.kqindex")
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = finished.processIdentifier
        let files = [
            ".notes-1a2b.kqindex.\(dead).1.tmp": true,  // dead and old: abandoned
            ".notes-1a2b.kqindex.\(dead).2.tmp": false,  // dead but written just now
            ".notes-1a2b.kqindex.1.3.tmp": false,  // pid 1 is alive
            ".other-9f9f.kqindex.\(dead).4.tmp": false,  // another index's build
            ".notes-1a2b.kqindex.\(dead).tmp": false,  // not a name kq writes
        ]
        for name in files.keys {
            try folder.write(name, "partial")
            if name != ".notes-1a2b.kqindex.\(dead).2.tmp" {
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-120)],
                                                      ofItemAtPath: folder.url.appendingPathComponent(name).path)
            }
        }
        cache.removeAbandonedTemporaries(of: target)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.url.path))
        #expect(left == Set(files.filter { !$0.value }.keys))
    }

    @Test func twoRootsOfOneNameGetTwoIndexes() throws {
        let first = try Self.folder(), second = try Self.folder()
        let cache = try Cache()
        #expect(cache.cache.location(for: first.url) != cache.cache.location(for: second.url))
        #expect(cache.cache.location(for: first.url) == cache.cache.location(for: first.url.appendingPathComponent(".")))
    }

    /// Each kind of damage: detected, reported once on the warning channel, and rebuilt into an
    /// index that answers as before.
    @Test(arguments: Damage.allCases)
    func aDamagedIndexIsReportedAndRebuilt(_ damage: Damage) throws {
        let knowledge = try Self.folder()
        let cache = try Cache()
        let before = try cache.open(knowledge.url).knowledge
        let expected = Searcher(index: before.index).search(["infus"], limit: 3).map(\.id)
        let file = cache.cache.location(for: knowledge.url)
        var bytes = try Data(contentsOf: file)
        damage.apply(to: &bytes)
        try bytes.write(to: file)

        let reopened = try cache.open(knowledge.url)
        #expect(cache.warnings.count == 1)
        #expect(cache.warnings.first?.contains(damage.reported) == true, "\(cache.warnings)")
        #expect(reopened.built != nil)
        #expect(Searcher(index: reopened.knowledge.index).search(["infus"], limit: 3).map(\.id) == expected)
        #expect(try cache.open(knowledge.url).built == nil)
    }

    enum Damage: CaseIterable, CustomTestStringConvertible {
        case empty, truncated, flippedBit, otherVersion, notAnIndex

        func apply(to bytes: inout Data) {
            switch self {
            case .empty: bytes = Data()
            case .truncated: bytes = bytes.prefix(bytes.count / 2)
            case .flippedBit: bytes[bytes.count - 5] ^= 0x10
            case .otherVersion: bytes[8] = bytes[8] &+ 1
            case .notAnIndex: bytes = Data("not an index at all, just some text".utf8)
            }
        }

        var reported: String {
            switch self {
            case .empty, .truncated: "truncated"
            case .flippedBit: "checksum"
            case .otherVersion: "index format"
            case .notAnIndex: "not a kq index"
            }
        }

        var testDescription: String { "\(self)" }
    }

    @Test func theReaderRejectsEveryTruncationOfAValidIndex() throws {
        let analyzer = try Analyzer.english()
        let folder = try Self.folder()
        let documents = try KnowledgeLoader().load(folder.url)
        let sink = IndexSink()
        let writer = IndexWriter(analyzer: analyzer, settings: IndexSettings(), sink: sink, root: "/k")
        for document in documents { try writer.add(document) }
        let bytes = try #require(try writer.finish(sources: []).bytes)
        #expect(throws: Never.self) { try IndexReader(bytes: bytes) }
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: IndexError.self) { try IndexReader(bytes: Array(bytes.prefix(length))) }
        }
    }
}
