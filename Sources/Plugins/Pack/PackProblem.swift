/// Something wrong with an answerer pack: the file, the line when one is to blame, and what was
/// expected there.
public struct PackProblem: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int?
    public let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
