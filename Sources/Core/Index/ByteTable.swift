
/// An open-addressing hash table from byte strings to `Int32`, for the indexer's word → term
/// lookups and the tokenizer's word pieces: a `[String: Int32]` would build a `String` and run
/// SipHash for each of millions of tokens, where this hashes the token's bytes where they lie,
/// eight at a time, and compares them in place. The hash is seeded per table, so crafted words cannot be made to collide.
/// Keys are copied into one arena; the table never shrinks.
struct ByteTable {
    private struct Slot {
        var hash: UInt64 = 0
        var offset: UInt32 = 0
        var length: UInt32 = 0
        var value: Int32 = 0
        var used = false
    }

    // Empty until the first insertion: an unused table (a placeholder swapped in while the
    // real one is lent out) costs nothing to make.
    private var slots: [Slot] = []
    private var seed: UInt64 = 0
    private var arena: [UInt8] = []
    private(set) var count = 0

    /// The value stored for `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard !slots.isEmpty else { return nil }
        let hash = Self.hash(key, seed: seed)
        var index = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        return find(key, hash: hash, from: &index)
    }

    /// The value stored for `key`, or the one `make` gives, stored then.
    mutating func value(for key: UnsafeBufferPointer<UInt8>, orInsert make: () -> Int32) -> Int32 {
        if slots.isEmpty {
            slots = [Slot](repeating: Slot(), count: 1 << 12)
            seed = UInt64.random(in: 0...UInt64.max)
        }
        let hash = Self.hash(key, seed: seed)
        var mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        if let found = find(key, hash: hash, from: &index) { return found }
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

    /// Probes from `index` for `key`: its value, or nil with `index` at the empty slot that ends the probe.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, from index: inout Int) -> Int32? {
        let mask = slots.count - 1
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while slots[index].used {
                    let slot = slots[index]
                    if slot.hash == hash, Int(slot.length) == key.count,
                       Self.equal(arena.baseAddress! + Int(slot.offset), key) {
                        return slot.value
                    }
                    index = (index + 1) & mask
                }
                return nil
            }
        }
    }

    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<key.count where stored[index] != key[index] { return false }
        return true
    }

    /// Eight bytes at a time, each word folded in with a multiply and a shift (as in
    /// MurmurHash3's finaliser); the tail is packed into one last word.
    @inline(__always)
    private static func hash(_ key: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed ^ UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15
        guard let base = key.baseAddress else { return hash }
        var index = 0
        while index + 8 <= key.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < key.count {
            tail |= UInt64(base[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
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
