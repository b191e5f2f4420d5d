import Core
import Testing
@testable import Plugins

/// How a pack's patterns include each other and kq's own.
@Suite struct PatternLibraryTests {
    let library = PatternLibrary(sources: ["unit": "mg|ml", "dose": "{range} ?(?:{unit})", "a": "{b}", "b": "{a}"])

    @Test func namesExpandAndRegularExpressionBracesStay() throws {
        #expect(try library.expand("{unit}") == "(?:mg|ml)")
        #expect(try library.expand("{dose}") == "(?:" + Quantity.range + " ?(?:(?:mg|ml)))")
        // A regular expression's own braces: counts, and ICU's \p{…}, \N{…}, \x{…}.
        for own in [#"\d{1,2}"#, #"\p{Lu}+"#, #"\P{L}"#, #"\N{BULLET}"#, #"\x{263A}"#, "a{2}"] {
            #expect(try library.expand(own) == own)
        }
    }

    @Test func unknownNamesAndLoopsAreReported() {
        #expect(throws: PatternLibrary.Failure.self) { try library.expand("{nowhere}") }
        #expect(throws: PatternLibrary.Failure.self) { try library.expand("{a}") }
    }
}
