import Core
import Foundation
import Testing

/// `--retriever dense|hybrid` end to end. They need the model the set-up step installs.
@Suite struct HybridRetrievalTests {
    /// The passage says "intramuscular" and "deltoid"; the question says neither, nor anything
    /// else the passage holds: only the sentence vectors can connect them.
    static let files = [
        "injection.md": "# Vaccine schedule\n\nThe dose is given by intramuscular injection into the deltoid of the upper limb.\n",
        "diet.md": "# Eating well\n\nFresh vegetables and whole grains make a balanced diet for most adults.\n",
        "sleep.md": "# Sleep hygiene\n\nKeep a regular bedtime and avoid screens late in the evening.\n",
    ]

    @Test func onlyTheDenseSideFindsAParaphrase() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let search = { (mode: String) in
            try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", mode, "--format", "trec", "--top", "1", "a shot in the arm muscle"])
        }
        let lexical = try search("lexical"), dense = try search("dense"), hybrid = try search("hybrid")
        #expect(lexical.stdout.isEmpty, "\(lexical.stdout)")
        #expect(dense.stdout.hasPrefix("query Q0 injection.md 1 "), "\(dense.stdout) \(dense.stderr)")
        #expect(hybrid.stdout.hasPrefix("query Q0 injection.md 1 "), "\(hybrid.stdout) \(hybrid.stderr)")
    }

    /// Without a usable model kq says why once and ranks lexically: a missing model folder, and
    /// a model file cut short.
    @Test func aMissingOrDamagedModelFallsBackToLexicalWithAMessage() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        let model = data.appendingPathComponent("kq/models/all-MiniLM-L6-v2")
        let arguments = ["search", "--knowledge", folder.path, "--retriever", "hybrid", "--format", "trec", "balanced diet"]
        let missing = try KQProcess.run(arguments, environment: ["XDG_DATA_HOME": data.path])
        #expect(missing.status == 0 && missing.stdout.hasPrefix("query Q0 diet.md 1 "))
        #expect(missing.stderr.contains("no sentence encoder") && missing.stderr.contains("ranking lexically"), "\(missing.stderr)")

        try FileManager.default.createDirectory(at: model.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SentenceEncoder.installedFolder(), to: model)
        let weights = model.appendingPathComponent("model.safetensors")
        let handle = try FileHandle(forWritingTo: weights)
        try handle.truncate(atOffset: 1_000_000)
        try handle.close()
        let damaged = try KQProcess.run(arguments, environment: ["XDG_DATA_HOME": data.path])
        #expect(damaged.status == 0 && damaged.stdout.hasPrefix("query Q0 diet.md 1 "))
        #expect(damaged.stderr.contains("no sentence encoder") && damaged.stderr.contains("truncated"), "\(damaged.stderr)")
    }

    /// An index built lexically gets its vectors the first time hybrid retrieval asks for them,
    /// and keeps them for lexical use after.
    @Test func anIndexBuiltWithoutVectorsGetsThemWhenAsked() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]
        _ = try KQProcess.run(["index", "--knowledge", folder.path], environment: cache)
        let hybrid = try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", "hybrid", "--format", "trec", "--top", "1",
                                        "a shot in the arm muscle"], environment: cache)
        #expect(hybrid.stdout.hasPrefix("query Q0 injection.md 1 "), "\(hybrid.stdout) \(hybrid.stderr)")
        let again = try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", "dense", "--format", "trec", "--top", "1",
                                       "a shot in the arm muscle"], environment: cache)
        #expect(again.stdout.hasPrefix("query Q0 injection.md 1 "), "\(again.stdout) \(again.stderr)")
    }
}
