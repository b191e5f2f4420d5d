import CLibXML2
import Foundation

/// Reading what poppler's tools write, with libxml2's pull reader. Their XML is machine-made,
/// but a PDF's text can hold any character, so control characters (which XML forbids) become
/// spaces first; what libxml2 still cannot read ends the reading there, with what came before
/// kept.
enum PopplerXML {
    static func read(_ xml: Data, _ body: (xmlTextReaderPtr) -> Void) {
        var bytes = [UInt8](xml)
        for index in bytes.indices where bytes[index] < 0x20 && bytes[index] != 0x0A && bytes[index] != 0x09 {
            bytes[index] = 0x20
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                            | XML_PARSE_HUGE.rawValue)
        let created = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReaderForMemory($0.baseAddress, Int32(clamping: $0.count), nil, "UTF-8", options) }
        }
        guard let reader = created else { return }
        defer { xmlFreeTextReader(reader) }
        body(reader)
    }

    static func isText(_ type: Int32) -> Bool {
        type == Int32(XML_READER_TYPE_TEXT.rawValue) || type == Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
    }
}
