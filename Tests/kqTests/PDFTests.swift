import Core
import Foundation
import Testing

/// Issue 16: PDFs read through poppler, structure read off the page, citations by page.
@Suite struct PDFTests {
    typealias Text = TestPDF.Text

    /// Two pages with a running header and footer, a title and a heading set large, a heading
    /// set bold at body size, a word hyphenated at a line's end and a compound cut at its
    /// hyphen, bullets, and a table.
    static let leaflet = TestPDF(pages: [
        .text([
            Text(text: "Acme Clinic Leaflet", x: 72, y: 40, size: 9),
            Text(text: "Fever Leaflet", x: 72, y: 110, size: 20),
            Text(text: "Dosage", x: 72, y: 150, size: 15),
            Text(text: "Children aged 6 to 11 take one tablet every six hours with", x: 72, y: 175),
            Text(text: "water or milk, and never more than four tablets in a day.", x: 72, y: 189),
            Text(text: "Shake the bottle before use, because the medi-", x: 72, y: 225),
            Text(text: "cine settles when it stands, like any Anti-", x: 72, y: 239),
            Text(text: "Inflammatory syrup.", x: 72, y: 253),
            Text(text: "• Keep the tablets dry", x: 72, y: 275),
            Text(text: "• Store them below 25 degrees", x: 72, y: 289),
            Text(text: "Page 1 of 2", x: 280, y: 760, size: 9),
        ]),
        .text([
            Text(text: "Acme Clinic Leaflet", x: 72, y: 40, size: 9),
            Text(text: "Warnings", x: 72, y: 90, size: 15),
            Text(text: "With alcohol", x: 72, y: 115, bold: true),
            Text(text: "Do not take the tablets with alcohol, because the liver", x: 72, y: 130),
            Text(text: "works harder to clear them.", x: 72, y: 144),
            Text(text: "Strength", x: 72, y: 200, bold: true),
            Text(text: "Colour", x: 300, y: 200, bold: true),
            Text(text: "5 mg", x: 72, y: 216),
            Text(text: "peach", x: 300, y: 216),
            Text(text: "10 mg", x: 72, y: 232),
            Text(text: "white with a score line", x: 300, y: 232),
            Text(text: "Page 2 of 2", x: 280, y: 760, size: 9),
        ]),
    ])

    static func read(_ pdf: TestPDF, named name: String = "leaflet.pdf") throws -> [Document] {
        let folder = try KQProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent(name)
        try pdf.data.write(to: file)
        var documents: [Document] = []
        try PDFFormat().forEachDocument(at: file, path: name, progress: { _ in }, warn: { _ in }) { documents.append($0) }
        return documents
    }

    @Test func aPDFGivesTitleSectionsListsTablesAndPagesWithoutRunningLines() throws {
        let document = try #require(try Self.read(Self.leaflet).first)
        #expect(document.title == "Fever Leaflet")
        #expect(document.pages == 2)
        let blocks = document.blocks.map { "\($0.page) \($0.section ?? "-") | \($0.text)" }
        #expect(blocks == [
            "1 Dosage | Children aged 6 to 11 take one tablet every six hours with water or milk, and never more than four tablets in a day.",
            "1 Dosage | Shake the bottle before use, because the medicine settles when it stands, like any Anti-Inflammatory syrup.",
            "1 Dosage | - Keep the tablets dry",
            "1 Dosage | - Store them below 25 degrees",
            "2 Warnings › With alcohol | Do not take the tablets with alcohol, because the liver works harder to clear them.",
            "2 Warnings › With alcohol | | Strength | Colour |\n| 5 mg | peach |\n| 10 mg | white with a score line |",
        ], "\(blocks.joined(separator: "\n"))")
    }

    @Test func aParagraphCutByAPageBreakIsOneBlockOnBothPages() throws {
        let pdf = TestPDF(pages: [
            .text([Text(text: "Syrup", x: 72, y: 100, size: 20),
                   Text(text: "Take the syrup with food, because it can upset the", x: 72, y: 700)]),
            .text([Text(text: "stomach when it is taken alone.", x: 72, y: 100)]),
        ])
        let document = try #require(try Self.read(pdf).first)
        let blocks = document.blocks.map { "\($0.page)-\($0.lastPage) \($0.text)" }
        #expect(blocks == ["1-2 Take the syrup with food, because it can upset the stomach when it is taken alone."], "\(blocks)")
    }

    @Test func citationsOfAPDFNameTheirPageInTextAndJSON() throws {
        let folder = try KQProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.leaflet.data.write(to: folder.appendingPathComponent("leaflet.pdf"))
        let question = "Why should the tablets not be taken with alcohol?"
        let json = try KQProcess.run(["ask", "--json", "--knowledge", folder.path, question])
        #expect(json.status == 0, "\(json.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        let citations = try #require(answer["citations"] as? [[String: Any]])
        #expect(citations.first?["path"] as? String == "leaflet.pdf")
        #expect(citations.first?["page"] as? Int == 2, "\(json.stdout)")
        let text = try KQProcess.run(["ask", "--knowledge", folder.path, question])
        #expect(text.stdout.contains("leaflet.pdf, page 2, passage"), "\(text.stdout)")
        // A row of the table, quoted under its header.
        let row = try KQProcess.run(["ask", "--knowledge", folder.path, "Which strength is peach?"])
        #expect(row.stdout.contains("Strength: 5 mg; Colour: peach") && row.stdout.contains("leaflet.pdf, page 2"), "\(row.stdout)")
        let search = try KQProcess.run(["search", "--format", "json", "--knowledge", folder.path, "tablet dose age"])
        let hits = try #require(try JSONSerialization.jsonObject(with: search.stdoutBytes) as? [[String: Any]])
        #expect(hits.allSatisfy { $0["page"] is Int }, "\(search.stdout)")
    }

    @Test func theIndexRecordsEachDocumentsFormatAndPages() throws {
        let folder = try KQProcess.folder(with: ["notes.md": "# Notes\n\nTake it with food."])
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.leaflet.data.write(to: folder.appendingPathComponent("leaflet.pdf"))
        let sources = try KQProcess.run(["sources", "--knowledge", folder.path])
        #expect(sources.status == 0, "\(sources.stderr)")
        #expect(sources.stdout.contains("leaflet.pdf") && sources.stdout.contains("pdf, 2 pages"), "\(sources.stdout)")
        #expect(sources.stdout.contains("notes.md") && sources.stdout.contains("markdown"), "\(sources.stdout)")
    }

    @Test func anEncryptedAScannedAndABrokenPDFAreSkippedWithOneWarningEach() throws {
        let folder = try KQProcess.folder(with: ["notes.md": "# Notes\n\nTake it with food."])
        defer { try? FileManager.default.removeItem(at: folder) }
        let encrypted = KQProcess.repositoryRoot.appendingPathComponent("Tests/kqTests/Fixtures/encrypted.pdf")
        try FileManager.default.copyItem(at: encrypted, to: folder.appendingPathComponent("encrypted.pdf"))
        try TestPDF(pages: [.image, .image]).data.write(to: folder.appendingPathComponent("scan.pdf"))
        var broken = Self.leaflet.data
        broken.removeSubrange(200...)
        try broken.write(to: folder.appendingPathComponent("broken.pdf"))
        let index = try KQProcess.run(["index", "--knowledge", folder.path])
        #expect(index.status == 0, "\(index.stderr)")
        let warnings = index.stderr.split(separator: "\n").filter { $0.hasPrefix("kq: skipped") }
        #expect(warnings.count == 3, "\(index.stderr)")
        #expect(warnings.contains("kq: skipped encrypted.pdf: encrypted: it opens only with a password"), "\(index.stderr)")
        #expect(warnings.contains("kq: skipped scan.pdf: no text layer (a scanned PDF? kq reads no images)"), "\(index.stderr)")
        #expect(warnings.contains { $0.hasPrefix("kq: skipped broken.pdf: not a PDF poppler can read (") }, "\(index.stderr)")
    }
}
