import Foundation

/// A safetensors file (Hugging Face's weight format), memory-mapped: an 8-byte little-endian
/// header length, a JSON header naming each tensor's dtype, shape and byte range, then the raw
/// tensors. Tensors are read in place, so loading a 90 MB model costs a map and a JSON parse.
/// Only what kq's encoder needs is supported: little-endian F32 tensors, read whole.
public final class SafeTensors: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private struct Entry {
        let dtype: String
        let shape: [Int]
        let data_offsets: [Int]
    }

    private let storage: IndexStorage
    private let entries: [String: Entry]
    private let data: UnsafeRawBufferPointer

    public init(path: String) throws {
        do {
            storage = try IndexStorage(mapping: path)
        } catch {
            throw Failure(description: "cannot read \(path): \(error)")
        }
        let bytes = storage.bytes
        guard bytes.count >= 8 else { throw Failure(description: "\(path) is too short to be a safetensors file") }
        let headerLength = Int(clamping: UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self)))
        guard headerLength <= bytes.count - 8 else { throw Failure(description: "\(path) is truncated (its header runs past its end)") }
        let header = Data(bytes[8..<8 + headerLength])
        // `__metadata__` maps strings to strings; every other key is a tensor. Read from the
        // parsed objects rather than through `Decodable`, whose first use in a process cost
        // a cold hybrid ask more than the parse.
        guard var object = (try? JSONSerialization.jsonObject(with: header)) as? [String: Any] else {
            throw Failure(description: "\(path) has no readable safetensors header")
        }
        object["__metadata__"] = nil
        var entries: [String: Entry] = [:]
        for (name, value) in object {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String, let shape = fields["shape"] as? [Int],
                  let offsets = fields["data_offsets"] as? [Int] else {
                throw Failure(description: "\(path) has a malformed tensor list (\(name))")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, data_offsets: offsets)
        }
        self.entries = entries
        // The data section starts right after the header; each tensor's alignment is checked
        // when it is read.
        data = UnsafeRawBufferPointer(rebasing: bytes[(8 + headerLength)...])
        for (name, entry) in entries {
            guard entry.data_offsets.count == 2, entry.data_offsets[0] >= 0, entry.data_offsets[0] <= entry.data_offsets[1],
                  entry.data_offsets[1] <= data.count else {
                throw Failure(description: "\(path): tensor \(name) lies outside the file (truncated?)")
            }
        }
    }

    /// The F32 tensor `name`, which must have exactly `shape`, as floats in row-major order.
    public func floats(_ name: String, shape: [Int]) throws -> UnsafeBufferPointer<Float> {
        guard let entry = entries[name] else { throw Failure(description: "the model has no tensor \(name)") }
        guard entry.dtype == "F32" else { throw Failure(description: "tensor \(name) is \(entry.dtype), not F32") }
        guard entry.shape == shape else { throw Failure(description: "tensor \(name) has shape \(entry.shape), not \(shape)") }
        let count = shape.reduce(1, *)
        let range = entry.data_offsets[0]..<entry.data_offsets[1]
        guard range.count == count * 4 else { throw Failure(description: "tensor \(name) holds \(range.count) bytes, not \(count * 4)") }
        let raw = UnsafeRawBufferPointer(rebasing: data[range])
        guard Int(bitPattern: raw.baseAddress) % 4 == 0 else { throw Failure(description: "tensor \(name) is misaligned") }
        return raw.bindMemory(to: Float.self)
    }
}
