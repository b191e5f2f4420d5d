import Testing
@testable import Core

/// ByteTable against a dictionary: keys that share a long prefix and differ after it, keys that
/// differ only in trailing zero bytes, the empty key, and enough keys to grow the table several
/// times.
@Suite struct ByteTableTests {
    @Test func findsWhatWasStoredAndNothingElse() {
        var keys: [[UInt8]] = [[], [0], [0, 0], Array(repeating: 0, count: 16), Array(repeating: 0, count: 17)]
        let shared = Array("sixteen byte hea".utf8)
        for tail in ["", "d", "e", "dd", "de", "a much longer tail than the head"] { keys.append(shared + Array(tail.utf8)) }
        for length in 1...40 {
            for last: UInt8 in [1, 2, 255] { keys.append(Array(repeating: 7, count: length - 1) + [last]) }
        }
        var random = SeededRandom(state: 2026)
        for _ in 0..<20_000 {
            let bits = random.next()
            keys.append((0..<Int(bits >> 59)).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0 % 7))) &+ UInt8($0) })
        }
        var table = ByteTable()
        var model: [[UInt8]: Int32] = [:]
        for key in keys {
            let expected = model[key] ?? Int32(model.count)
            let value = key.withUnsafeBufferPointer { bytes in table.value(for: bytes) { Int32(model.count) } }
            #expect(value == expected, "key \(key)")
            model[key] = expected
        }
        #expect(table.count == model.count)
        for (key, value) in model {
            #expect(key.withUnsafeBufferPointer { table.value(for: $0) } == value, "key \(key)")
        }
        for absent in [shared + Array("df".utf8), Array(repeating: 0, count: 3), Array(repeating: 7, count: 41)] where model[absent] == nil {
            #expect(absent.withUnsafeBufferPointer { table.value(for: $0) } == nil, "key \(absent)")
        }
    }
}
