/// A ranked passage or document. Ordered by score, and on equal scores the lower id ranks
/// higher, so results never depend on hash or heap order.
public struct Hit: Comparable, Sendable {
    public let id: Int
    public let score: Double

    public init(id: Int, score: Double) {
        self.id = id
        self.score = score
    }

    public static func < (lhs: Hit, rhs: Hit) -> Bool {
        lhs.score != rhs.score ? lhs.score < rhs.score : lhs.id > rhs.id
    }
}
