import Foundation

/// Small PDFs with text at known places, for tests: Helvetica and Helvetica-Bold (standard
/// fonts, nothing embedded), one content stream a page, and a page may be an image alone (a
/// scan: no text at all).
struct TestPDF {
    struct Text {
        var text: String
        var x: Double
        /// The baseline, in points from the page's top.
        var y: Double
        var size: Double = 11
        var bold = false
    }

    enum Page {
        case text([Text])
        case image
    }

    var pages: [Page]
    static let height = 792.0

    var data: Data {
        var objects: [[UInt8]] = []
        let pageIDs = pages.indices.map { 5 + 2 * $0 }
        objects.append(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        objects.append(Array("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>".utf8))
        objects.append(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8))
        objects.append(Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>".utf8))
        for (index, page) in pages.enumerated() {
            let content = Self.content(page)
            objects.append(Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 \(Int(Self.height))] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>".utf8))
            objects.append(Array("<< /Length \(content.count) >>\nstream\n".utf8) + content + Array("\nendstream".utf8))
        }
        var file = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(file.count)
            file += Array("\(index + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = file.count
        file += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets { file += Array(String(format: "%010d 00000 n \n", offset).utf8) }
        file += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return Data(file)
    }

    private static func content(_ page: Page) -> [UInt8] {
        switch page {
        case .image:
            // A 2 × 2 grey image over a quarter of the page.
            return Array("q 300 0 0 300 72 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID ".utf8) + [0x00, 0xFF, 0xFF, 0x00] + Array(" EI Q".utf8)
        case .text(let texts):
            var stream: [UInt8] = []
            for text in texts {
                let font = text.bold ? "F2" : "F1"
                stream += Array("BT /\(font) \(text.size) Tf \(text.x) \(height - text.y) Td (".utf8) + escaped(text.text) + Array(") Tj ET\n".utf8)
            }
            return stream
        }
    }

    /// A literal string in WinAnsi: ASCII as itself, the bullet as 0x95.
    private static func escaped(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text {
            switch character {
            case "(", ")", "\\": bytes += [UInt8(ascii: "\\"), character.asciiValue!]
            case "•": bytes += Array("\\225".utf8)
            default: bytes.append(character.asciiValue ?? UInt8(ascii: "?"))
            }
        }
        return bytes
    }
}
