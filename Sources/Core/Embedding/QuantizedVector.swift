/// A unit sentence vector stored in 8 bits a dimension: each value is `scale · code`, with
/// the scale the vector's largest magnitude over 127. A quarter of float32's size, so that the
/// exact matrix–vector product over every passage reads a quarter of the memory; the ranking
/// cost on MedQuAD is in the README.
public struct QuantizedVector: Sendable, Equatable {
    public let scale: Float
    public let codes: [Int8]

    public init(scale: Float, codes: [Int8]) {
        self.scale = scale
        self.codes = codes
    }

    public init(_ vector: [Float]) {
        // A damaged model can give NaN, which has no code: it is stored as 0.
        let vector = vector.map { $0.isFinite ? $0 : 0 }
        let largest = vector.reduce(0) { max($0, abs($1)) }
        let scale: Float = largest > 0 ? largest / 127 : 1
        self.scale = scale
        codes = vector.map { Int8(clamping: Int(($0 / scale).rounded())) }
    }

    public var values: [Float] { codes.map { Float($0) * scale } }
}
