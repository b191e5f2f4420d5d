import Foundation
import Testing
@testable import Core

/// FlatJSONObject reads most JSONL lines in JSONDecoder's stead, so whatever it reads it must
/// read as JSONDecoder does; what it does not read, JSONDecoder still gets.
@Suite struct FlatJSONObjectTests {
    private static func flat(_ line: String) -> [String: String]? {
        Array(line.utf8).withUnsafeBytes(FlatJSONObject.strings)
    }

    private static func decoded(_ line: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(line.utf8))
    }

    @Test func objectsOfStringsAreReadAsJSONDecoderReadsThem() {
        let lines = [
            #"{"_id": "d1", "title": "First", "text": "Para one.\n\nPara two."}"#,
            #"  {"text":"tab\there, quote \" and slash \/ and backslash \\"}  "#,
            #"{"text": "caf\u00e9 \u00E9 \u2019 \ud83d\ude00 \u0000 end"}"#,
            #"{"text": "plain café ünïcode 😀 written out", "other": "\b\f\r"}"#,
            #"{}"#,
            #"{ "a" : "" , "b" : "x" }"#,
            "{\"text\": \"a string longer than eight bytes with its quote at \\\"the end\\\"\"}\r",
        ]
        for line in lines {
            let flat = Self.flat(line)
            #expect(flat != nil, "not read: \(line)")
            #expect(flat == Self.decoded(line), "read otherwise than JSONDecoder: \(line)")
        }
    }

    /// Each of these JSONDecoder rejects, or reads a value that is not a string; the fast
    /// reader must leave them all to it.
    @Test func anythingElseIsLeftToJSONDecoder() {
        let lines = [
            #"{"_id": 7, "text": "number id"}"#,
            #"{"text": "x", "meta": {"a": "b"}}"#,
            #"{"text": null}"#,
            #"{"text": "lone \ud83d surrogate"}"#,
            #"{"text": "lone \ude00 low"}"#,
            #"{"text": "bad \x escape"}"#,
            #"{"text": "short \u12"}"#,
            "{\"text\": \"raw \u{1} control\"}",
            "{\"text\": \"raw\nnewline\"}",
            #"{"text": "x"} trailing"#,
            #"{"text": "x",}"#,
            #"{"text": "x" "title": "y"}"#,
            #"{"text": "unterminated}"#,
            #"{"text": "x", "text": "y"}"#,
            #"["text"]"#,
            "\u{FEFF}{\"text\": \"byte order mark\"}",
        ]
        for line in lines { #expect(Self.flat(line) == nil, "read: \(line)") }
        #expect(Array([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D] as [UInt8]).withUnsafeBytes(FlatJSONObject.strings) == nil,
                "invalid UTF-8 read")
    }

    /// Lines built at random from JSON's troublesome pieces: whatever the fast reader reads,
    /// JSONDecoder reads alike, and every flat object JSONDecoder reads without a repeated
    /// key the fast reader reads too (so the fast path is the one taken).
    @Test func randomLinesAreReadAsJSONDecoderReadsThem() {
        let pieces = [#"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\u00e9"#, #"\uD83D\uDE00"#, #"\ud800"#, #"\q"#, "\"", "\\",
                      "é", "😀", "\u{7}", " ", "abcdefgh", "{", "}", ":", ",", "x"]
        var random = SeededRandom(state: 18)
        var read = 0
        for _ in 0..<3000 {
            var line = "{"
            let fields = Int.random(in: 0...3, using: &random)
            for field in 0..<fields {
                if field > 0 { line += Bool.random(using: &random) ? ", " : "," }
                line += "\"k\(Int.random(in: 0...3, using: &random))\": \""
                for _ in 0..<Int.random(in: 0...12, using: &random) { line += pieces.randomElement(using: &random)! }
                line += "\""
            }
            line += Int.random(in: 0..<20, using: &random) == 0 ? "} x" : "}"
            let flat = Self.flat(line)
            let decoded = Self.decoded(line)
            if let flat {
                read += 1
                #expect(flat == decoded, "read otherwise than JSONDecoder: \(line)")
            } else if let decoded, decoded.count == fields {
                Issue.record("JSONDecoder reads a flat object the fast reader leaves: \(line)")
            }
        }
        #expect(read > 300)
    }
}
