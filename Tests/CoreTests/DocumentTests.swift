import Foundation
import Testing
@testable import Core

@Suite struct DocumentTests {
    /// The listing every command makes to check its index: byte order (NFC and NFD spellings
    /// of a name are two files), hidden entries and links to folders passed over, links to
    /// files listed where they are, files no format reads left out.
    @Test func aFolderIsListedInByteOrderWithoutHiddenEntriesOrFolderLinks() throws {
        let folder = try TemporaryFolder()
        for path in ["b.md", "a/z.md", "a.md", "caf\u{E9}.md", "cafe\u{301}.md", ".hidden.md", ".git/x.md", "notes.docx", "c/d.txt"] {
            try folder.write(path, "# T\n\nText.\n")
        }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("up").path, withDestinationPath: ".")
        try manager.createSymbolicLink(atPath: folder.url.appendingPathComponent("link.md").path, withDestinationPath: "b.md")
        let files = try KnowledgeLoader().files(in: folder.url)
        #expect(files.map { Array($0.file.path.utf8) } == ["a.md", "a/z.md", "b.md", "c/d.txt", "cafe\u{301}.md", "caf\u{E9}.md", "link.md"].map { Array($0.utf8) })
        #expect(files.allSatisfy { $0.problem == nil && $0.file.size == 11 })
    }

    /// Folders are walked on several threads; the listing is still one byte order, however
    /// deep and wide the tree, and extensions match in any case.
    @Test func aWideDeepTreeIsListedInByteOrder() throws {
        let folder = try TemporaryFolder()
        var expected: [String] = []
        for top in ["b", "a", "c-d", "c"] {
            for inner in ["y", "x"] {
                for name in ["2.md", "10.TXT", "1.Md"] {
                    try folder.write("\(top)/\(inner)/\(name)", "Text.\n")
                    expected.append("\(top)/\(inner)/\(name)")
                }
            }
            try folder.write("\(top).md", "Text.\n")
            expected.append("\(top).md")
        }
        let files = try KnowledgeLoader().files(in: folder.url)
        let sorted = expected.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(files.map { Array($0.file.path.utf8) } == sorted)
    }

    /// Text is scanned eight bytes at a time: a control character is found wherever it falls
    /// in or across those eight, and text with none (tabs, newlines, other scripts) is left be.
    @Test func controlCharactersAreFoundAtEveryOffset() {
        let controls = ["\u{0}", "\u{1B}", "\u{1F}", "\u{7F}", "\u{85}", "\u{9F}", "\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}"]
        for control in controls {
            for offset in 0...24 {
                let text = String(repeating: "a", count: offset) + control + String(repeating: "b", count: 24 - offset)
                #expect(ControlCharacters.contains(text), "\(control.unicodeScalars.first!.value) at \(offset)")
            }
        }
        for clean in ["plain words and ~ tildes", "tab\tand\nnewline over eight bytes", "Café — naïve “quotes”",
                      "\u{A0}\u{2010}\u{2065}\u{206A}\u{2029}" + String(repeating: " ", count: 9)] {
            #expect(!ControlCharacters.contains(clean), "\(clean)")
        }
    }

    /// CommonMark as cmark-gfm reads it: setext headings, a table as one block of rows under
    /// its header, HTML dropped, brackets in text kept, a code block kept as its text.
    @Test func markdownSetextHeadingsTablesAndHTML() throws {
        let text = """
        Fever Tablets
        =============

        Directions
        ----------

        | Age | Dose |
        | --- | :--- |
        | 6 to 11 years | 1 tablet every *4* hours |
        | 12 years and over | 2 tablets |

        <div class="footer">Printed leaflet</div>

        Storage
        -------

        Store at 20° to 25°C [see USP Controlled Room Temperature]. Read the <b>label</b>. ![A tablet](tablet.png)

            keep dry

        3. Third
        4. Fourth
           - nested
        """
        let document = try #require(try MarkdownFormat().documents(in: text, path: "fever.md").first)
        #expect(document.title == "Fever Tablets")
        #expect(document.blocks == [
            Block(section: "Directions", text: "| Age | Dose |\n| 6 to 11 years | 1 tablet every 4 hours |\n| 12 years and over | 2 tablets |"),
            Block(section: "Storage", text: "Store at 20° to 25°C [see USP Controlled Room Temperature]. Read the label. A tablet"),
            Block(section: "Storage", text: "keep dry"),
            Block(section: "Storage", text: "3. Third"),
            Block(section: "Storage", text: "4. Fourth"),
            Block(section: "Storage", text: "- nested"),
        ])
    }

    /// A saved web page as libxml2 reads it: the title from `<title>` (entities decoded), else
    /// the first `<h1>`; sections from headings; lists, tables and loose text as blocks;
    /// scripts, styles, navigation and footers left out.
    @Test func htmlGivesTitleSectionsListsAndTablesWithoutChrome() throws {
        let page = """
        <!DOCTYPE html><html><head><title>Fever Tablets &amp; Caplets</title><style>p { color: red }</style>
        <script>var hidden = "script text";</script></head><body>
        <nav><a href="/">Home</a></nav><div role="navigation">Menu</div>
        <h1>Fever Tablets</h1><h2>Directions</h2>
        <p>Take   1 tablet
        every 4 hours.</p>
        <table><thead><tr><th>Age</th><th>Dose</th></tr></thead>
        <tbody><tr><td>6 to 11 years</td><td>1 tablet every <b>4</b> hours</td></tr></tbody></table>
        <h2>Warnings</h2>
        <div>Stop use and ask a doctor if:<ul><li>you feel <em>faint</em></li><li>it gets worse<ol start="3"><li>nested</li></ol></li></ul></div>
        <p>Up&nbsp;to 5 doses<br>a day. <img src="x.png" alt="A tablet"></p>
        <footer>Copyright Example Pharma</footer></body></html>
        """
        let document = try #require(try HTMLFormat().documents(in: page, path: "fever.html").first)
        #expect(document.title == "Fever Tablets & Caplets")
        #expect(document.blocks == [
            Block(section: "Fever Tablets › Directions", text: "Take 1 tablet every 4 hours."),
            Block(section: "Fever Tablets › Directions", text: "| Age | Dose |\n| 6 to 11 years | 1 tablet every 4 hours |"),
            Block(section: "Fever Tablets › Warnings", text: "Stop use and ask a doctor if:"),
            Block(section: "Fever Tablets › Warnings", text: "- you feel faint"),
            Block(section: "Fever Tablets › Warnings", text: "- it gets worse"),
            Block(section: "Fever Tablets › Warnings", text: "3. nested"),
            Block(section: "Fever Tablets › Warnings", text: "Up to 5 doses a day. A tablet"),
        ])
        // Without a <title>, the first <h1> is the title.
        let untitled = try #require(try HTMLFormat().documents(in: "<h1>Leaflet</h1><h2>Use</h2><p>Shake well.</p>", path: "l.htm").first)
        #expect(untitled.title == "Leaflet")
        #expect(untitled.blocks == [Block(section: "Use", text: "Shake well.")])
    }

    @Test func markdownGivesTitleSectionsAndPlainBlocks() throws {
        let text = """
        # Ketamine Basics

        Intro paragraph that
        wraps two lines.

        ## How it works

        It targets **NMDA** receptors, see [the study](https://example.org).

        - First item
        - Second `item`
        1. Numbered item
        """
        let document = try #require(try MarkdownFormat().documents(in: text, path: "a/b.md").first)
        #expect(document.title == "Ketamine Basics")
        #expect(document.id == "a/b.md")
        #expect(document.blocks == [
            Block(section: nil, text: "Intro paragraph that wraps two lines."),
            Block(section: "How it works", text: "It targets NMDA receptors, see the study."),
            Block(section: "How it works", text: "- First item"),
            Block(section: "How it works", text: "- Second item"),
            Block(section: "How it works", text: "1. Numbered item"),
        ])
    }

    @Test func markdownWithoutHeadingIsTitledByItsFileName() throws {
        let document = try #require(try MarkdownFormat().documents(in: "Just text.", path: "notes/dosing-guide.md").first)
        #expect(document.title == "dosing-guide")
    }

    @Test func textFileTitleIsItsFirstLine() throws {
        let document = try #require(try PlainTextFormat().documents(in: "\nMy Title\nLine one.\nLine two.\n", path: "x.txt").first)
        #expect(document.title == "My Title")
        #expect(document.blocks.map(\.text) == ["Line one.", "Line two."])
    }

    @Test func textFileWithBlankLinesRejoinsWrappedParagraphs() throws {
        let document = try #require(try PlainTextFormat().documents(in: "T\n\nOne\ntwo.\n\nThree.", path: "x.txt").first)
        #expect(document.blocks.map(\.text) == ["One two.", "Three."])
    }

    @Test func jsonLinesReadsBEIRDocumentsAndSkipsBadLines() throws {
        let text = """
        {"_id": "d1", "title": "First", "text": "Para one.\\n\\nPara two."}
        not json
        {"_id": "d2", "text": "No title."}
        """
        let documents = try JSONLinesFormat().documents(in: text, path: "c.jsonl")
        #expect(documents.map(\.id) == ["d1", "d2"])
        #expect(documents[0].blocks.map(\.text) == ["Para one.", "Para two."])
        #expect(documents[1].title == "d2")
    }

    @Test func loaderWalksFoldersInPathOrderAndSkipsOtherFiles() throws {
        let root = try TemporaryFolder()
        try root.write("b.md", "# B\n\nBee text.")
        try root.write("sub/a.txt", "A\nAy text.")
        try root.write("sub/c.jsonl", #"{"_id": "c1", "title": "C", "text": "Sea."}"#)
        try root.write("sub/d.HTML", "<title>D</title><p>Dee text.</p>")
        try root.write("image.png", "PNG")
        try root.write(".hidden.md", "# Hidden\n\nNo.")
        let documents = try KnowledgeLoader().load(root.url)
        #expect(documents.map(\.id) == ["b.md", "sub/a.txt", "c1", "sub/d.HTML"])
        #expect(documents.map(\.title) == ["B", "A", "C", "D"])
    }

    @Test func loaderReadsASingleFile() throws {
        let root = try TemporaryFolder()
        try root.write("only.md", "# Only\n\nText.")
        let documents = try KnowledgeLoader().load(root.url.appendingPathComponent("only.md"))
        #expect(documents.map(\.id) == ["only.md"])
    }

    @Test func missingOrEmptyKnowledgeIsAnError() throws {
        let root = try TemporaryFolder()
        #expect(throws: KnowledgeLoader.Failure.missing(root.url.appendingPathComponent("nope").path)) {
            try KnowledgeLoader().load(root.url.appendingPathComponent("nope"))
        }
        try root.write("readme.docx", "x")
        #expect(throws: KnowledgeLoader.Failure.empty(root.url.path)) {
            try KnowledgeLoader().load(root.url)
        }
    }

    @Test func invalidUTF8IsDecodedWithReplacement() throws {
        let root = try TemporaryFolder()
        try root.write("bad.txt", Data([0x54, 0x0A, 0x6F, 0x6B, 0xFF, 0x20, 0x77, 0x6F, 0x72, 0x64]))
        let document = try #require(try KnowledgeLoader().load(root.url).first)
        #expect(document.blocks.map(\.text) == ["ok\u{FFFD} word"])
    }
}
