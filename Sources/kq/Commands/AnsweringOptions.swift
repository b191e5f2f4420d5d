import ArgumentParser

/// Who may answer, and whether answers carry the medical reminder: shared by `ask` and the REPL.
struct AnsweringOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: ArgumentHelp("Let only this answerer answer, whatever its confidence (names: kq plugins).", valueName: "name"))
    var plugin: String?

    @Flag(name: .customLong("no-plugins"), help: "Answer with the core retriever alone.")
    var noPlugins = false

    @Flag(name: [.customShort("q"), .long], help: "Leave out the one-line reminder that the Knowledge is not medical advice.")
    var quiet = false

    func validate() throws {
        if plugin != nil && noPlugins { throw ValidationError("--plugin and --no-plugins cannot be used together") }
    }

    var choice: Session.Answerers {
        if let plugin { return .only(plugin) }
        return noPlugins ? .retrieverOnly : .all
    }
}
