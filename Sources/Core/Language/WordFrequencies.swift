import Foundation

/// How common a word is in English at large, from wordfreq's table
/// (`Resources/english-word-frequencies.tsv`, CC BY-SA 4.0; see `Resources/ATTRIBUTION.md`).
///
/// A Knowledge is a few documents: that it never uses “weight” or “ok” says nothing about
/// whether a question is covered, while that it never uses “metformin” says everything. The
/// background frequency tells the two apart. Frequencies are Zipf values: log10 of uses per
/// billion words, 7 for “the”, 3 for a word used once per million; a word outside the table's
/// 100,000 is rarer than about 2.
public final class WordFrequencies: @unchecked Sendable {
    /// The bundled table, read on first use; nil when it cannot be found (then every word
    /// counts as rare, which is how kq weighed missing words before it had the table).
    public static let shared: WordFrequencies? = locate().flatMap { try? WordFrequencies(contentsOf: $0) }

    /// The table, mapped read-only: lines sorted by their bytes, searched in place, so opening
    /// it costs nothing however few words a question looks up. Mapped with POSIX calls, not
    /// `Data`, which would box the mapping in an allocation that lives as long as the process.
    private let bytes: UnsafeRawBufferPointer

    public init(contentsOf url: URL) throws {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else { throw CocoaError(.fileReadCorruptFile) }
        let size = Int(status.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else {
            throw CocoaError(.fileReadUnknown)
        }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
    }

    /// The word's Zipf frequency, or nil when it is not among the table's words. Looked up in
    /// lower case.
    public func zipf(_ word: String) -> Double? {
        let key = Array(word.lowercased().utf8)
        guard !key.isEmpty else { return nil }
        let bytes = self.bytes.bindMemory(to: UInt8.self)
        // Binary search over byte offsets: each probe backs up to the start of its line.
        var low = 0, high = bytes.count
        while low < high {
            var start = (low + high) / 2
            while start > low, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
            var tab = start
            while tab < bytes.count, bytes[tab] != UInt8(ascii: "\t"), bytes[tab] != UInt8(ascii: "\n") { tab += 1 }
            var end = tab
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let order = Self.compare(key, bytes[start..<tab])
            if order == 0 {
                var value = 0
                for digit in bytes[min(tab + 1, end)..<end] where (48...57).contains(digit) { value = value * 10 + Int(digit - 48) }
                return Double(value) / 10
            }
            if order < 0 { high = start } else { low = end + 1 }
        }
        return nil
    }

    /// How far a word the Knowledge lacks should count against a question's coverage, 0…1:
    /// 1 for a rare word or a name (it is likely what the question is about), 0 for an
    /// everyday word (Zipf 4 or more: “weight”, “stay”, “ok”), in between for the rest.
    public func rarity(_ word: String) -> Double {
        guard let zipf = zipf(word) else { return 1 }
        return min(1, max(0, (Self.everyday - zipf) / (Self.everyday - Self.rare)))
    }

    /// Zipf frequencies at which a word is frequent (“stomach”, “toddler” are not), everyday
    /// (about 1 use in 10,000 words), common enough to be English and not a name or a slip
    /// (“metformin” is under it), and rare (1 in 10 million).
    public static let frequent = 4.5
    public static let everyday = 4.0
    public static let common = 3.0
    public static let rare = 2.0

    /// The everyday word a word outside the table was meant to be, when it is one slip from
    /// one (“tomorow”), or the contraction a word was typed for without its apostrophe
    /// (“isnt”). The word meant must be everyday (Zipf 4 or more) and the word typed at least
    /// four letters.
    public func everydayWord(near word: String) -> String? {
        let letters = Array(word.lowercased())
        // English words are short: a long run of letters is no slip of one, and trying every
        // edit of it would cost its length squared.
        guard (4...Self.longestSlip).contains(letters.count), letters.allSatisfy({ $0.isLetter || $0 == "'" }) else { return nil }
        var best: (word: String, zipf: Double)?
        func consider(_ candidate: [Character]) {
            let text = String(candidate)
            guard let zipf = zipf(text), zipf >= Self.everyday, zipf > (best?.zipf ?? 0) else { return }
            best = (text, zipf)
        }
        if let own = zipf(word) {
            guard own < Self.everyday, !letters.contains("'") else { return nil }
            for index in letters.indices.dropFirst() {
                var contracted = letters
                contracted.insert("'", at: index)
                consider(contracted)
            }
            return best?.word
        }
        // The slips people make in words they know: two letters swapped (“recieve”), a double
        // letter typed single or single typed double (“tomorow”, “untill”). A letter replaced
        // or dropped would turn names into words (“aleve” into “alive”, “coreg” into “core”).
        for index in letters.indices {
            if index + 1 < letters.count {
                var swapped = letters
                swapped.swapAt(index, index + 1)
                consider(swapped)
                if letters[index] == letters[index + 1] {
                    var single = letters
                    single.remove(at: index)
                    consider(single)
                }
            }
            var doubled = letters
            doubled.insert(letters[index], at: index)
            consider(doubled)
        }
        return best?.word
    }

    static let longestSlip = 20

    /// Rare enough to be what a question is about: a name, a drug.
    public func isRare(_ word: String) -> Bool {
        rarity(word) >= 0.5
    }

    private static func compare(_ key: [UInt8], _ line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        for (a, b) in zip(key, line) where a != b { return a < b ? -1 : 1 }
        return key.count == line.count ? 0 : (key.count < line.count ? -1 : 1)
    }

    /// The table sits in SwiftPM's resource folder beside the executable, or, for tests and a
    /// binary run from the source tree, in the sources.
    private static func locate() -> URL? {
        let name = "english-word-frequencies.tsv"
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(executable.appendingPathComponent("kq_Core.resources/Resources/\(name)"))
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/\(name)"))
        return candidates.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }
}
