import ArgumentParser
import Core

/// `kq sources`: the documents loaded, one a line.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sources", abstract: "List the documents in the Knowledge.")

    @OptionGroup var source: KnowledgeOptions

    func run() throws {
        let session = try source.openSession()
        StandardStreams.line(SourcesText(style: .forStandardOutput()).render(session.knowledge))
    }
}
