import Foundation

/// Brings an index's segments and manifest up to date with the files a Knowledge root holds
/// now, changing as little as the folder did: files added or changed are indexed into one new
/// segment, files changed or removed have their documents deleted from the segments that hold
/// them, and a merge policy keeps the segments few. Every file is written under a temporary
/// name and renamed into place, segments first and the manifest last, so a reader, or an
/// update killed at any point, finds the old index or the new one whole.
struct IndexUpdate {
    let cache: IndexCache
    let root: URL
    let analyzer: Analyzer
    let settings: IndexSettings
    let loader: KnowledgeLoader
    /// Threads that index at once.
    let threads: Int
    /// Given, every segment written has passage vectors (see `IndexCache.encoder`).
    var encoder: SentenceEncoder? = nil

    /// Segments at or above this many within one size tier are merged into one (Lucene's
    /// TieredMergePolicy merges ten at a time; kq's segments are fewer and smaller).
    static let mergeFactor = 4
    /// A segment with more of its documents deleted than this is rewritten without them.
    static let deletedShareToRewrite = 0.5

    private var manifestFile: URL { cache.location(for: root) }

    /// Updates the index from `previous`, or builds it whole when there is none to update.
    func run(files: [SourceFile.Located], previous: IndexReader?, warn: (String) -> Void,
             progress: (IndexProgress) -> Void) throws {
        var segments: [Manifest.Segment] = []
        var readers: [Int: SegmentReader] = [:]
        // Segments this update wrote from files: the threads' equal shares of a build would
        // otherwise fall in one tier and be merged straight back into one, on one thread.
        var fresh = Set<Int>()
        // Never a number a segment file has now: the manifest a reader holds may name it.
        var number = (existingSegmentNumbers().max() ?? -1) + 1
        var toIndex = files
        if let previous, let manifest = previous.manifest {
            number = max(number, manifest.nextNumber)
            let now = Dictionary(files.map { (Array($0.file.path.utf8), $0.file) }, uniquingKeysWith: { first, _ in first })
            let before = previous.sources
            // A file whose time falls in the manifest's second may have changed unseen (see
            // `IndexCache.change`): it is indexed again.
            let written = IndexCache.modificationTime(of: manifestFile.path)
            let kept = Set(before.filter { now[Array($0.path.utf8)] == $0 && !IndexCache.isRacy($0, written: written) }.map { Array($0.path.utf8) })
            let gone = Set(before.map { Array($0.path.utf8) }).subtracting(kept)
            toIndex = files.filter { !kept.contains(Array($0.file.path.utf8)) }
            for (part, listed) in zip(previous.parts, manifest.segments) {
                let deleted = Self.union(part.deletedDocuments, Self.documents(of: gone, in: part.segment))
                guard deleted.reduce(0, { $0 + $1.count }) < part.segment.documentCount else { continue }
                segments.append(Manifest.Segment(number: part.number, deleted: deleted, identity: listed.identity))
                readers[part.number] = part.segment
            }
        }
        if !toIndex.isEmpty || segments.isEmpty {
            let (written, used) = try writeSegments(toIndex, from: number, mustHoldDocuments: segments.isEmpty, warn: warn, progress: progress)
            for (segmentNumber, reader, identity) in written {
                segments.append(Manifest.Segment(number: segmentNumber, deleted: [], identity: identity))
                readers[segmentNumber] = reader
                fresh.insert(segmentNumber)
            }
            // Every number a run was given, kept or not: a dropped empty run's file may exist.
            number += used
        }
        while let group = Self.mergeGroup(segments, readers: readers, sparing: fresh) {
            let (merged, identity) = try merge(group.map { segment in (readers[segment.number]!, segment) }, number: number)
            let numbers = Set(group.map(\.number))
            segments.removeAll { numbers.contains($0.number) }
            segments.append(Manifest.Segment(number: number, deleted: [], identity: identity))
            readers[number] = merged
            number += 1
        }
        // Segments written before vectors were wanted get them now, each rewritten whole, on
        // as many threads as there are segments to rewrite (each with its own analyzer).
        if encoder != nil {
            let lacking = segments.filter { readers[$0.number]!.vectorDimension == 0 && readers[$0.number]!.passageCount > 0 }
            let rewritten = Slots<Result<(SegmentReader, [Int64]), any Error>>(lacking.count)
            concurrently(items: lacking.count, threads: min(threads, lacking.count)) { thread, item in
                rewritten[item] = Result {
                    try merge([(readers[lacking[item].number]!, lacking[item])], number: number + item,
                              analyzer: thread == 0 ? analyzer : try Analyzer.english())
                }
            }
            for (item, segment) in lacking.enumerated() {
                let (reader, identity) = try rewritten[item]!.get()
                segments.removeAll { $0.number == segment.number }
                segments.append(Manifest.Segment(number: number + item, deleted: [], identity: identity))
                readers[number + item] = reader
            }
            number += lacking.count
        }
        segments.sort { $0.number < $1.number }
        let manifest = Manifest(fingerprint: settings.fingerprint, root: root.standardizedFileURL.path, segments: segments,
                                sources: files.map(\.file), nextNumber: number,
                                terms: try vocabulary(segments.map { (readers[$0.number]!, $0.deleted) }))
        try cache.writeAtomically(manifest.encoded(), to: manifestFile)
        removeUnreferencedSegments(keeping: Set(segments.map(\.number)))
    }

    /// The document ranges of `paths` in a segment, whose documents are in path order: two
    /// binary searches a path.
    static func documents(of paths: Set<[UInt8]>, in segment: SegmentReader) -> [Range<Int>] {
        func first(_ path: [UInt8], after: Bool) -> Int {
            var low = 0, high = segment.documentCount
            while low < high {
                let mid = (low + high) / 2
                let here = segment.documentPathBytes(mid)
                let before = after ? !path.lexicographicallyPrecedes(here) : here.lexicographicallyPrecedes(path)
                if before { low = mid + 1 } else { high = mid }
            }
            return low
        }
        return union([], paths.map { first($0, after: false)..<first($0, after: true) })
    }

    /// Two sets of ascending ranges as one, overlapping and touching ranges joined.
    static func union(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in (a + b).sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// Segments to merge now, if any: a segment mostly deleted, alone; else the segments of
    /// the first size tier (a power of four in live documents) that holds `mergeFactor`, not
    /// counting those `sparing` names.
    static func mergeGroup(_ segments: [Manifest.Segment], readers: [Int: SegmentReader], sparing: Set<Int> = []) -> [Manifest.Segment]? {
        func live(_ segment: Manifest.Segment) -> Int {
            readers[segment.number]!.documentCount - segment.deleted.reduce(0) { $0 + $1.count }
        }
        if let sparse = segments.first(where: { Double(readers[$0.number]!.documentCount - live($0)) > deletedShareToRewrite * Double(readers[$0.number]!.documentCount) }) {
            return [sparse]
        }
        let tiers = Dictionary(grouping: segments.filter { !sparing.contains($0.number) }) { segment in Int(log(Double(max(1, live(segment)))) / log(4.0)) }
        return tiers.keys.sorted().lazy.compactMap { tiers[$0]!.count >= mergeFactor ? tiers[$0] : nil }.first
    }

    /// One segment holding the live documents of `parts`, in the order a fresh build would put
    /// them: by path, then by position in the file.
    private func merge(_ parts: [(reader: SegmentReader, segment: Manifest.Segment)], number: Int,
                       analyzer: Analyzer? = nil) throws -> (SegmentReader, [Int64]) {
        var documents: [(part: Int, local: Int)] = []
        for (index, part) in parts.enumerated() {
            for local in 0..<part.reader.documentCount where !part.segment.deleted.contains(where: { $0.contains(local) }) {
                documents.append((index, local))
            }
        }
        documents.sort { a, b in
            let pathA = parts[a.part].reader.documentPathBytes(a.local), pathB = parts[b.part].reader.documentPathBytes(b.local)
            if !pathA.elementsEqual(pathB) { return pathA.lexicographicallyPrecedes(pathB) }
            return parts[a.part].reader.documentPosition(a.local) < parts[b.part].reader.documentPosition(b.local)
        }
        return try writeSegment(number: number, analyzer: analyzer) { writer in
            for (part, local) in documents {
                let reader = parts[part].reader
                let passages = reader.passages(ofDocument: local)
                try writer.add(reader.document(local), passages: passages.lazy.map { reader.passage($0) }) { reader.vector(ofPassage: $0.id) }
            }
        }
    }

    /// Indexes `files` into segments numbered from `first`, one a thread. The files are cut
    /// into work items of about equal size, a large JSONL file into pieces at line starts, many
    /// more items than threads; each thread, with its own analyzer and its own segment, takes
    /// them in turns (thread t items t, t + threads, …), so that a stretch of files that costs
    /// more to analyse is shared and the threads finish together, and a build writes the same
    /// segments every time. (Taking whichever item is next, tried with a busy loop pinned to
    /// one core, finished no sooner.) Each segment holds its documents in the order of their
    /// files. A segment that would hold no document is not kept. Warnings
    /// come in file order, whichever thread found them.
    private func writeSegments(_ files: [SourceFile.Located], from first: Int, mustHoldDocuments: Bool,
                               warn: (String) -> Void, progress: (IndexProgress) -> Void) throws -> (written: [(Int, SegmentReader, [Int64])], used: Int) {
        let (items, threads) = try plan(files)
        let total = files.reduce(0) { $0 + Int($1.file.size) }
        let shared = SharedProgress(total: total)
        let results = Slots<Result<((SegmentReader, [Int64]), Bool), any Error>>(threads)
        let warnings = Slots<[String]>(items.count)
        let lock = NSLock()
        concurrently(threads) { thread in
            results[thread] = Result { () throws -> ((SegmentReader, [Int64]), Bool) in
                let analyzer = thread == 0 ? self.analyzer : try Analyzer.english()
                var any = false
                let reader = try writeSegment(number: first + thread, analyzer: analyzer) { writer in
                    for item in stride(from: thread, to: items.count, by: threads) {
                        var found: [String] = []
                        defer { warnings[item] = found }
                        let read = try loader.limited(by: settings).forEachDocument(in: items[item], progress: { bytes in
                            if let update = shared.add(bytes) { lock.lock(); progress(update); lock.unlock() }
                        }, warn: { found.append($0) }) { document in
                            let left = try writer.add(document)
                            if left > 0 {
                                found.append("kq: \(document.path): only the first \(settings.maximumPassagesPerDocument) passages of \(document.id) are indexed (--max-passages); \(left) left out")
                            }
                        }
                        any = any || read
                    }
                }
                return (reader, any)
            }
        }
        for item in items.indices { for line in warnings[item] ?? [] { warn(line) } }
        var written: [(Int, SegmentReader, [Int64])] = []
        var any = false
        for thread in 0..<threads {
            let ((reader, identity), read) = try results[thread]!.get()
            any = any || read
            if reader.documentCount > 0 || (thread == 0 && mustHoldDocuments) { written.append((first + thread, reader, identity)) }
        }
        if mustHoldDocuments && !any { throw KnowledgeLoader.Failure.empty(root.path) }
        return (written, threads)
    }

    /// The files cut into work items of about equal size, in order, and how many threads to
    /// give them: one item for each of `itemsPerThread` shares of a thread's work, so that the
    /// last item a thread takes is small beside what it did before.
    private func plan(_ files: [SourceFile.Located]) throws -> (items: [[KnowledgeLoader.Piece]], threads: Int) {
        let total = files.reduce(0) { $0 + Int($1.file.size) }
        let threads = max(1, min(self.threads, total / (encoder == nil ? Self.bytesPerThread : Self.bytesPerThreadEmbedding)))
        guard threads > 1 else { return ([files.map { KnowledgeLoader.Piece(located: $0, part: nil) }], 1) }
        let target = max(1, total / (threads * Self.itemsPerThread))
        var items: [[KnowledgeLoader.Piece]] = [[]]
        var filled = 0
        for file in files {
            let size = Int(file.file.size)
            var pieces = [KnowledgeLoader.Piece(located: file, part: nil)]
            if file.problem == nil, size > target, let format = loader.format(forName: Array(file.absolutePath.utf8)) {
                let parts = (try? format.pieces(of: file.url, size: size, count: (size + target / 2) / target)) ?? []
                if parts.count > 1 { pieces = parts.map { KnowledgeLoader.Piece(located: file, part: $0) } }
            }
            for piece in pieces {
                let length = piece.part?.bytes.count ?? size
                // A new item when more than half of this piece would not fit in the current one.
                if filled > 0, filled + length / 2 > target {
                    items.append([])
                    filled = 0
                }
                items[items.count - 1].append(piece)
                filled += length
            }
        }
        return (items, threads)
    }

    /// Below this much text a thread costs more than it saves; when passages are embedded,
    /// a thousand times the work a byte, far less (16 KB is about a third of a second of the
    /// encoder's work).
    static let bytesPerThread = 1 << 20
    static let bytesPerThreadEmbedding = 1 << 14
    static let itemsPerThread = 16

    /// Writes segment `number` through `fill`, under a temporary name renamed into place.
    private func writeSegment(number: Int, analyzer: Analyzer? = nil, _ fill: (IndexWriter) throws -> Void) throws -> (SegmentReader, [Int64]) {
        let target = cache.segmentLocation(manifest: manifestFile, number: number)
        let temporary = cache.temporaryLocation(for: target)
        let descriptor = Glibc.open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, IndexCache.fileMode)
        guard descriptor >= 0 else { throw IndexSinkError(errno: errno) }
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary.path) }
        }
        let writer = IndexWriter(analyzer: analyzer ?? self.analyzer, settings: settings, sink: try IndexSink(fileDescriptor: descriptor),
                                 root: root.standardizedFileURL.path, encoder: encoder)
        try fill(writer)
        try writer.finish(sources: [])
        // No fsync: it costs a tenth of a second on a large index, and an index a crash left
        // half on disk fails its checksum and is rebuilt like any other damage.
        guard rename(temporary.path, target.path) == 0 else { throw IndexSinkError(errno: errno) }
        renamed = true
        // Just written whole: its checksum was computed as it was written.
        guard let identity = SegmentCache.identity(of: target.path) else { throw IndexSinkError(errno: errno) }
        return (try IndexCache.openSegments.reader(at: target.path, written: identity), identity)
    }

    /// The union vocabulary with live document frequencies and title counts, or nothing when
    /// one segment with nothing deleted holds its own.
    private func vocabulary(_ segments: [(reader: SegmentReader, deleted: [Range<Int>])]) throws -> [(term: [UInt8], frequency: UInt32, titleDocuments: UInt32)] {
        if segments.count == 1 && segments[0].deleted.isEmpty { return [] }
        // Postings that fall in deleted passages are not counted; titles of deleted documents,
        // analysed again, are taken off the title counts.
        let deletedPassages = segments.map { segment in segment.deleted.map { segment.reader.passages(ofDocuments: $0) } }
        let deletedTitles: [[String: UInt32]] = segments.map { segment in
            var counts: [String: UInt32] = [:]
            for range in segment.deleted {
                for document in range {
                    for term in Set(analyzer.terms(segment.reader.document(document).title)) { counts[term, default: 0] += 1 }
                }
            }
            return counts
        }
        var cursors = [Int](repeating: 0, count: segments.count)
        var result: [(term: [UInt8], frequency: UInt32, titleDocuments: UInt32)] = []
        while true {
            var smallest: UnsafeRawBufferPointer?
            for (index, segment) in segments.enumerated() where cursors[index] < segment.reader.termCount {
                let bytes = segment.reader.termBytes(cursors[index])
                if smallest == nil || bytes.lexicographicallyPrecedes(smallest!) { smallest = bytes }
            }
            guard let term = smallest.map(Array.init) else { break }
            var frequency = 0, titles = 0, present = false
            for (index, segment) in segments.enumerated() where cursors[index] < segment.reader.termCount
                && segment.reader.termBytes(cursors[index]).elementsEqual(term) {
                let id = cursors[index]
                cursors[index] += 1
                let postings = segment.reader.postings(id)
                var live = postings.count
                for range in deletedPassages[index] {
                    live -= postings.firstIndex(atLeast: UInt32(range.upperBound), from: 0) - postings.firstIndex(atLeast: UInt32(range.lowerBound), from: 0)
                }
                frequency += live
                // A term with no live posting stays while a segment with nothing deleted holds
                // it, as it would in a fresh build (a title with no passage, a section heading
                // under --title-weight 0).
                present = present || deletedPassages[index].isEmpty && segment.deleted.isEmpty
                let inTitles = segment.reader.titleDocuments(id)
                if inTitles > 0 {
                    titles += inTitles - Int(deletedTitles[index][String(decoding: term, as: UTF8.self)] ?? 0)
                }
            }
            if frequency > 0 || titles > 0 || present { result.append((term, UInt32(frequency), UInt32(max(0, titles)))) }
        }
        return result
    }

    /// Removes this index's segment files the manifest no longer names: merged away, or
    /// written by an update killed before its manifest.
    private func removeUnreferencedSegments(keeping numbers: Set<Int>) {
        for number in existingSegmentNumbers() where !numbers.contains(number) {
            unlink(cache.segmentLocation(manifest: manifestFile, number: number).path)
        }
    }

    /// The numbers of this index's segment files in the cache folder.
    private func existingSegmentNumbers() -> [Int] {
        let prefix = manifestFile.deletingPathExtension().lastPathComponent + "."
        let names = (try? FileManager.default.contentsOfDirectory(atPath: manifestFile.deletingLastPathComponent().path)) ?? []
        return names.compactMap { name in
            name.hasPrefix(prefix) && name.hasSuffix(".kqseg") ? Int(name.dropFirst(prefix.count).dropLast(".kqseg".count)) : nil
        }
    }
}

/// Bytes read by all threads of a build, reported as progress at most once a percent.
private final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: IndexProgress
    private var shown = -1

    init(total: Int) { progress = IndexProgress(total: total) }

    func add(_ bytes: Int) -> IndexProgress? {
        lock.lock()
        defer { lock.unlock() }
        progress.done += bytes
        let percent = Int(progress.fraction * 100)
        guard percent != shown else { return nil }
        shown = percent
        return progress
    }
}
