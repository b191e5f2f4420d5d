/// Reading an index file's sections in place. Segments and the manifest lay out strings (a u64
/// of offset | length << 40 into a names section), sorted term lists and source-file records
/// the same way, so both read them here.
enum IndexBytes {
    @inline(__always)
    static func u64(_ section: UnsafeRawBufferPointer, _ index: Int) -> UInt64 {
        UInt64(littleEndian: section.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
    }

    /// The bytes `ref` names in `blob`; none when it points outside (a damaged file).
    static func bytes(_ ref: UInt64, in blob: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let offset = Int(ref & (1 << 40 - 1)), length = Int(ref >> 40)
        guard offset <= blob.count, length <= blob.count - offset else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: blob[offset..<offset + length])
    }

    /// The position of `wanted` among `count` string refs sorted by their bytes, by binary search.
    static func position(of wanted: UnsafeBufferPointer<UInt8>, in refs: UnsafeRawBufferPointer, count: Int,
                         names: UnsafeRawBufferPointer) -> Int? {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if bytes(u64(refs, mid), in: names).lexicographicallyPrecedes(wanted) { low = mid + 1 } else { high = mid }
        }
        return low < count && bytes(u64(refs, low), in: names).elementsEqual(wanted) ? low : nil
    }

    /// Source-file records: path ref, size, modification time ns (3 × u64 each).
    static func sources(_ records: UnsafeRawBufferPointer, names: UnsafeRawBufferPointer) -> [SourceFile] {
        (0..<records.count / 24).map { index in
            SourceFile(path: String(decoding: bytes(u64(records, 3 * index), in: names), as: UTF8.self),
                       size: Int64(bitPattern: u64(records, 3 * index + 1)), modified: Int64(bitPattern: u64(records, 3 * index + 2)))
        }
    }

    /// Whether the records are exactly `files`, path bytes, size and time, in order: the common
    /// case of an index check, answered without a String for each of thousands.
    static func records(_ records: UnsafeRawBufferPointer, names: UnsafeRawBufferPointer, match files: [SourceFile]) -> Bool {
        guard files.count == records.count / 24 else { return false }
        for (index, file) in files.enumerated() {
            guard u64(records, 3 * index + 1) == UInt64(bitPattern: file.size),
                  u64(records, 3 * index + 2) == UInt64(bitPattern: file.modified) else { return false }
            var path = file.path
            guard path.withUTF8({ bytes(u64(records, 3 * index), in: names).elementsEqual($0) }) else { return false }
        }
        return true
    }
}
