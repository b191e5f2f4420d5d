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

    public static func load(_ url: URL) throws -> [Query] {
        guard let data = try? Data(contentsOf: url) else { throw Failure(description: "cannot read \(url.path)") }
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
        if let queries = try? decoder.decode([Query].self, from: Data(array)), queries.count == lines.count { return queries }
        for line in lines where (try? decoder.decode(Query.self, from: Data(bytes[line.range]))) == nil {
            throw Failure(description: "\(url.path):\(line.number + 1): not a query object with _id and text")
        }
        throw Failure(description: "\(url.path): not a BEIR query file")
    }
}
