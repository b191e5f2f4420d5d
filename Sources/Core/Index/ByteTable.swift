
/// An open-addressing hash table from byte strings to `Int32`, for the indexer's word → term
/// lookups and the tokenizer's word pieces: a `[String: Int32]` would build a `String` and run
/// SipHash for each of millions of tokens, where this hashes the token's bytes where they lie,
/// eight at a time, and compares them in place. The hash is seeded per table, so crafted words cannot be made to collide.
/// The table never shrinks.
struct ByteTable {
    /// A key's first bytes are kept in its slot, so that the slot alone decides nearly every
    /// probe: a miss in the table and another in the arena cost a build's lookups more than
    /// the comparing did. Only bytes past the first sixteen go to the arena.
    private struct Slot {
        var head: (UInt64, UInt64) = (0, 0)
        /// The hash's low half: the table's size is below 2^32 slots, so it places the slot too.
        var hash: UInt32 = 0
        /// The key's length plus one; zero marks an unused slot.
        var stored: UInt32 = 0
        var offset: UInt32 = 0
        var value: Int32 = 0
    }

    private static let headSize = 16

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
        return find(key, hash: hash, head: Self.head(of: key), from: &index)
    }

    /// The value stored for `key`, or the one `make` gives, stored then.
    mutating func value(for key: UnsafeBufferPointer<UInt8>, orInsert make: () -> Int32) -> Int32 {
        if slots.isEmpty {
            slots = [Slot](repeating: Slot(), count: 1 << 12)
            seed = UInt64.random(in: 0...UInt64.max)
        }
        let hash = Self.hash(key, seed: seed)
        let head = Self.head(of: key)
        var mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        if let found = find(key, hash: hash, head: head, from: &index) { return found }
        let value = make()
        if (count + 1) * 4 > slots.count * 3 {
            grow()
            mask = slots.count - 1
            index = Int(truncatingIfNeeded: hash) & mask
            while slots[index].stored != 0 { index = (index + 1) & mask }
        }
        slots[index] = Slot(head: head, hash: UInt32(truncatingIfNeeded: hash), stored: UInt32(key.count + 1),
                            offset: UInt32(arena.count), value: value)
        if key.count > Self.headSize { arena.append(contentsOf: key[Self.headSize...]) }
        count += 1
        return value
    }

    /// Probes from `index` for `key`: its value, or nil with `index` at the empty slot that ends the probe.
    @inline(__always)
    private func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, head: (UInt64, UInt64), from index: inout Int) -> Int32? {
        let mask = slots.count - 1
        let hash = UInt32(truncatingIfNeeded: hash)
        let stored = UInt32(key.count + 1)
        return slots.withUnsafeBufferPointer { slots in
            while slots[index].stored != 0 {
                let slot = slots[index]
                if slot.hash == hash, slot.stored == stored, slot.head == head,
                   key.count <= Self.headSize || tailEqual(key, at: Int(slot.offset)) {
                    return slot.value
                }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    private func tailEqual(_ key: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        arena.withUnsafeBufferPointer { arena in
            for index in Self.headSize..<key.count where arena[offset + index - Self.headSize] != key[index] { return false }
            return true
        }
    }

    /// The key's first sixteen bytes, zeros after a shorter key's end (the length tells
    /// keys that differ only in trailing zeros apart).
    @inline(__always)
    private static func head(of key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = key.baseAddress else { return (0, 0) }
        let bytes = UnsafeRawPointer(base)
        switch key.count {
        case 16...: return (bytes.loadUnaligned(as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        case 8...: return (bytes.loadUnaligned(as: UInt64.self), packed(base + 8, count: key.count - 8))
        default: return (packed(base, count: key.count), 0)
        }
    }

    /// Fewer than eight bytes as one word (keys of one length are packed alike, which is all
    /// comparing needs).
    @inline(__always)
    private static func packed(_ bytes: UnsafePointer<UInt8>, count: Int) -> UInt64 {
        var word: UInt64 = 0
        for index in 0..<count { word |= UInt64(bytes[index]) << (8 * UInt64(index)) }
        return word
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
        for slot in old where slot.stored != 0 {
            var index = Int(slot.hash) & mask
            while slots[index].stored != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
