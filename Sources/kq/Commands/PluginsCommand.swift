import ArgumentParser
import Core
import Plugins

/// `kq plugins`: every answerer, one a line, in the order the router asks them.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugins", abstract: "List the answerers.")

    func run() throws {
        let router = Router(plugins: Registry.plugins(analyzer: try Analyzer.english()))
        StandardStreams.line(AnswerersText(style: .forStandardOutput()).render(router.answerers))
    }
}
