import CXXHash
import Foundation

/// An open-addressing hash table from byte strings to `Int32`, for the indexer's word → term
/// lookups: a `[String: Int32]` would build a `String` and run SipHash for each of millions of
/// tokens, where this hashes the token's bytes where they lie (XXH3) and compares them with
/// `memcmp`. Keys are copied into one arena; the table never shrinks.
struct ByteTable {
    private struct Slot {
        var hash: UInt64 = 0
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var value: Int32 = 0
        var used = false
    }

    private var slots = [Slot](repeating: Slot(), count: 1 << 12)
    private var arena: [UInt8] = []
    private(set) var count = 0

    /// The value stored for `key`, or the one `make` gives, stored then.
    mutating func value(for key: UnsafeBufferPointer<UInt8>, orInsert make: () -> Int32) -> Int32 {
        let hash = XXH3_64bits(key.baseAddress, key.count)
        var mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        let found: Int32? = slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while slots[index].used {
                    let slot = slots[index]
                    if slot.hash == hash, Int(slot.length) == key.count,
                       key.count == 0 || memcmp(arena.baseAddress! + Int(slot.offset), key.baseAddress!, key.count) == 0 {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
        if let found { return found }
        let value = make()
        if (count + 1) * 4 > slots.count * 3 {
            grow()
            mask = slots.count - 1
            index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].used { index = (index + 1) & mask }
        }
        slots[index] = Slot(hash: hash, offset: UInt32(arena.count), length: UInt32(key.count), value: value, used: true)
        arena.append(contentsOf: key)
        count += 1
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.used {
            var index = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[index].used { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
