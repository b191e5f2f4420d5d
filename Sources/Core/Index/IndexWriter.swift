/// Builds an index file from documents as they stream in: each document is cut into passages,
/// their text goes straight to the text section, and only postings and small per-passage
/// records stay in memory until `finish` writes the rest (see `IndexLayout`).
public final class IndexWriter {
    public struct Summary: Sendable, Equatable {
        public let documents: Int
        public let passages: Int
        public let terms: Int
        public let bytes: Int
    }

    private let analyzer: Analyzer
    private let settings: IndexSettings
    private let sink: IndexSink
    private let root: String
    private var builder = PostingsBuilder()
    private var words: WordTerms
    /// Ids, titles, paths and terms: kept apart from passage text so that reading many of them
    /// (a run file lists thousands of document ids) touches a few pages, not the whole index.
    private var names: [UInt8] = []
    private var documentRefs: [UInt64] = []
    private var passageRecords: [UInt32] = []
    private var passageRefs: [UInt64] = []
    private var passageTerms: [Int32] = []
    /// With an encoder, every passage gets a sentence vector, computed when the segment is
    /// finished (in batches of like length) or copied from the segment a merge reads.
    private let encoder: SentenceEncoder?
    private var vectors: [PassageVector] = []

    private enum PassageVector {
        /// Word pieces to encode at `finish`.
        case pieces([Int32])
        case stored(QuantizedVector)
        /// Neither: the segment is written without vectors.
        case none
    }

    init(analyzer: Analyzer, settings: IndexSettings, sink: IndexSink, root: String, encoder: SentenceEncoder? = nil) {
        self.analyzer = analyzer
        self.settings = settings
        self.sink = sink
        self.root = root
        self.words = WordTerms(analyzer: analyzer)
        self.encoder = encoder
    }

    public var documentCount: Int { documentRefs.count / IndexLayout.documentFields }

    /// Adds a document's passages, up to the settings' limit; returns how many were left out.
    @discardableResult
    func add(_ document: Document) throws -> Int {
        // The path stays as the file system spells it: updates find a file's documents by it,
        // in byte order. Output cleans it, as it cleans everything it prints.
        var cleaned = ControlCharacters.stripped(document)
        cleaned.path = document.path
        let document = cleaned
        let all = settings.splitter.passages(of: document, documentIndex: documentCount, firstID: builder.passageCount)
        let passages = all.prefix(max(1, settings.maximumPassagesPerDocument))
        try add(document, passages: passages)
        return all.count - passages.count
    }

    /// Adds a document already cut into passages, as a merge copies one from another segment:
    /// analysed as `add` analyses them, so a merged segment is the one a build would write.
    /// `stored` gives a passage's vector when the segment read has one.
    func add(_ document: Document, passages: some Sequence<Passage>, stored: (Passage) -> QuantizedVector? = { _ in nil }) throws {
        let documentIndex = documentCount
        documentRefs += [name(document.id), name(document.title), name(document.path), UInt64(max(0, document.position)),
                         name(document.format), UInt64(max(0, document.pages))]
        let titleTerms = termIDs(document.title)
        builder.countTitle(titleTerms)
        var sectionTerms: (section: String?, ids: [Int32])?
        for passage in passages {
            passageTerms.removeAll(keepingCapacity: true)
            appendTermIDs(passage.text, to: &passageTerms)
            var fields: [Int32] = []
            if settings.titleWeight > 0 {
                if sectionTerms == nil || sectionTerms?.section != passage.section {
                    sectionTerms = (passage.section, termIDs(passage.section ?? ""))
                }
                fields = titleTerms + sectionTerms!.ids
            }
            let length = builder.addPassage(passageTerms, fields: fields, weight: settings.titleWeight)
            passageRecords += [UInt32(documentIndex), UInt32(passage.ordinal), UInt32(length),
                               passage.section == nil ? 0 : IndexLayout.passageHasSection,
                               UInt32(clamping: passage.pages?.lowerBound ?? 0), UInt32(clamping: passage.pages?.upperBound ?? 0)]
            passageRefs += [try string(passage.section ?? ""), try string(passage.text)]
            if let vector = stored(passage) {
                vectors.append(.stored(vector))
            } else if let encoder {
                vectors.append(.pieces(encoder.tokenizer.ids(Self.embeddedText(of: passage, title: document.title),
                                                             maximumLength: encoder.maximumLength)))
            } else {
                vectors.append(.none)
            }
        }
    }

    /// What a passage's vector is made from: its document's title and its section heading say
    /// what it is about, as they count toward its terms.
    static func embeddedText(of passage: Passage, title: String) -> String {
        [title, passage.section ?? "", passage.text].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// Every passage's vector, or nil when any passage has none to give.
    private func finishedVectors() -> [QuantizedVector]? {
        var result = [QuantizedVector?](repeating: nil, count: vectors.count)
        var pending: [(passage: Int, pieces: [Int32])] = []
        for (passage, vector) in vectors.enumerated() {
            switch vector {
            case .none: return nil
            case .stored(let stored): result[passage] = stored
            case .pieces(let pieces): pending.append((passage, pieces))
            }
        }
        if let encoder, !pending.isEmpty {
            // Like lengths together, so that a batch pads little.
            pending.sort { $0.pieces.count < $1.pieces.count }
            for start in stride(from: 0, to: pending.count, by: Self.batchSize) {
                let batch = pending[start..<min(pending.count, start + Self.batchSize)]
                for (item, vector) in zip(batch, encoder.encode(ids: batch.map(\.pieces))) {
                    result[item.passage] = QuantizedVector(vector)
                }
            }
        }
        return result.map { $0! }
    }

    static let batchSize = 8

    /// Writes every section after the strings and the header.
    @discardableResult
    func finish(sources: [SourceFile]) throws -> (summary: Summary, bytes: [UInt8]?) {
        let bytes = builder.terms.map { Array($0.utf8) }
        let order = bytes.indices.sorted { bytes[$0].lexicographicallyPrecedes(bytes[$1]) }
        var termRefs: [UInt64] = []
        termRefs.reserveCapacity(order.count)
        for id in order { termRefs.append(name(builder.terms[id])) }
        var sourceRecords: [UInt64] = []
        for source in sources {
            sourceRecords += [name(source.path), UInt64(source.size), UInt64(bitPattern: source.modified)]
        }
        var header = IndexHeader()
        header.root = name(root)
        header.sections[IndexLayout.Section.text.rawValue] = IndexLayout.headerSize..<sink.position
        try section(.names, &header) { try sink.write(names) }
        try section(.documents, &header) { try sink.write(documentRefs) }
        try section(.passages, &header) { try sink.write(passageRecords) }
        try section(.passageStrings, &header) { try sink.write(passageRefs) }
        try section(.terms, &header) { try sink.write(termRefs) }
        try section(.termInfo, &header) {
            var info: [UInt32] = []
            info.reserveCapacity(order.count * 4)
            var first: UInt64 = 0
            for id in order {
                info += [UInt32(truncatingIfNeeded: first), UInt32(truncatingIfNeeded: first >> 32),
                         builder.documentFrequencies[id], builder.titleDocuments[id]]
                first += UInt64(builder.documentFrequencies[id])
            }
            try sink.write(info)
        }
        try section(.postingPassages, &header) {
            var passages: [UInt32] = []
            for id in order {
                builder.forEachPosting(of: id) { passage, _ in passages.append(passage) }
                if passages.count >= 1 << 16 {
                    try sink.write(passages)
                    passages.removeAll(keepingCapacity: true)
                }
            }
            try sink.write(passages)
        }
        try section(.postingFrequencies, &header) {
            var frequencies: [UInt16] = []
            for id in order {
                builder.forEachPosting(of: id) { _, frequency in frequencies.append(UInt16(clamping: frequency)) }
                if frequencies.count >= 1 << 16 {
                    try sink.write(frequencies)
                    frequencies.removeAll(keepingCapacity: true)
                }
            }
            try sink.write(frequencies)
        }
        try section(.sources, &header) { try sink.write(sourceRecords) }
        // Written empty when a passage has no vector.
        let finished = finishedVectors() ?? []
        try section(.vectorScales, &header) { try sink.write(finished.map(\.scale.bitPattern)) }
        try section(.vectors, &header) {
            for vector in finished { try sink.write(vector.codes.map { UInt8(bitPattern: $0) }) }
        }
        header.fingerprint = settings.fingerprint
        header.documentCount = UInt32(documentCount)
        header.passageCount = UInt32(builder.passageCount)
        header.termCount = UInt32(order.count)
        header.sourceCount = UInt32(sources.count)
        header.totalLength = UInt64(builder.totalLength)
        let written = try sink.finish(header: header)
        let summary = Summary(documents: documentCount, passages: builder.passageCount, terms: order.count, bytes: sink.position)
        return (summary, written)
    }

    private func section(_ section: IndexLayout.Section, _ header: inout IndexHeader, _ body: () throws -> Void) throws {
        try sink.align()
        let start = sink.position
        try body()
        header.sections[section.rawValue] = start..<sink.position
    }

    /// Adds a string to the names section, written by `finish`, and returns its reference.
    private func name(_ value: String) -> UInt64 {
        let offset = names.count
        let length = min(value.utf8.count, IndexLayout.maximumStringLength)
        names += value.utf8.prefix(length)
        return IndexLayout.stringRef(offset: offset, length: length)
    }

    /// Writes passage text into the text section as it comes and returns its reference.
    private func string(_ value: String) throws -> UInt64 {
        let offset = sink.position - IndexLayout.headerSize
        var value = value
        let length = value.withUTF8 { min($0.count, IndexLayout.maximumStringLength) }
        try value.withUTF8 { try sink.write(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[0..<length])) }
        return IndexLayout.stringRef(offset: offset, length: length)
    }

    private func termIDs(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        appendTermIDs(text, to: &ids)
        return ids
    }

    /// Works on local copies moved out of `self`: class properties mutated per token would pay
    /// a runtime exclusivity check each time.
    private func appendTermIDs(_ text: String, to ids: inout [Int32]) {
        var words = WordTerms(analyzer: analyzer)
        var builder = PostingsBuilder()
        swap(&words, &self.words)
        swap(&builder, &self.builder)
        defer {
            swap(&words, &self.words)
            swap(&builder, &self.builder)
        }
        analyzer.tokenizer.forEachWord(in: text) { word in
            let id = words.id(of: word.bytes, builder: &builder)
            if id >= 0 { ids.append(id) }
        }
    }
}

/// Word as written → term id, or -1 when analysis drops it (a stopword): each distinct word
/// goes through the analyzer's filters once per build.
private struct WordTerms {
    let analyzer: Analyzer
    var ids = ByteTable()

    mutating func id(of bytes: UnsafeBufferPointer<UInt8>, builder: inout PostingsBuilder) -> Int32 {
        ids.value(for: bytes) {
            analyzer.apply(String(decoding: bytes, as: UTF8.self)).map { builder.id(for: $0) } ?? -1
        }
    }
}
