import Core
import FuzzSupport
import Foundation

/// libFuzzer target: the first byte picks a reading (Markdown, plain text, JSONL, HTML, a PDF
/// through poppler, or poppler's layout of one), the rest is its input. A text file is read both
/// ways kq reads files (whole, and streamed from disk); a PDF is read by poppler's programs as
/// kq runs them; a layout is pdftotext's XHTML, and after a NUL byte pdftohtml's XML of the
/// same PDF. The documents are cut into passages and indexed in memory. Nothing may trap.
/// `KQ_FUZZ_FORMAT=NAME` (markdown, text, jsonl, html, pdf, pdf-layout) fuzzes one reading.
nonisolated(unsafe) let analyzer = try! Analyzer.english()
let textFormats: [any TextFormat] = [MarkdownFormat(), PlainTextFormat(), JSONLinesFormat(), HTMLFormat()]
let readings = textFormats.map(\.name) + ["pdf", "pdf-layout"]
let only = ProcessInfo.processInfo.environment["KQ_FUZZ_FORMAT"].flatMap { readings.firstIndex(of: $0) }
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kq-fuzz-loaders-\(getpid())")

func fuzzLoaders(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    // kq's loader skips an empty file before any format reads it (and Foundation's
    // Data(contentsOf:) leaks a page on one), so an empty body is not read here either.
    guard count > 1 else { return 0 }
    let reading = only ?? Int(data[0]) % readings.count
    let body = Data(UnsafeBufferPointer(start: data + 1, count: count - 1))
    let documents: [Document]
    switch reading {
    case textFormats.count:
        documents = readPDF(body)
    case textFormats.count + 1:
        let split = body.firstIndex(of: 0) ?? body.endIndex
        documents = PDFFormat().documents(inLayout: body[..<split], marks: body[split...].dropFirst(), path: "f.pdf")
    default:
        documents = readText(body, format: textFormats[reading])
    }
    if let knowledge = try? Knowledge(root: scratch, documents: documents, analyzer: analyzer) {
        for passage in knowledge.passages { _ = knowledge.document(of: passage) }
    }
    return 0
}

func readText(_ body: Data, format: any TextFormat) -> [Document] {
    let file = scratch.appendingPathExtension(format.extensions.sorted()[0])
    guard (try? body.write(to: file)) != nil else { return [] }
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
    return whole
}

func readPDF(_ body: Data) -> [Document] {
    let file = scratch.appendingPathExtension("pdf")
    guard (try? body.write(to: file)) != nil else { return [] }
    defer { try? FileManager.default.removeItem(at: file) }
    var documents: [Document] = []
    // A short time limit: a PDF that stalls poppler is poppler's to fix, and kq's limit is tested.
    var format = PDFFormat()
    format.timeout = 5
    try? format.forEachDocument(at: file, path: file.lastPathComponent, progress: { _ in }, warn: { _ in }) { documents.append($0) }
    return documents
}

@main
enum FuzzLoaders {
    static func main() { runFuzzer { fuzzLoaders($0, $1) } }
}
