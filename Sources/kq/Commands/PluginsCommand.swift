import ArgumentParser
import Core
import Foundation
import Plugins

/// `kq plugins`: the answerers and the files they came from; `check`, `new` and `trust` for
/// writing and adding answerer packs.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins", abstract: "List the answerers; check, start or trust answerer packs.",
        subcommands: [List.self, Check.self, New.self, Trust.self], defaultSubcommand: List.self)

    /// Every answerer, one a line, in the order the router asks them, with its file.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the answerers and where each came from.")

        @OptionGroup var knowledge: KnowledgeOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let root = try? knowledge.resolve(environment: environment)
            let loaded = InstalledAnswerers.load(root: root, analyzer: try Analyzer.english(), environment: environment)
            let router = Router(plugins: loaded.map(\.answerer))
            let files = Dictionary(loaded.map { ($0.answerer.name, $0.file) }, uniquingKeysWith: { $1 })
            StandardStreams.line(AnswerersText(style: .forStandardOutput()).render(router.answerers, files: files))
        }
    }

    /// Reads a pack as kq would and lists every problem, with its line.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check an answerer pack; list each problem with its line.")

        @Argument(help: "The pack file (.yaml).")
        var file: String

        func run() throws {
            let url = URL(fileURLWithPath: file)
            switch Registry.read(url) {
            case .failure(let problems):
                for problem in problems.all { StandardStreams.error(Sanitizer.clean(problem.description, keepNewlines: false) + "\n") }
                throw ExitCode(2)
            case .success(let pack):
                let analyzer = try Analyzer.english()
                let overlaps = PackOverlap.problems(of: pack, against: Registry.bundledPacks(), analyzer: analyzer)
                for problem in overlaps { StandardStreams.error(Sanitizer.clean(problem.description, keepNewlines: false) + "\n") }
                guard overlaps.isEmpty else { throw ExitCode(2) }
                StandardStreams.line(Sanitizer.clean("\(file): the answerer \(pack.name), \(pack.aspects.count) aspects: no problems", keepNewlines: false))
            }
        }
    }

    /// Writes a commented pack to start from.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "new", abstract: "Write a commented answerer pack to start from (NAME.yaml).")

        @Argument(help: "The answerer's name: lowercase letters, digits and hyphens.")
        var name: String

        @Option(help: "The folder to write it in (default: the current one).")
        var folder = "."

        func validate() throws {
            guard AnswererPack.isValidName(name) else {
                throw ValidationError("NAME: lowercase letters, digits and hyphens")
            }
        }

        func run() throws {
            let url = URL(fileURLWithPath: folder).appendingPathComponent("\(name).yaml")
            do {
                try Data(PackTemplate.text(name: name).utf8).write(to: url, options: .withoutOverwriting)
            } catch CocoaError.fileWriteFileExists {
                throw KQFailure("\(url.path) exists; not replaced")
            } catch {
                throw KQFailure("cannot write \(url.path): \(ReadableError.describe(error))")
            }
            StandardStreams.line(Sanitizer.clean("wrote \(url.path); check it with: kq plugins check \(url.path)", keepNewlines: false))
        }
    }

    /// Lets a Knowledge folder's own answerers load.
    struct Trust: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "trust", abstract: "Load the answerers a Knowledge folder brings (.kq/answerers).")

        @OptionGroup var knowledge: KnowledgeOptions

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let root = try knowledge.resolve(environment: environment)
            guard let trust = InstalledAnswerers.trust(environment: environment) else {
                throw KQFailure("no configuration folder: set XDG_CONFIG_HOME or HOME")
            }
            do {
                try trust.trust(root)
            } catch {
                throw KQFailure("cannot record the trust in \(trust.file.path): \(ReadableError.describe(error))")
            }
            let packs = AnswererFolders.holdsAnswerers(root) ? "its answerers load from now on" : "it brings no answerers yet (.kq/answerers)"
            StandardStreams.line(Sanitizer.clean("trusted \(root.path): \(packs)", keepNewlines: false))
        }
    }
}
