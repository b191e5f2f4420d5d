import Foundation

/// A BEIR query file: one `{"_id": …, "text": …}` object a line.
public enum QueryFile {
    public struct Query: Decodable, Sendable, Equatable {
        public let _id: String
        public let text: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The bytes of an evaluation file, or a failure that says which file and why.
    static func contents(of url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw Failure(description: "cannot read \(url.path): \(ReadableError.describe(error))")
        }
    }

    public static func load(_ url: URL) throws -> [Query] {
        let data = try contents(of: url)
        let bytes = [UInt8](data)
        // Line numbers (from 0) and byte ranges of the lines that are not blank.
        var lines: [(number: Int, range: Range<Int>)] = []
        var start = 0
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.contains(where: { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }) { lines.append((number, start..<start + line.count)) }
            start += line.count + 1
        }
        // One decode of the lines as a JSON array: JSONDecoder's set-up costs more than a short
        // query line does. Only when that fails are the lines decoded one by one, to name the
        // line at fault.
        var array: [UInt8] = [UInt8(ascii: "[")]
        array.reserveCapacity(bytes.count + 2)
        for line in lines {
            if array.count > 1 { array.append(UInt8(ascii: ",")) }
            array += bytes[line.range]
        }
        array.append(UInt8(ascii: "]"))
        let decoder = JSONDecoder()
        // A line is one whole object, or two halves of one would be read as a query.
        if lines.allSatisfy({ Self.isOneObject(bytes[$0.range]) }),
           let queries = try? decoder.decode([Query].self, from: Data(array)), queries.count == lines.count {
            var first: [String: Int] = [:]
            for (query, line) in zip(queries, lines) {
                if let earlier = first[query._id] {
                    throw Failure(description: "\(url.path):\(line.number + 1): query id “\(query._id)” again (first on line \(earlier + 1))")
                }
                first[query._id] = line.number
            }
            return queries
        }
        for line in lines where !Self.isOneObject(bytes[line.range]) || (try? decoder.decode(Query.self, from: Data(bytes[line.range]))) == nil {
            throw Failure(description: "\(url.path):\(line.number + 1): not a query object with _id and text")
        }
        throw Failure(description: "\(url.path): not a BEIR query file")
    }

    /// Whether a line holds exactly one JSON object: it opens with `{` and its braces first
    /// close at its last `}`, strings and escapes skipped.
    static func isOneObject(_ line: ArraySlice<UInt8>) -> Bool {
        let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }.reversed()
        guard trimmed.first == UInt8(ascii: "{"), trimmed.last == UInt8(ascii: "}") else { return false }
        var depth = 0, inString = false, escaped = false
        for (offset, byte) in trimmed.enumerated() {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 && offset != trimmed.count - 1 { return false }
            default: break
            }
        }
        return depth == 0
    }
}
