import CHunspell
import Foundation

/// Tells English words from typing slips, with Hunspell and its en_US dictionary (Debian's
/// `hunspell-en-us`). kq corrects only what Hunspell rejects: “walk”, “shot” and “list” are
/// words, and replacing them by the nearest Knowledge term (talk, show, lasting) changed what
/// people asked.
///
/// Loading the dictionary takes about 30 ms, so it happens on first use, and `SpellingPolicy`
/// asks only about words that are neither in the Knowledge nor common English.
public final class Speller: @unchecked Sendable {
    public static let shared: Speller? = Speller(dictionary: "/usr/share/hunspell/en_US")

    private let handle: OpaquePointer
    private let lock = NSLock()

    /// `dictionary`: the path without `.aff` / `.dic`. Nil when either file is missing.
    public init?(dictionary: String) {
        let affix = dictionary + ".aff", words = dictionary + ".dic"
        guard FileManager.default.isReadableFile(atPath: affix), FileManager.default.isReadableFile(atPath: words),
              let handle = Hunspell_create(affix, words)
        else { return nil }
        self.handle = handle
    }

    deinit { Hunspell_destroy(handle) }

    /// Whether the dictionary accepts the word as it was typed (“Tesla”, “metformin”, “copay”).
    public func isWord(_ word: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return Hunspell_spell(handle, word) != 0
    }
}
