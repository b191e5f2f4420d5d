import Core
import FuzzSupport
import Foundation

/// libFuzzer target: the first byte picks a format (Markdown, plain text, JSONL, HTML), the rest is a
/// file of that format. The file is read both ways kq reads files (whole, and streamed from
/// disk), and its documents are cut into passages and indexed in memory. Nothing may trap.
nonisolated(unsafe) let analyzer = try! Analyzer.english()
let formats: [any DocumentFormat] = [MarkdownFormat(), PlainTextFormat(), JSONLinesFormat(), HTMLFormat()]
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kq-fuzz-loaders-\(getpid())")

func fuzzLoaders(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    // kq's loader skips an empty file before any format reads it (and Foundation's
    // Data(contentsOf:) leaks a page on one), so an empty body is not read here either.
    guard count > 1 else { return 0 }
    let format = formats[Int(data[0]) % formats.count]
    let body = Data(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let file = scratch.appendingPathExtension(format.extensions.sorted()[0])
    guard (try? body.write(to: file)) != nil else { return 0 }
    defer { try? FileManager.default.removeItem(at: file) }
    var streamed: [Document] = []
    try? format.forEachDocument(at: file, path: file.lastPathComponent, progress: { _ in }, warn: { _ in }) {
        streamed.append($0)
    }
    // A format read whole has its control characters stripped first (the protocol's default
    // reading); a corpus format streams its own lines, and the index writer strips them later.
    let text = String(decoding: body, as: UTF8.self)
    let wholeText = format.holdsManyDocuments ? text : ControlCharacters.stripped(text)
    let whole = (try? format.documents(in: wholeText, path: file.lastPathComponent)) ?? []
    precondition(streamed.count == whole.count, "streamed and whole readings disagree")
    if let knowledge = try? Knowledge(root: scratch, documents: whole, analyzer: analyzer) {
        for passage in knowledge.passages { _ = knowledge.document(of: passage) }
    }
    return 0
}

@main
enum FuzzLoaders {
    static func main() { runFuzzer { fuzzLoaders($0, $1) } }
}
