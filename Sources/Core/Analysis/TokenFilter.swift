/// One step of analysis after tokenizing, in the manner of Lucene's token filters: it rewrites a
/// term, or drops it by returning nil.
public protocol TokenFilter {
    func filter(_ term: String) -> String?
}
