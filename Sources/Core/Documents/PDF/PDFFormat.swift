import Foundation

/// PDF, read by poppler's `pdftotext` (Debian poppler-utils) run as a separate program, which
/// lays out each page's text in reading order with the box of every word (`-bbox-layout`),
/// and by its `pdftohtml -xml` for the outline and which lines are bold (`PDFMarks`);
/// `PDFStructure` reads headings, lists, tables and pages off them. Poppler is GPL and kq is
/// MIT: run as programs, not linked, poppler's licence stays poppler's.
///
/// A PDF that needs a password, that has no text to give (a scan: kq reads no images) or that
/// poppler cannot read is skipped with one warning saying which.
public struct PDFFormat: DocumentFormat {
    public let name = "pdf"
    /// None without poppler: PDFs are then no part of the Knowledge, and the first index after
    /// poppler-utils is installed finds them added. Stored, not computed: a folder walk asks it
    /// of every file.
    public let extensions: Set<String>

    /// The folder of poppler's programs; nil looks for `pdftotext` on PATH.
    public let programs: URL?
    /// How long one file may take: a thousand-page label takes seconds, and a file made to
    /// stall poppler must not stall a build.
    public var timeout = 120.0
    /// The largest layout read, 256 MiB: about 2.5 million words, a label of thousands of pages.
    static let maximumLayout = 1 << 28

    public init(programs: URL? = nil) {
        self.programs = programs
        extensions = (programs ?? Self.popplerFolder) == nil ? [] : ["pdf"]
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case encrypted
        case noText
        case unreadable(String)

        public var description: String {
            switch self {
            case .encrypted: "encrypted: it opens only with a password"
            case .noText: "no text layer (a scanned PDF? kq reads no images)"
            case .unreadable(let why): "not a PDF poppler can read (\(why))"
            }
        }
    }

    public func forEachDocument(at url: URL, path: String, progress: (Int) -> Void, warn: (String) -> Void,
                                _ body: (Document) throws -> Void) throws {
        let layout = try self.layout(of: url)
        guard let document = PDFStructure(layout: layout, marks: marks(of: url)).document(path: path), !document.blocks.isEmpty else {
            throw Failure.noText
        }
        try body(document)
        progress(Int((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0))
    }

    /// Documents from what poppler's programs write, pdftotext's layout XHTML and pdftohtml's
    /// XML: what the fuzzer reads without a PDF.
    public func documents(inLayout xhtml: Data, marks: Data, path: String) -> [Document] {
        PDFStructure(layout: PDFLayout(xhtml: xhtml), marks: PDFMarks(xml: marks)).document(path: path).map { [$0] } ?? []
    }

    func layout(of url: URL) throws -> PDFLayout {
        guard let folder = programs ?? Self.popplerFolder else { throw Failure.unreadable("pdftotext is not on PATH") }
        let program = folder.appendingPathComponent("pdftotext")
        // Poppler complains of damage it reads past; only its exit status says it failed.
        let outcome = try ChildProcess.run(program, arguments: ["-bbox-layout", "-enc", "UTF-8", url.path, "-"], input: Data(),
                                           timeout: timeout, maximumOutput: Self.maximumLayout)
        // Output past the limit ends pdftotext (see ChildProcess).
        guard !outcome.overflowed else { throw Failure.unreadable("its text is over \(Self.maximumLayout >> 20) MB laid out") }
        switch outcome.ending {
        case .exited(0):
            return PDFLayout(xhtml: outcome.output)
        case .exited(let status):
            if outcome.errors.contains("Incorrect password") || status == 3 { throw Failure.encrypted }
            let why = outcome.errors.split(separator: "\n").last.map { String($0.prefix(120)) } ?? "status \(status)"
            throw Failure.unreadable(why)
        case .killed(let signal):
            throw Failure.unreadable("pdftotext ended by signal \(signal)")
        case .timedOut:
            throw Failure.unreadable("pdftotext took over \(Int(timeout)) s")
        }
    }

    /// The outline and bold lines; none when pdftohtml fails, and headings are then known by
    /// their size alone.
    func marks(of url: URL) -> PDFMarks {
        guard let folder = programs ?? Self.popplerFolder,
              let outcome = try? ChildProcess.run(folder.appendingPathComponent("pdftohtml"),
                                                  arguments: ["-xml", "-i", "-zoom", "1", "-stdout", "-q", url.path],
                                                  input: Data(), timeout: timeout, maximumOutput: Self.maximumLayout),
              outcome.ending == .exited(0), !outcome.overflowed else { return PDFMarks() }
        return PDFMarks(xml: outcome.output)
    }

    /// The folder on PATH that holds `pdftotext`, looked up once.
    static let popplerFolder: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").lazy.map { URL(fileURLWithPath: String($0)) }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pdftotext").path) }
    }()
}
