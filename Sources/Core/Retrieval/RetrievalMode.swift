/// Which retrievers rank passages (`--retriever`): BM25 over terms, sentence vectors, or both
/// fused (`Fusion`). Dense and hybrid need the sentence encoder's model (`SentenceEncoder`).
public enum RetrievalMode: String, Sendable, CaseIterable {
    case lexical, dense, hybrid
}
