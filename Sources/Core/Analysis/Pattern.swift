import Foundation

/// A case-insensitive regular expression over a sentence's text: how an aspect recognises a
/// statement (“over 40 minutes”, “$450”, “twice-weekly”). Kept as strings so each can be read
/// and tested on its own.
///
/// Compiled on first use: ICU's compiler costs milliseconds a process, and `kq search` or a
/// question one answerer takes never needs most patterns.
public struct Pattern: Sendable {
    private let compiled: Compiled
    public let source: String
    /// Pieces of text (in lower case) without which the expression cannot match: when given, a
    /// text holding none of them is not matched, and the expression need never be compiled.
    public let triggers: [String]

    public init(_ source: String, triggers: [String] = []) {
        self.source = source
        self.triggers = triggers
        compiled = Compiled(source)
    }

    public func matches<S: StringProtocol>(_ text: S) -> Bool {
        guard admits(text) else { return false }
        let string = String(text)
        return compiled.regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }

    /// Every match, as written.
    public func all<S: StringProtocol>(in text: S) -> [String] {
        let string = String(text)
        return compiled.regex.matches(in: string, range: NSRange(string.startIndex..., in: string)).compactMap {
            Range($0.range, in: string).map { String(string[$0]) }
        }
    }

    /// Where each match stands in `text`.
    public func ranges(in text: String) -> [Range<String.Index>] {
        guard admits(text) else { return [] }
        return compiled.regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
    }

    /// The first group of every match, as written.
    public func captures<S: StringProtocol>(in text: S) -> [String] {
        guard admits(text) else { return [] }
        let string = String(text)
        return compiled.regex.matches(in: string, range: NSRange(string.startIndex..., in: string)).compactMap {
            $0.numberOfRanges > 1 ? Range($0.range(at: 1), in: string).map { String(string[$0]) } : nil
        }
    }

    /// Whether `text` holds one of the triggers (or there are none), so may match.
    private func admits<S: StringProtocol>(_ text: S) -> Bool {
        triggers.isEmpty || triggers.contains { text.range(of: $0, options: .caseInsensitive) != nil }
    }

    /// The regular expression, made once under a lock: NSRegularExpression is immutable and
    /// safe to share between threads once made.
    private final class Compiled: @unchecked Sendable {
        private let source: String
        private let lock = NSLock()
        private var made: NSRegularExpression?

        init(_ source: String) {
            self.source = source
        }

        var regex: NSRegularExpression {
            lock.lock()
            defer { lock.unlock() }
            if let made { return made }
            do {
                let regex = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
                made = regex
                return regex
            } catch {
                preconditionFailure("invalid pattern \(source): \(error)")
            }
        }
    }
}

/// Pieces that patterns share: how amounts are written in English text.
public enum Quantity {
    /// A number in digits or words, or a vague count (“a few”).
    public static let number = #"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|forty five|fifty|sixty|ninety|a few|a couple of|several)"#
    /// A number or a range of them: “two to four”, “1-2”.
    public static let range = "\(number)(?:\\s*(?:-|–|to|or)\\s*\(number))?"
}
