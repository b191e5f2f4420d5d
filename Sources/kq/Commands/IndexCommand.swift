import ArgumentParser
import Core
import Foundation

/// `kq index`: builds the Knowledge's cached index now, current or not, and says what it holds.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build the Knowledge's index now and report its size.",
        discussion: "ask, search and the REPL build it themselves when it is missing or stale; the index lives in $XDG_CACHE_HOME/kq (else ~/.cache/kq), one file per Knowledge root."
    )

    @OptionGroup var source: KnowledgeOptions

    func run() throws {
        let root = try source.resolve()
        var cache = BaseDirectory.indexCache(environment: ProcessInfo.processInfo.environment, threads: source.threads)
        if source.retriever() != .lexical { cache.encoder = Session.encoder(environment: ProcessInfo.processInfo.environment) }
        let progress = ProgressBar(label: "kq: indexing \(root.lastPathComponent)")
        let started = DispatchTime.now().uptimeNanoseconds
        let summary: IndexWriter.Summary
        do {
            summary = try cache.build(root: root, analyzer: try Analyzer.english(), settings: source.limits(IndexSettings()),
                                      warn: progress.warn, progress: progress.update)
        } catch let failure as KnowledgeLoader.Failure {
            throw KQFailure(failure.description)
        } catch {
            // Files that cannot be read are skipped with a warning, so what fails is writing.
            throw KQFailure("cannot write the index at \(cache.location(for: root).path): \(ReadableError.describe(error))")
        }
        progress.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        StandardStreams.line(IndexSummaryText.render(summary, seconds: seconds, file: cache.location(for: root),
                                                     embedded: cache.encoder?.piecesEncoded))
    }
}

enum IndexSummaryText {
    /// `embedded`: the word pieces the sentence encoder read to give passages their vectors,
    /// when the index has them.
    static func render(_ summary: IndexWriter.Summary, seconds: Double, file: URL, embedded: Int? = nil) -> String {
        var rows = [("documents", grouped(summary.documents)), ("passages", grouped(summary.passages)),
                    ("terms", grouped(summary.terms)),
                    ("bytes", "\(grouped(summary.bytes)) (\(String(format: "%.1f MB", Double(summary.bytes) / 1_000_000)))")]
        if let embedded { rows.append(("embedded", "\(grouped(embedded)) word pieces")) }
        rows += [("time", String(format: "%.2f s", seconds)), ("index", Sanitizer.clean(file.path, keepNewlines: false))]
        return rows.map { $0.0.padding(toLength: 11, withPad: " ", startingAt: 0) + $0.1 }.joined(separator: "\n")
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
