/// A line typed at the REPL that starts with `:`.
enum REPLCommand: Equatable {
    case help
    case sources
    case plugins
    case top(Int?)
    case explain
    case new
    case quit
    case invalid(String)

    static let names = [":help", ":sources", ":plugins", ":top", ":explain", ":new", ":quit"]

    static let helpText = """
    Type a question and press Return. Commands:
      :help        this help
      :sources     the documents loaded
      :plugins     the answerers and what each is for
      :top N       how many top passages an answer may draw on (now: %d)
      :explain     how the last question was read and why it was answered so: what it asked,
                   its subjects, each answerer's confidence, the cited passage's term scores
      :new         forget what the last questions were about (a question naming nothing new
                   otherwise keeps their subject: "and how much does it cost?")
      :quit        leave (or Ctrl-D)
    Keys: arrows and emacs keys edit, Up/Down walk history, Ctrl-R searches it, Tab completes
    commands, Ctrl-C abandons the line.
    """

    init(parsing line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        let name = words.first.map(String.init) ?? ""
        let argument = words.dropFirst().first.map(String.init)
        switch name {
        case ":help", ":h", ":?": self = .help
        case ":sources": self = .sources
        case ":plugins": self = .plugins
        case ":explain": self = .explain
        case ":new": self = .new
        case ":quit", ":q", ":exit": self = .quit
        case ":top":
            if let argument {
                if let n = Int(argument), n > 0 { self = .top(n) } else { self = .invalid(":top takes a whole number from 1 up") }
            } else {
                self = .top(nil)
            }
        default: self = .invalid("unknown command \(name); :help lists them")
        }
    }
}
