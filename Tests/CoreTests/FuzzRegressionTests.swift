import Foundation
import Testing
@testable import Core

/// Inputs the fuzz targets (`scripts/fuzz`) crashed on, kept as they were found, replayed the
/// way each target reads them.
@Suite struct FuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzRegressions")

    static func inputs(_ prefix: String) throws -> [[UInt8]] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(prefix) }.sorted()
            .map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    /// A passage naming a document past the end, a posting of frequency 0, and a length field
    /// larger than the file: each now refused when the index opens.
    @Test func damagedIndexesBehindAValidChecksumAreRefused() throws {
        let inputs = try Self.inputs("index-")
        #expect(inputs.count == 3)
        for input in inputs {
            var sealed = input
            IndexLayout.sealHeader(of: &sealed)
            for bytes in [input, sealed] {
                #expect(throws: IndexError.self) { try IndexReader(bytes: bytes) }
            }
        }
    }

    /// A JSONL line with invalid UTF-8 was dropped when streamed from disk but kept when read
    /// whole; both now read it with replacement characters.
    @Test func jsonlWithInvalidUTF8StreamsLikeItReadsWhole() throws {
        for input in try Self.inputs("loaders-") {
            let body = Data(input.dropFirst())
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("kq-fuzz-\(UUID().uuidString).jsonl")
            try body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            var streamed: [Document] = []
            try JSONLinesFormat().forEachDocument(at: file, path: "f.jsonl", progress: { _ in }, warn: { _ in }) { streamed.append($0) }
            let whole = try JSONLinesFormat().documents(in: String(decoding: body, as: UTF8.self), path: "f.jsonl")
            #expect(streamed.count == whole.count && !streamed.isEmpty)
        }
    }
}
