import Core
import Foundation
import Testing

/// `--retriever dense|hybrid` end to end. They need the model the set-up step installs, which
/// `KQProcess` hides from other tests.
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
            try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", mode, "--format", "trec", "--top", "1", "a shot in the arm muscle"],
                              environment: KQProcess.withModel)
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

    /// Hybrid is the default once the model is installed; without it kq ranks lexically and
    /// says how to install the model the first time only.
    @Test func theDefaultIsHybridWhenTheModelIsInstalledElseLexicalSaidOnce() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = ["search", "--knowledge", folder.path, "--format", "trec", "--top", "1", "a shot in the arm muscle"]
        let installed = try KQProcess.run(arguments, environment: KQProcess.withModel)
        #expect(installed.stdout.hasPrefix("query Q0 injection.md 1 "), "\(installed.stdout) \(installed.stderr)")

        let without = ["XDG_DATA_HOME": folder.appendingPathComponent("data").path,
                       "XDG_STATE_HOME": folder.appendingPathComponent("state").path]
        let first = try KQProcess.run(arguments, environment: without), second = try KQProcess.run(arguments, environment: without)
        #expect(first.status == 0 && first.stdout.isEmpty && second.status == 0 && second.stdout.isEmpty)
        #expect(first.stderr.contains("ranking lexically") && first.stderr.contains("scripts/install-deps"), "\(first.stderr)")
        #expect(second.stderr.isEmpty, "\(second.stderr)")
    }

    /// An index built lexically gets its vectors the first time hybrid retrieval asks for them,
    /// and keeps them for lexical use after.
    @Test func anIndexBuiltWithoutVectorsGetsThemWhenAsked() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = KQProcess.withModel.merging(["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path]) { $1 }
        _ = try KQProcess.run(["index", "--knowledge", folder.path, "--retriever", "lexical"], environment: cache)
        let hybrid = try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", "hybrid", "--format", "trec", "--top", "1",
                                        "a shot in the arm muscle"], environment: cache)
        #expect(hybrid.stdout.hasPrefix("query Q0 injection.md 1 "), "\(hybrid.stdout) \(hybrid.stderr)")
        let again = try KQProcess.run(["search", "--knowledge", folder.path, "--retriever", "dense", "--format", "trec", "--top", "1",
                                       "a shot in the arm muscle"], environment: cache)
        #expect(again.stdout.hasPrefix("query Q0 injection.md 1 "), "\(again.stdout) \(again.stderr)")
    }

    @Test func explainShowsEachRetrieversRank() throws {
        let folder = try KQProcess.folder(with: Self.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let explained = try KQProcess.run(["ask", "--knowledge", folder.path, "--retriever", "hybrid", "--explain", "What makes a balanced diet?"],
                                           environment: KQProcess.withModel)
        #expect(explained.stdout.contains("Retrieval: lexical rank 1, dense rank 1, fused score 0.0328"), "\(explained.stdout)")
        let lexical = try KQProcess.run(["ask", "--knowledge", folder.path, "--retriever", "lexical", "--explain", "What makes a balanced diet?"])
        #expect(!lexical.stdout.contains("Retrieval:"))
    }
}
